"""align.aligner.tokens: words as decoder tokens, one pronunciation a reading."""

from __future__ import annotations

from align.aligner.tokens import Vocabulary, pronunciations, tokens_of


def test_made_up_tokens_get_one_pronunciation_per_reading() -> None:
    vocab = Vocabulary()
    tokens, owners = tokens_of(["[laughs]", "AI", "coffee"], lambda w: w in {"ai", "coffee"}, vocab)
    assert owners == (1, 2) and tokens[1] == "coffee" and tokens[0].startswith("~")
    lookup = {"ai": "AY", "coffee": "K AA F IY"}.get
    assert pronunciations(vocab.readings[tokens[0]], lookup, {}) == ["EY AY", "AY"]

"""align.readers.tokens: a paragraph as caption tokens, inline stamps as anchors."""

from __future__ import annotations

from align.readers import tokenize


def test_tokenize_keeps_punctuation_against_stamps() -> None:
    toks = tokenize("that was [inaudible 00:29:22]. Something")
    assert [t.text for t in toks] == ["that", "was", "[inaudible].", "Something"]
    toks = tokenize("before [00:01:02] after")
    assert [(t.text, t.anchor_ms) for t in toks] == [("before", None), ("after", 62_000)]

"""align.readers (the package) and its registry: readers found by name or by what a text looks like."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from align.readers import (
    READERS,
    Context,
    RawTurn,
    Reader,
    Transcript,
    UnknownInputFormatError,
    detect,
    parse_transcript,
    reader_for,
    register,
)
from align.readers.model import Paragraph, Token


def _one_turn(text: str, ctx: Context) -> Transcript:
    tokens = tuple(Token(w) for w in text.split())
    return Transcript(ctx.path, ctx.encoding, (RawTurn("Voice", 1, None, 1000, (Paragraph(1, tokens),)),),
                      reader="words")


# A made-up layout: a text that starts with WORDS is all this reader's.
WORDS = Reader("words", "words, one voice", "WORDS Hello there.", lambda text: float(text.startswith("WORDS")),
               _one_turn)


@pytest.fixture
def with_words() -> Iterator[Reader]:
    """The registry with one more reader in it, for the length of one test."""
    saved = dict(READERS)
    register(WORDS)
    try:
        yield WORDS
    finally:
        READERS.clear()
        READERS.update(saved)


KNOWN = ["bracketed", "captions", "json", "segments", "otter", "speaker-time", "markdown", "webpage", "plain"]


def test_the_readers_are_registered() -> None:
    assert list(READERS) == KNOWN
    reader = reader_for("Bracketed")
    assert reader.name == "bracketed" and reader.example.startswith("[00:13:36] ")


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(UnknownInputFormatError,
                       match=f"^no transcript format 'rev'; the formats are {', '.join(KNOWN)}$"):
        reader_for("rev")


def test_detect_takes_the_reader_whose_sniff_scores_highest(with_words: Reader) -> None:
    assert detect("[00:00:01] Ann Lee: Hi.\n") is READERS["bracketed"]
    assert detect("WORDS and more words\n") is with_words
    transcript = parse_transcript("WORDS and more words\n")
    assert transcript.reader == "words" and transcript.turns[0].label == "Voice"


def test_detect_keeps_the_first_registered_on_a_tie(with_words: Reader) -> None:
    register(Reader("late", "", "", lambda text: 1.0, _one_turn))
    assert detect("[00:00:01] Ann Lee: Hi.\n") is READERS["bracketed"]
    assert detect("WORDS first\n") is with_words  # registered before "late"


def test_a_named_reader_is_used_whatever_the_text_looks_like(with_words: Reader) -> None:
    text = "[00:00:01] Ann Lee: Hi.\n"
    assert parse_transcript(text, input_format="words").reader == "words"
    assert parse_transcript(text, input_format="bracketed").turns[0].label == "Ann Lee"


def test_a_later_reader_of_the_same_name_replaces_the_first(with_words: Reader) -> None:
    other = register(Reader("words", "other", "", lambda text: 0.0, _one_turn))
    assert READERS["words"] is other and list(READERS) == [*KNOWN, "words"]  # in the place of the first


def test_text_not_in_unicode_is_noted_first() -> None:
    t = parse_transcript("[00:00:01] Ann Lee: Olá.\n", path="x.txt", encoding="cp1252")
    assert str(t.diagnostics[0]) == "x.txt: not UTF-8; read as Windows-1252 (Latin-1)"
    assert t.encoding == "cp1252" and t.turns[0].label == "Ann Lee"
    t = parse_transcript("[00:00:01] Ann Lee: Olá.\n", path="x.txt", encoding="utf-16-le")
    assert not any("UTF-8" in str(d) for d in t.diagnostics)


def test_a_token_is_one_word() -> None:
    for bad in ("", "two words", "tab\there"):
        with pytest.raises(ValueError, match="a token is one non-empty word"):
            Token(bad)

"""align.readers.tokens: a paragraph as caption tokens, inline stamps as anchors."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from align.errors import Diagnostic
from align.readers import tokenize


def test_tokenize_keeps_punctuation_against_stamps() -> None:
    toks = tokenize("that was [inaudible 00:29:22]. Something")
    assert [t.text for t in toks] == ["that", "was", "[inaudible].", "Something"]
    toks = tokenize("before [00:01:02] after")
    assert [(t.text, t.anchor_ms) for t in toks] == [("before", None), ("after", 62_000)]


def test_a_note_of_several_words_is_one_token_a_word() -> None:
    toks = tokenize("we [cross talk 00:08:50] agreed")
    assert [(t.text, t.anchor_ms, t.note) for t in toks] == [
        ("we", None, False), ("[cross", 530_000, True), ("talk]", None, True), ("agreed", None, False)]


def test_a_note_written_against_a_word_stays_attached_to_it() -> None:
    toks = tokenize("so[inaudible 00:00:05]and then")
    assert [(t.text, t.anchor_ms, t.note) for t in toks] == [
        ("so[inaudible]and", 5000, True), ("then", None, False)]


def test_a_malformed_inline_time_is_kept_as_text_and_reported() -> None:
    diags: list[Diagnostic] = []
    toks = tokenize("that was [inaudible 00:99:00] odd", "t.txt", 7, diags)
    assert [t.text for t in toks] == ["that", "was", "[inaudible", "00:99:00]", "odd"]
    assert [t.note for t in toks] == [False, False, True, True, False]
    assert [str(d) for d in diags] == ["t.txt:7: malformed time in “[inaudible 00:99:00]”; kept as text"]
    assert [t.text for t in tokenize("[inaudible 00:99:00]")] == ["[inaudible", "00:99:00]"]  # no list: no report


def test_an_inline_stamp_keeps_its_precision() -> None:
    (tok,) = tokenize("[inaudible 00:00:01.250]")
    assert (tok.anchor_ms, tok.anchor_precision_ms) == (1250, 1)
    before, after = tokenize("a [00:00:02] b")
    assert (after.anchor_ms, after.anchor_precision_ms) == (2000, 1000) and before.anchor_ms is None


@given(st.lists(st.text(alphabet="abcxyz.,’“”-", min_size=1, max_size=8), min_size=1, max_size=30))
def test_text_without_stamps_is_split_on_white_space(words: list[str]) -> None:
    assert [t.text for t in tokenize(" ".join(words))] == words
    assert not any(t.anchor_ms is not None for t in tokenize("  ".join(words)))

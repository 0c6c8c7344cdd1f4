"""align.text: the one normaliser, the words built on it, and the lexicon."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.text import (
    ARTICLES,
    NAME_PARTICLES,
    bare,
    ends_clause,
    ends_sentence,
    fold,
    initials,
    is_dash,
    match_words,
    plain,
)


def test_initials() -> None:
    assert initials("Connor Leahy") == "CL"
    assert initials("John von Neumann") == "JN"


def test_initials_of_one_word_and_of_a_script_without_case() -> None:
    assert initials("ANNOUNCER") == "A"
    assert initials("王伟") == "王伟"
    assert initials("ibn battuta") == "ibn battuta"  # no capital at all: the name is its own key


@pytest.mark.parametrize(("text", "expected"), [
    ("Don’t", ["dont"]),
    ("“Hello,” she said—quietly…", ["hello", "she", "said", "quietly"]),
    ("open-source AI's", ["open", "source", "ais"]),
    ("  ¡ ... !  ", []),
])
def test_tokens(text: str, expected: list[str]) -> None:
    assert match_words(text) == expected


def test_match_words_splits_at_slashes_and_ellipses() -> None:
    assert match_words("and/or...maybe") == ["and", "or", "maybe"]


@pytest.mark.parametrize(("text", "expected"), [
    ("it’s “fine” – ok…", "it's \"fine\" - ok..."),
    ("x²", "x2"),
    ("ﬁne", "fine"),
    ("‘a’ „b“ «c»", "'a' \"b\" \"c\""),
    ("plain ASCII stays", "plain ASCII stays"),
])
def test_plain_folds_compatibility_forms_and_typography(text: str, expected: str) -> None:
    assert plain(text) == expected


def test_fold_keeps_words_only() -> None:
    assert fold("  Hello,   WORLD — it’s__me!  ") == "hello world it s me"
    assert fold("…") == ""


@pytest.mark.parametrize(("word", "expected"), [
    ("“Don’t,", "don't"), ("The", "the"), ("(and", "and"), ("ends.", "ends"), ("’90s", "90s"), ("—", ""),
])
def test_bare_is_how_the_lexicon_spells_a_word(word: str, expected: str) -> None:
    assert bare(word) == expected


@pytest.mark.parametrize(("word", "sentence", "clause"), [
    ("possible.", True, False),
    ("“No.”", True, False),
    ("ago?)", True, False),
    ("wait…", True, False),
    ("coffee,", False, True),
    ("so:", False, True),
    ("then –", False, True),
    ("—", False, True),
    ("-", False, True),
    ("Dr", False, False),
    ("e.g", False, False),
])
def test_sentence_and_clause_ends(word: str, sentence: bool, clause: bool) -> None:
    assert ends_sentence(word) is sentence
    assert ends_clause(word) is clause


def test_a_dash_stands_alone() -> None:
    assert is_dash("–") and is_dash("--") and not is_dash("well-known") and not is_dash("-1")


def test_lexicon_entries_are_bare_words() -> None:
    assert "the" in ARTICLES and "von" in NAME_PARTICLES
    assert all(bare(w) == w for w in ARTICLES | NAME_PARTICLES)


@given(st.text())
def test_plain_is_idempotent_and_fold_is_plain_lower_words(text: str) -> None:
    once = plain(text)
    assert plain(once) == once
    folded = fold(text)
    assert folded == folded.strip() and "  " not in folded
    assert fold(folded) == folded

"""align.aligner.normalize: written words as the readings the decoder may hear."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from align.aligner.normalize import clean, readings, spoken_words

KNOWN = frozenset(
    "ai the deep mind open source no coffee it's github hello world nasa cern k percent".split()
)


def known(word: str) -> bool:
    return word in KNOWN


def test_clean_strips_punctuation_and_curly_quotes() -> None:
    assert clean("“No,") == "No"
    assert clean("it’s.") == "it's"
    assert clean("'90s") == "'90s"
    assert clean("—") == ""


def test_readings_of_plain_and_known_words() -> None:
    assert readings("Coffee,", known) == (("coffee",),)
    assert readings("“No,", known) == (("no",),)
    assert readings("—", known) == ()
    assert readings("&", known) == (("and",),)


def test_acronyms_are_spelled_and_kept_as_words() -> None:
    assert readings("AI", known) == (("A", "I"), ("ai",))
    assert readings("OSI’s", known)[0] == ("O", "S", "I", "'s")
    assert readings("NASA-CERN", known)[:2] == (
        ("N", "A", "S", "A", "C", "E", "R", "N"), ("nasa", "cern"))
    assert readings("GPUs,", known)[0] == ("G", "P", "U", "'s")


def test_camel_case_and_hyphens_split_into_known_parts() -> None:
    assert ("deep", "mind") in readings("DeepMind", known)
    assert ("open", "source") in readings("open-source", known)
    gpt3 = readings("GPT-3", known)
    assert ("G", "P", "T", "three") in gpt3
    assert ("GPT-3",) in gpt3  # as written, for eSpeak NG


def test_unknown_words_go_to_the_guesser_as_written() -> None:
    assert readings("Maffulli", known) == (("Maffulli",),)


def test_bracketed_notes_are_not_spoken() -> None:
    words = ["[inaudible]", "hello", "[crosstalk", "00:12:03]", "(laughs)", "world", "(which", "is)"]
    out = spoken_words(words, known)
    assert [bool(r) for r in out] == [False, True, False, False, False, True, True, True]


@given(st.lists(st.text(min_size=1, max_size=12).filter(lambda w: not w.isspace()), max_size=20))
def test_every_word_gets_readings_or_none(words: list[str]) -> None:
    out = spoken_words(words, known)
    assert len(out) == len(words)
    for readings_ in out:
        assert all(reading and all(item for item in reading) for reading in readings_)

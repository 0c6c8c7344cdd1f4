"""align.model: words, turns and cues check themselves."""

from __future__ import annotations

import pytest

from align.model import Cue, Speaker, Turn, Word
from tests.support import CL


@pytest.mark.parametrize(("text", "start", "end"), [("", 0, 1), ("two words", 0, 1), ("a", -1, 5), ("a", 5, 4)])
def test_a_word_is_one_token_in_time_order(text: str, start: int, end: int) -> None:
    with pytest.raises(ValueError):
        Word(text, start, end)


def test_a_word_may_take_no_time() -> None:
    assert Word("[laughs]", 500, 500).end_ms == 500


@pytest.mark.parametrize(("start", "end", "lines"), [
    (0, 0, ("a",)), (-1, 5, ("a",)), (5, 4, ("a",)), (0, 5, ()), (0, 5, ("a", " ")),
])
def test_a_cue_is_a_positive_span_of_non_blank_lines(start: int, end: int, lines: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        Cue(start, end, lines, CL, 0, 0, 1)


def test_a_cue_reads_as_its_lines() -> None:
    cue = Cue(0, 900, ("Welcome to the show,", "everyone."), CL, 3, 4, 5)
    assert cue.text == "Welcome to the show, everyone." and cue.label == ""


def test_a_turn_spans_its_words_or_sits_at_its_marker() -> None:
    words = (Word("Hello", 1200, 1500), Word("there.", 1550, 1900))
    turn = Turn(0, CL, 3, 1000, words)
    assert (turn.start_ms, turn.end_ms, turn.text) == (1200, 1900, "Hello there.")
    assert (Turn(1, CL, 5, 7000, ()).start_ms, Turn(1, CL, 5, 7000, ()).end_ms) == (7000, 7000)
    assert (Turn(2, CL, 7, None, ()).start_ms, Turn(2, CL, 7, None, ()).text) == (0, "")
    assert turn.paragraph_starts == (0,) and turn.confidence == 1.0 and not turn.aligned


@pytest.mark.parametrize("value", ["", " CL", "CL ", "Ann\nLee", "bell\x07"])
def test_a_speaker_is_one_printable_line(value: str) -> None:
    with pytest.raises(ValueError, match="a speaker's key and name are one line with single spaces"):
        Speaker(value, "Ann Lee")
    with pytest.raises(ValueError, match="a speaker's key and name are one line with single spaces"):
        Speaker("AL", value)

"""align.readers.heads: the shape of every head a line can open a turn with."""

from __future__ import annotations

import pytest

from align.readers.heads import Shape, head

CASES = [
    ("**Carmen Andoh:** Welcome, everybody", Shape.BOLD_NAME_COLON, "Carmen Andoh", None, "Welcome, everybody"),
    ("**Rob Pike:** \\[04:22\\] 45 minutes.", Shape.BOLD_NAME_COLON, "Rob Pike", "04:22", "45 minutes."),
    ("**Rob Pike**: Hi.", Shape.BOLD_NAME_COLON, "Rob Pike", None, "Hi."),
    ("**Speaker 1 (00:00):**", Shape.BOLD_NAME_COLON, "Speaker 1", "00:00", ""),
    ("**Adam** [00:01:02] Hello there", Shape.BOLD_NAME_STAMP, "Adam", "00:01:02", "Hello there"),
    ("0:00:36.2 **Adam Garrett-Harris** I'm Adam.", Shape.BOLD_NAME_TEXT, "Adam Garrett-Harris", "0:00:36.2",
     "I'm Adam."),
    ("**[00:00:40]** She says", Shape.BOLD_STAMP, None, "00:00:40", "She says"),
    ("**Rob Pike**", Shape.BOLD_NAME_ALONE, "Rob Pike", None, ""),
    ("Rob Pike", Shape.NAME_ALONE, "Rob Pike", None, ""),
    ("Emma  0:00", Shape.NAME_SPACED_STAMP, "Emma", "0:00", ""),
    ("Tomás Reyes  1:00:04", Shape.NAME_SPACED_STAMP, "Tomás Reyes", "1:00:04", ""),
    ("Unknown Speaker\t53:29", Shape.NAME_SPACED_STAMP, "Unknown Speaker", "53:29", ""),
    ("0:15", Shape.STAMP_ALONE, None, "0:15", ""),
    ("\\[100:08\\]", Shape.STAMP_ALONE, None, "100:08", ""),
    ("[Speaker 1] [00:00] Alright.", Shape.BRACKET_NAME_STAMP, "Speaker 1", "00:00", "Alright."),
    ("[00:01:07] [Speaker 4] That's right.", Shape.BRACKET_NAME_STAMP, "Speaker 4", "00:01:07", "That's right."),
    ("[SPEAKER_00]: hello", Shape.BRACKET_NAME, "SPEAKER_00", None, "hello"),
    ("[00:00.000 --> 00:04.000]  And so", Shape.STAMP_RANGE, None, "00:00.000", "And so"),
    ("[00:00:01.000 --> 00:00:04.000] Maya: Hi", Shape.STAMP_RANGE, "Maya", "00:00:01.000", "Hi"),
    ("0:03 general kenobi", Shape.STAMP_TEXT, None, "0:03", "general kenobi"),
    ("Tim Ruffing: 00:00:00", Shape.NAME_STAMP, "Tim Ruffing", "00:00:00", ""),
    ("Speaker 1 (00:00): Hi John", Shape.NAME_STAMP, "Speaker 1", "00:00", "Hi John"),
    ("Jane [1:05]: text", Shape.NAME_STAMP, "Jane", "1:05", "text"),
    ("Jane: [1:05] text", Shape.NAME_STAMP, "Jane", "1:05", "text"),
    ("Speaker 2 - 00:00:05", Shape.NAME_STAMP, "Speaker 2", "00:00:05", ""),
    ("[Alice] 14:05:12", Shape.NAME_STAMP, "Alice", "14:05:12", ""),
    ("00:01:02 Maya Okafor: Welcome", Shape.STAMP_NAME_COLON, "Maya Okafor", "00:01:02", "Welcome"),
    ("[00:00:13] Maya: hi", Shape.BRACKETED, "Maya", "00:00:13", "hi"),
    ("Maya Okafor: Welcome", Shape.NAME_COLON, "Maya Okafor", None, "Welcome"),
    ("SPEAKER 2:", Shape.NAME_COLON_ALONE, "SPEAKER 2", None, ""),
    ("I: So how are you", Shape.NAME_COLON, "I", None, "So how are you"),
    ("**Speaker 1** *(00:01)*: Hello", Shape.BOLD_NAME_STAMP, "Speaker 1", "00:01", "Hello"),
    ("Ann Lee\t00:00:05\tHello there.", Shape.NAME_STAMP, "Ann Lee", "00:00:05", "Hello there."),
    ("00:00:05\tAnn Lee\tHello there.", Shape.STAMP_NAME_COLON, "Ann Lee", "00:00:05", "Hello there."),
    ("Lex Fridman (00:01:02) And so it begins.", Shape.NAME_STAMP, "Lex Fridman", "00:01:02", "And so it begins."),
]


@pytest.mark.parametrize(("line", "shape", "label", "stamp", "text"), CASES)
def test_each_shape(line: str, shape: Shape, label: str | None, stamp: str | None, text: str) -> None:
    found = head(line)
    assert found is not None
    assert (found.shape, found.label, found.stamp, found.text) == (shape, label, stamp, text)


@pytest.mark.parametrize("line", [
    "So: what then", "The thing is: nothing", "Episode 12: transcript", "Note: this matters",
    "## Nesting", "Just as a warning, don't do this at home.", "Yes, of course.", "The Early Days",
    "\\[08:23\\] So we had worked together", "00:00:01,000 --> 00:00:03,500", "[Music]", "",
])
def test_lines_that_open_no_turn(line: str) -> None:
    assert head(line) is None

"""align.cues.labels: which cue names its speaker in SRT, and how."""

from __future__ import annotations

import pytest

from align.cues import LabelMode, label_for, speaker_changes
from align.model import Turn, Word
from tests.support import CL, SM

TURNS = [
    Turn(0, CL, 1, 0, (Word("Hi.", 0, 300),)),
    Turn(1, CL, 3, 1000, (Word("Again.", 1000, 1300),)),
    Turn(2, SM, 5, None, ()),  # no words: not a change, and nothing to label
    Turn(3, CL, 7, 3000, (Word("Still", 3000, 3300), Word("me.", 3300, 3600))),
    Turn(4, SM, 9, 4000, (Word("Yes.", 4000, 4300),)),
]


def test_a_change_is_a_turn_whose_speaker_differs_from_the_last_one_heard() -> None:
    assert speaker_changes(TURNS) == {0, 4}
    assert speaker_changes([]) == set()


@pytest.mark.parametrize(("mode", "first", "changed_later_word", "unchanged"), [
    (LabelMode.NONE, "", "", ""),
    (LabelMode.INITIALS, "CL:", "", ""),
    (LabelMode.NAMES, "[Connor Leahy]", "", ""),
    (LabelMode.EVERY, "[Connor Leahy]", "[Connor Leahy]", "[Connor Leahy]"),
])
def test_label_for(mode: LabelMode, first: str, changed_later_word: str, unchanged: str) -> None:
    assert label_for(TURNS[3], 0, True, mode) == first
    assert label_for(TURNS[3], 1, True, mode) == changed_later_word  # a later cue of the same turn
    assert label_for(TURNS[3], 0, False, mode) == unchanged


def test_the_modes_are_named_as_the_command_line_writes_them() -> None:
    assert [m.value for m in LabelMode] == ["none", "initials", "names", "every"]
    assert LabelMode("names") is LabelMode.NAMES

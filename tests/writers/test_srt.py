"""align.writers.srt: numbered SubRip cues, speaker labels on the first line, read back by pysrt."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pysrt
import pytest

from align.cues import LabelMode, label_for, speaker_changes
from align.model import Cue, Turn
from align.writers import srt
from tests.writers.cases import cues_and_turns


def to_srt(cues: list[Cue], turns: list[Turn], mode: LabelMode) -> str:
    changed = speaker_changes(turns)
    labelled = [replace(c, label=label_for(turns[c.turn], c.first_word, c.turn in changed, mode)) for c in cues]
    return srt.render_cues(labelled)


@pytest.mark.parametrize(
    ("mode", "first", "second", "third"),
    [
        (LabelMode.NONE, "Tom & <Jerry>", "More.", "Yes."),
        (LabelMode.INITIALS, "CL: Tom & <Jerry>", "More.", "SM: Yes."),
        (LabelMode.NAMES, "[Connor Leahy] Tom & <Jerry>", "More.", "[Stefano Maffulli] Yes."),
        (LabelMode.EVERY, "[Connor Leahy] Tom & <Jerry>", "[Connor Leahy] More.", "[Stefano Maffulli] Yes."),
    ],
)
def test_srt_labels_and_round_trip(tmp_path: Path, mode: LabelMode, first: str, second: str, third: str) -> None:
    cues, turns = cues_and_turns()
    path = tmp_path / "x.srt"
    path.write_text(to_srt(cues, turns, mode), encoding="utf-8")
    subs = pysrt.open(str(path))
    assert [s.text.split("\n")[0] for s in subs] == [first, second, third]
    assert subs[0].text.split("\n")[1] == "->"  # never "-->" inside a cue
    assert [(s.start.ordinal, s.end.ordinal) for s in subs] == [(0, 999), (1000, 1900), (2000, 3333)]

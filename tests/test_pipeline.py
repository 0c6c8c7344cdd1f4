"""align.pipeline: a transcript file read, timed and cut into cues."""

from __future__ import annotations

from align.cues import PROFILES, LabelMode, make_cues
from align.pipeline import Captions, cut_captions, make_captions, read_and_time
from align.readers import read_transcript
from align.timing import time_transcript
from tests.support import DATA

INTERVIEW = DATA / "interview.txt"


def test_make_captions_is_the_stages_one_after_another() -> None:
    captions = make_captions(INTERVIEW, profile="bbc", labels=LabelMode.NAMES, speaker_map={"SF": "SM"})
    timed = time_transcript(read_transcript(INTERVIEW), speaker_map={"SF": "SM"})
    assert captions.timed.turns == timed.turns
    assert captions.cues == tuple(make_cues(timed.turns, PROFILES["bbc"], LabelMode.NAMES))
    assert (captions.profile, captions.labels) == (PROFILES["bbc"], LabelMode.NAMES)
    assert captions.turns is captions.timed.turns and captions.speakers == timed.speakers
    assert captions.diagnostics == timed.diagnostics
    assert [d.line for d in captions.diagnostics] == [1, 33, 23]  # SF is mapped: no warning for it


def test_cut_captions_takes_a_profile_or_its_name_and_an_end() -> None:
    timed = read_and_time(INTERVIEW)
    by_name = cut_captions(timed, "DCMP")
    assert isinstance(by_name, Captions) and by_name.profile is PROFILES["dcmp"]
    assert cut_captions(timed, PROFILES["dcmp"]).cues == by_name.cues
    assert by_name.labels is LabelMode.INITIALS
    free = cut_captions(timed).cues
    end = free[-1].end_ms - 500  # half a second before the last cue would leave the screen
    assert free[-1].start_ms < end
    cut = cut_captions(timed, end_ms=end)
    assert cut.cues[-1].end_ms == end and cut.cues[:-1] == free[:-1]

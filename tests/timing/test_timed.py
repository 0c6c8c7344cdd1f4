"""align.timing (the package): a transcript timed, text-only or refined against a recording."""

from __future__ import annotations

from pathlib import Path

import pytest

from align import refine
from align.errors import InputError
from align.readers import Transcript, parse_transcript, read_transcript
from align.timing import DEFAULT_RATE, time_transcript
from tests.support import SAMPLE


def test_a_timed_transcript_knows_its_speakers_and_their_labels() -> None:
    timed = time_transcript(read_transcript(SAMPLE), speaker_map={"MA": "MO"})
    assert timed.source == SAMPLE and timed.alignment is None
    assert [s.key for s in timed.speakers] == ["MO", "TR", "ANNOUNCER"]
    assert [timed.label(t) for t in timed.turns][:3] == ["Maya Okafor", "Tomás Reyes", "MO"]
    assert {timed.label(t) for t in timed.turns if t.speaker.key == "MO"} == {"Maya Okafor", "MO", "MA"}
    assert len(timed.turns) == 16 and timed.rate.fitted_on == 13
    assert [(d.line, d.message.split(" ")[0]) for d in timed.diagnostics] == [(35, "malformed"), (1, "text"), (40, "6")]


def test_the_reader_s_and_the_speakers_diagnostics_come_in_that_order() -> None:
    timed = time_transcript(read_transcript(SAMPLE))
    assert timed.diagnostics[:3] == read_transcript(SAMPLE).diagnostics
    assert timed.diagnostics[3].rename == ("MA", "MO")


def test_a_transcript_without_turns_cannot_be_timed() -> None:
    empty = Transcript("x.txt", "utf-8", ())
    with pytest.raises(InputError, match=r"^x\.txt: holds no turns to caption; expected lines like"):
        time_transcript(empty)


def test_with_a_recording_the_refinement_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refine, "available", lambda: "no aligner in this test")
    transcript = parse_transcript("[00:00:01] Ann Lee: Hello there.\n", path="t.txt")
    timed = time_transcript(transcript, audio=Path("episode.wav"))
    assert timed.alignment is not None and timed.alignment.aligner == "none"
    assert timed.rate == DEFAULT_RATE
    assert [str(d) for d in timed.diagnostics][-1] == (
        "t.txt: audio alignment is not available (no aligner in this test); captions keep text-only timing")
    assert timed.turns == time_transcript(transcript).turns

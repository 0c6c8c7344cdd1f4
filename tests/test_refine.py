"""align.refine: word times refined against the recording, turn by turn, in windows."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from align import refine as refine_module
from align.aligner import Activity, AlignedTurn, AlignRequest
from align.aligner.base import Audio
from align.model import Speaker, Turn, Word
from align.pipeline import make_captions
from align.progress import SILENT, Progress
from align.refine import (
    LOW_CONFIDENCE,
    TOLERANCE_MS,
    WIDE_MS,
    AudioMismatch,
    apply_results,
    requests_for,
    second_chance,
)
from tests.support import SAMPLE
from tests.support import SAMPLE_AUDIO as AUDIO

A, B = Speaker("A", "Ann"), Speaker("B", "Bob")


def _turn(index: int, speaker: Speaker, marker: int | None, start: int, words: str) -> Turn:
    timed = tuple(Word(w, start + 300 * k, start + 300 * k + 250) for k, w in enumerate(words.split()))
    return Turn(index, speaker, 1 + 2 * index, marker, timed)


def test_windows_come_from_markers_and_neighbours() -> None:
    turns = [_turn(0, A, 1000, 1500, "one two"), _turn(1, B, None, 3000, "three"), _turn(2, A, 9000, 9500, "four")]
    reqs = requests_for(turns, 60_000)
    assert (reqs[0].window_start_ms, reqs[0].window_end_ms) == (0, 9000 + TOLERANCE_MS)
    assert reqs[1].anchored is False and reqs[1].window_start_ms == 0 and reqs[1].window_end_ms == 12_000
    assert reqs[2].prev_tail == ("three",) and reqs[0].next_head == ("three",)
    assert reqs[2].window_end_ms == 9500 + 250 + TOLERANCE_MS


def test_a_failed_turn_keeps_text_timing_between_its_neighbours() -> None:
    turns = [_turn(0, A, 0, 500, "one two"), _turn(1, B, 1000, 1500, "three four five"), _turn(2, A, 3000, 3500, "six")]
    results = {
        0: AlignedTurn(0, ((400, 600), (700, 900)), 0.9, True),
        1: AlignedTurn(1, (None, None, None), 0.0, False, "text not found"),
        2: AlignedTurn(2, ((2000, 2300),), 0.95, True),
    }
    out, trimmed = apply_results(turns, results)
    assert out[0].words[0].start_ms == 400 and out[0].aligned
    assert out[2].words[0].start_ms == 2000  # the failure moved nothing after it
    assert out[1].start_ms >= 900 and out[1].end_ms <= 2000 and not out[1].aligned
    assert trimmed == set()


def test_a_failed_turn_is_searched_again_between_its_found_neighbours() -> None:
    turns = [_turn(k, A if k % 2 else B, 20_000 * k, 20_000 * k, "a b c") for k in range(5)]
    requests = requests_for(turns, 100_000)
    found = {k: AlignedTurn(k, ((20_000 * k + 700, 20_000 * k + 900),) * 3, 0.9, True) for k in range(5)}
    lost = {k: AlignedTurn(k, (None,) * 3, 0.0, False, "no alignment found") for k in range(5)}
    again = second_chance(requests, {**found, 2: lost[2]}, 100_000)
    assert [(r.index, r.window_start_ms, r.window_end_ms) for r in again] == [(2, 20_900 - 500, 60_700 + 500)]
    assert again[0].words == requests[2].words and again[0].prev_tail == requests[2].prev_tail
    # the first turn has nothing found before it: its window only grows, within the audio
    (first,) = second_chance(requests, {**found, 0: lost[0]}, 100_000)
    assert (first.window_start_ms, first.window_end_ms) == (0, 20_700 + 500)
    (last,) = second_chance(requests, {**found, 4: lost[4]}, 100_000)
    assert last.window_end_ms == min(100_000, requests[4].window_end_ms + WIDE_MS)
    # most turns lost: the recording is not the transcript's, no second search
    assert second_chance(requests, {**lost, 0: found[0], 1: found[1]}, 100_000) == []
    assert second_chance(requests, found, 100_000) == []


def test_without_the_aligner_captions_keep_text_timing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refine_module, "available", lambda: "pocketsphinx is not installed")
    plain = make_captions(SAMPLE)
    refined = make_captions(SAMPLE, audio=AUDIO)
    assert [c.start_ms for c in refined.cues] == [c.start_ms for c in plain.cues]
    messages = [str(d) for d in refined.diagnostics]
    assert any("audio alignment is not available (pocketsphinx is not installed)" in m for m in messages)


@pytest.mark.needs_ffmpeg
def test_sample_aligns_and_a_wrong_recording_is_reported(tmp_path: Path) -> None:
    refined = make_captions(SAMPLE, audio=AUDIO)
    assert refined.timed.alignment is not None
    found = [r for r in refined.timed.alignment.reports if r.aligned_start_ms is not None]
    assert len(found) == len(refined.timed.alignment.reports)
    # Two seconds of a tone: nothing is found, nothing crashes, timing stays text-only.
    import subprocess

    tone = tmp_path / "tone.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=f=440:d=2", str(tone)], check=True)
    with pytest.raises(AudioMismatch) as caught:
        make_captions(SAMPLE, audio=tone)
    assert caught.value.missing > caught.value.total // 2 and caught.value.path == tone
    wrong = make_captions(SAMPLE, audio=tone, accept_mismatch=True)
    messages = [str(d) for d in wrong.diagnostics]
    assert any("lasts 00:00:02 but the transcript runs to" in m for m in messages)
    assert any("turns were not found in tone.wav; does the recording match" in m for m in messages)
    assert len(wrong.cues) > 0


@pytest.mark.needs_ffmpeg
def test_the_recordings_activity_is_measured_once_for_the_clock_and_every_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from align.aligner.energy import Activity

    measured = Activity.measure
    calls: list[int] = []

    def counted(audio: Audio, rate: int) -> Activity:
        calls.append(len(audio))
        return measured(audio, rate)

    monkeypatch.setattr(Activity, "measure", staticmethod(counted))
    make_captions(SAMPLE, audio=AUDIO, speaker_map={"MA": "MO"})
    assert len(calls) == 1


# ---------------------------------------------------------------- a recording cut short


def _first_turns(count: int) -> str:
    """The sample's first turns (their first paragraphs), as a transcript of their own."""
    paragraphs = SAMPLE.read_text(encoding="utf-8").split("\n\n")
    return "\n\n".join(paragraphs[1 : 1 + count]) + "\n"


@pytest.fixture(scope="module")
def short_episode(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The sample's first four turns, the first 30 s of its recording, and that recording
    played backwards (the same voices and levels, none of the words)."""
    import subprocess

    folder = tmp_path_factory.mktemp("short")
    transcript = folder / "short.txt"
    transcript.write_text(_first_turns(4), encoding="utf-8")
    ahead, back = folder / "short.wav", folder / "backwards.wav"
    for target, extra in ((ahead, []), (back, ["-af", "areverse"])):
        subprocess.run(["ffmpeg", "-v", "error", "-i", str(AUDIO), "-t", "30", *extra, "-ac", "1", "-ar", "16000",
                        str(target)], check=True)
    return transcript, ahead, back


@pytest.mark.needs_ffmpeg
def test_the_same_inputs_give_the_same_files_with_one_worker_or_two(tmp_path: Path) -> None:
    """The whole sample: its 16 turns make several jobs, cut the same way for any number
    of workers, and each worker's decoder forgets the windows it decoded before."""
    from align.writers import write_captions

    written = []
    for k, workers in enumerate((1, 2, 2)):
        captions = make_captions(SAMPLE, audio=AUDIO, workers=workers, speaker_map={"MA": "MO"})
        alignment = captions.timed.alignment
        assert alignment is not None and all(r.aligned_start_ms is not None for r in alignment.reports)
        paths = write_captions(captions, tmp_path / str(k), ["srt", "vtt", "json"])
        written.append([p.read_bytes() for p in paths])
    assert written[0] == written[1] == written[2]


@pytest.mark.needs_ffmpeg
def test_a_recording_of_something_else_is_an_error_and_nothing_is_written(
    short_episode: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from align.cli import cli

    transcript, _, backwards = short_episode
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["captions", str(transcript), "--audio", str(backwards), "-o", str(out)])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors[-1].startswith(f"Error: {backwards}: the audio does not match the transcript: ")
    assert errors[-1].endswith(" of 4 turns not found; check the file or the markers; --force captions it anyway")
    assert not out.exists() or not any(out.iterdir())
    forced = CliRunner().invoke(cli, ["captions", str(transcript), "--audio", str(backwards), "-o", str(out),
                                      "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert "does the recording match the transcript?" in forced.stderr
    assert sorted(p.name for p in out.iterdir()) == ["short.srt", "short.vtt"]


# ---------------------------------------------------------------- turns that overlap


class _Scripted:
    """An aligner that answers each search from a script: (index, window) -> result."""

    name = "scripted"

    def __init__(self, answer: object) -> None:
        self.answer = answer
        self.asked: list[AlignRequest] = []

    def align(self, audio: Audio, rate: int, requests: Sequence[AlignRequest], workers: int = 2,
              progress: Progress = SILENT, activity: Activity | None = None) -> list[AlignedTurn]:
        self.asked.extend(requests)
        assert callable(self.answer)
        return [self.answer(r) for r in requests]


def _found(index: int, start: int, end: int, words: int = 3, fit: float = -3.0) -> AlignedTurn:
    step = (end - start) // words
    spans = tuple((start + k * step, start + (k + 1) * step if k + 1 < words else end) for k in range(words))
    return AlignedTurn(index, spans, 0.9, True, "", fit)


def _three_turns() -> tuple[list[Turn], list[AlignRequest]]:
    turns = [_turn(k, A if k % 2 else B, 10_000 * k, 10_000 * k, "a b c") for k in range(3)]
    return turns, requests_for(turns, 40_000)


def test_overlapping_turns_are_searched_again_in_the_gap_the_other_leaves() -> None:
    from align.refine import _settle_clashes

    turns, requests = _three_turns()
    # turn 0 ran on over turn 1's first words; searched again before turn 1 it fits as well
    results = {0: _found(0, 1000, 12_400), 1: _found(1, 11_000, 14_000), 2: _found(2, 20_500, 23_000)}

    def answer(r: AlignRequest) -> AlignedTurn:
        if r.index == 0:
            assert r.window_end_ms <= 11_000 + 500  # turn 1's start, and the margin into it
            return _found(0, 1000, 10_700, fit=-3.1)
        assert r.index == 1 and r.window_start_ms >= 12_400 - 500  # after turn 0's end
        return _found(1, 12_600, 14_000, fit=-6.0)  # pushed off its own words: a much worse fit

    aligner = _Scripted(answer)
    searched = _settle_clashes(aligner, np.zeros(16_000, np.int16), requests, results, 40_000, 1)
    assert searched == {0} and sorted(r.index for r in aligner.asked) == [0, 1]
    out, trimmed = apply_results(turns, results)
    assert trimmed == set() and out[0].end_ms == 10_700 and out[1].start_ms == 11_000
    assert all(b.start_ms >= a.end_ms for a, b in itertools.pairwise(out))


def test_a_conflict_that_survives_is_trimmed_and_reported() -> None:
    from align.refine import _reports, _settle_clashes

    turns, requests = _three_turns()
    results = {0: _found(0, 1000, 12_500), 1: replace(_found(1, 11_000, 14_000), confidence=0.7),
               2: _found(2, 20_500, 23_000)}
    aligner = _Scripted(lambda r: AlignedTurn(r.index, (None,) * 3, 0.0, False, "no alignment found"))
    assert _settle_clashes(aligner, np.zeros(16_000, np.int16), requests, results, 40_000, 1) == set()
    out, trimmed = apply_results(turns, results)
    assert trimmed == {0, 1}
    assert all(w.start_ms >= out[0].end_ms for w in out[1].words)  # the less confident one yields
    assert all(b.start_ms >= a.end_ms for a, b in itertools.pairwise(out))
    reports = _reports(turns, turns, out, results, trimmed, set())
    assert [r.low for r in reports] == [True, True, False]
    assert all("overlaps a neighbouring turn" in r.reason for r in reports[:2])


def test_a_turn_far_from_its_mapped_marker_or_weakly_fitted_is_low_confidence() -> None:
    from align.refine import _reports

    turns, _ = _three_turns()
    results = {0: _found(0, 300, 2000), 1: _found(1, 12_400, 14_000), 2: _found(2, 20_500, 23_000, fit=-5.9)}
    out, trimmed = apply_results(turns, results)
    reports = _reports(turns, turns, out, results, trimmed, set())
    assert [r.low for r in reports] == [False, True, True]
    assert reports[1].notes == ("found 2.4 s after its mapped marker",)
    assert reports[2].notes == ("weak fit (score -5.9)",) and reports[2].confidence < LOW_CONFIDENCE


def test_the_clock_map_in_words() -> None:
    from align.aligner.clock import ClockMap, Piece
    from align.refine import TurnReport, describe_clock

    def report(index: int, marker: int, found: int | None) -> TurnReport:
        return TurnReport(index, "A", 1 + 2 * index, marker, marker, found, 0.9, "")

    steady = [report(k, 10_000 * k, 10_000 * k + 5200 + 100 * (k % 2)) for k in range(4)]
    assert describe_clock(ClockMap((Piece(0, 5100),), 4), steady) == ("markers run 5.2 s early throughout",)
    late = [report(k, 10_000 * k, 10_000 * k - 8000) for k in range(3)]
    assert describe_clock(ClockMap((Piece(0, -8000),), 3), late) == ("markers run 8.0 s late throughout",)
    ad = [report(0, 0, 400), report(1, 60_000, 60_400), report(2, 1_391_000, 1_453_000),
          report(3, 1_400_000, 1_462_000), report(4, 1_410_000, None)]
    assert describe_clock(ClockMap((Piece(0, 0), Piece(2, 61_900)), 5), ad) == (
        "markers run 0.4 s early at first", "from 00:23:11 on (line 5), markers are 62.0 s early")
    assert describe_clock(ClockMap.identity(2), [report(0, 0, 0), report(1, 5000, 5020)]) == (
        "markers match the recording throughout",)


def test_a_neighbours_last_words_are_searched_just_before_the_turn_found_after_it() -> None:
    from align.refine.edges import EDGE_WORDS, edge_requests, with_edge

    long = " ".join(f"w{k}" for k in range(30))
    turns = [_turn(0, A, 0, 0, long), _turn(1, B, 9000, 9000, "quote here"), _turn(2, A, 9600, 9600, long)]
    found = {1: AlignedTurn(1, ((10_000, 10_300), (10_300, 10_600)), 1.0, True)}
    edges = edge_requests(turns, found, {1}, 60_000)
    assert [(e.request.index, e.before, e.offset) for e in edges] == [(0, True, 30 - EDGE_WORDS), (2, False, 0)]
    tail, head = edges[0].request, edges[1].request
    assert tail.words == tuple(f"w{k}" for k in range(30 - EDGE_WORDS, 30))
    assert tail.window_end_ms == 10_500 and tail.window_start_ms < 10_000 - 300 * EDGE_WORDS
    assert tail.next_head == ("quote", "here") and head.prev_tail == ("quote", "here")
    assert head.window_start_ms == 10_100 and head.words == tuple(f"w{k}" for k in range(EDGE_WORDS))
    # found a little into the turn after it: kept before it; the words before fitted before them
    spans = tuple((7000 + 250 * k, 7200 + 250 * k) for k in range(EDGE_WORDS))
    spans = (*spans[:-1], (9900, 10_100))
    done = with_edge(turns[0], edges[0], AlignedTurn(0, spans, 0.9, True), 10_000)
    assert [w.text for w in done.words] == long.split()
    assert done.words[-1].end_ms == 10_000 and done.words[-EDGE_WORDS].start_ms == 7000
    assert done.words[-EDGE_WORDS - 1].end_ms <= 7000
    assert all(a.start_ms <= b.start_ms and a.end_ms <= b.start_ms + 1 for a, b in itertools.pairwise(done.words))
    assert not done.aligned and done.confidence <= 0.9


def test_a_neighbour_whose_edge_is_not_found_is_searched_whole_in_its_own_window() -> None:
    from align.refine import _edges

    turns, _ = _three_turns()
    results = {1: _found(1, 10_200, 12_000)}
    refined, _ = apply_results(turns, results)

    def answer(r: AlignRequest) -> AlignedTurn:
        if r.index == 0 and r.window_end_ms == 10_200 + 500:  # its edge, just before turn 1
            return AlignedTurn(0, (None, None, None), 0.0, False, "not found")
        if r.index == 0:  # then the whole turn, from its marker
            assert r.window_start_ms == 0 and r.window_end_ms == 10_000 + TOLERANCE_MS
            return _found(0, 300, 10_400)  # into turn 1: kept before it
        assert r.index == 2 and r.window_start_ms == 12_000 - 500
        return _found(2, 20_100, 21_000)

    aligner = _Scripted(answer)
    done = _edges(aligner, np.zeros(16_000, np.int16), turns, refined, results, {1}, 40_000)
    assert done == {0, 2} and [r.index for r in aligner.asked] == [0, 2, 0]
    assert refined[0].start_ms == 300 and refined[0].end_ms == 10_200 and refined[2].start_ms == 20_100

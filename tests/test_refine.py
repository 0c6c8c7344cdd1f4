from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from align import refine as refine_module
from align.aligner import AlignedTurn
from align.model import Speaker, Turn, Word
from align.pipeline import make_captions
from align.refine import TOLERANCE_MS, WIDE_MS, AudioMismatch, apply_results, requests_for, second_chance

from .conftest import SAMPLE

A, B = Speaker("A", "Ann"), Speaker("B", "Bob")
AUDIO = SAMPLE.parent.parent / "media" / "sample.mp3"


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


@pytest.mark.ffmpeg
def test_sample_aligns_and_a_wrong_recording_is_reported(tmp_path: Path) -> None:
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed")
    refined = make_captions(SAMPLE, audio=AUDIO)
    assert refined.alignment is not None
    found = [r for r in refined.alignment.reports if r.aligned_start_ms is not None]
    assert len(found) == len(refined.alignment.reports)
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

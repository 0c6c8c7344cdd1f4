"""align.clips.cutting: cut points snapped to quiet, fades, and the shared decoder."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from align import audio, clips
from align.clips import ClipOptions, cutting
from tests.clips.conftest import SPEECH
from tests.support import CL, SM, tones
from tests.support import read_wav as read
from tests.support import spread as turn

RATE = 16000


def test_snap_prefers_the_pause_over_the_target() -> None:
    db = np.full(100, -20.0)  # 1 s of speech in 10 ms frames...
    db[30:50] = -60.0  # ...with a 200 ms pause at 300-500 ms
    cut = cutting.snap(db, RATE, 0, target=55 * 160, lo=0, hi=100 * 160, speech=55 * 160,
                     is_start=True)
    assert 30 * 160 <= cut <= 50 * 160


def test_snap_needs_room_before_the_words() -> None:
    db = np.full(100, -20.0)
    db[40:45] = -60.0  # a 50 ms stop inside a word: too short to cut in
    db[10:30] = -50.0  # a real pause, a little louder
    cut = cutting.snap(db, RATE, 0, target=42 * 160, lo=0, hi=100 * 160, speech=42 * 160,
                     is_start=True)
    assert 10 * 160 <= cut <= 30 * 160


def test_snap_stays_out_of_the_words() -> None:
    db = np.full(100, -60.0)  # all quiet: the target wins, not a point in the words
    cut = cutting.snap(db, RATE, 0, target=50 * 160, lo=0, hi=100 * 160, speech=50 * 160,
                     is_start=False)
    assert abs(cut - 50 * 160) <= 160


@pytest.mark.parametrize("pad_ms", [0, 200])
@pytest.mark.parametrize("error_ms", [-150, 0, 150])
def test_clips_snap_into_the_pauses(tmp_path: Path, no_ffmpeg: None, pad_ms: int,
                                    error_ms: int) -> None:
    """Turn times off by up to 150 ms still give clips that hold all of the turn's tone."""
    wav = tones(tmp_path / "a.wav", SPEECH, 7000)
    turns = [turn(0, CL, 500 + error_ms, 2000 - error_ms), turn(1, SM, 2600 - error_ms,
                                                                4500 + error_ms)]
    report = clips.export_turn_clips(turns, wav, tmp_path / "out", ClipOptions(pad_ms=pad_ms))
    # (pause before, pause after) of each turn's tone; a cut needs 30 ms of quiet on its
    # outer side and 80 ms toward the words.
    pauses = [((0, 500), (2000, 2600)), ((2000, 2600), (4500, 5200))]
    for row, (before, after) in zip(report.clips, pauses, strict=True):
        assert before[0] <= row.start_ms <= before[1] - 80
        assert after[0] + 80 <= row.end_ms <= after[1] - 30
        samples = read(tmp_path / "out" / row.file)
        assert abs(len(samples) - row.duration_ms * RATE // 1000) <= 16
        assert np.abs(samples[:160]).max() < 500 and np.abs(samples[-160:]).max() < 500


def test_fades_and_bounded_chunks(tmp_path: Path, no_ffmpeg: None) -> None:
    wav = tones(tmp_path / "a.wav", [(0, 9000)], 9000)  # all tone: fades must show
    t = turn(0, CL, 1000, 8000)
    report = clips.export_turn_clips([t], wav, tmp_path / "out",
                                     ClipOptions(pad_ms=0, fade_ms=500))
    samples = read(tmp_path / "out" / report.clips[0].file)[:, 0].astype(float)
    assert np.abs(samples[:80]).max() < 400 and np.abs(samples[-80:]).max() < 400
    assert np.abs(samples[len(samples) // 2 - 800: len(samples) // 2]).max() > 10000


def test_decoder_serves_overlapping_and_distant_ranges(tmp_path: Path, no_ffmpeg: None) -> None:
    data = (np.arange(RATE * 90) % 30000 - 15000).astype(np.int16)[:, None]
    path = tmp_path / "ramp.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data.tobytes())
    decoder = cutting.Decoder(audio.probe(path, None), None)
    try:
        for first, count in [(1000, 5000), (4000, 40000), (2000, 100), (RATE * 80, RATE),
                             (RATE * 5, 10), (RATE * 90 - 50, 500)]:
            parts = []
            while count > 0 and len(part := decoder.read(first, count)):
                parts.append(part)
                first, count = first + len(part), count - len(part)
                assert part.base is not None  # a view of what was decoded, not a copy
            got = np.concatenate(parts)
            want = data[first - len(got):first]
            assert len(got) and np.array_equal(got, want), (first, count)
            assert count == 0 or first == len(data)  # all asked for, unless the audio ended
    finally:
        decoder.close()

"""align.audio.whole: a whole recording decoded for the aligner, in pieces side by side."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from align import audio
from align.audio import whole
from align.audio.probe import AudioInfo

pytestmark = pytest.mark.needs_ffmpeg


@pytest.fixture(scope="module")
def long_mp3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 s of 44.1 kHz stereo noise bursts as MP3 (a seam in speech-like sound)."""
    path = tmp_path_factory.mktemp("mp3") / "long.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                    "anoisesrc=d=40:c=pink:r=44100:a=0.3,volume='0.2+0.8*gt(sin(7*t),0)':eval=frame",
                    "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", str(path)], check=True)
    return path


@pytest.mark.parametrize("parts", [2, 3])
def test_a_long_recording_decodes_in_pieces_exactly_as_in_one(
    long_mp3: Path, parts: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ffmpeg = audio.find_ffmpeg(None)
    one, one_ms = whole.decode_whole(long_mp3, ffmpeg, 16000, parts=1)
    monkeypatch.setattr(whole, "_SPLIT_MIN_MS", 0)
    pieces, pieces_ms = whole.decode_whole(long_mp3, ffmpeg, 16000, parts=parts)
    assert pieces_ms == one_ms and len(pieces) == len(one)
    assert np.array_equal(pieces, one)


def test_pieces_that_do_not_meet_are_decoded_again_in_one(
    long_mp3: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ffmpeg = audio.find_ffmpeg(None)
    one, _ = whole.decode_whole(long_mp3, ffmpeg, 16000, parts=1)
    monkeypatch.setattr(whole, "_SPLIT_MIN_MS", 0)
    calls: list[int] = []
    real = whole._decode

    def counting(info: AudioInfo, ffmpeg: Path | None, rate: int,
                 ranges: Sequence[tuple[int, int | None]], heard: Callable[[int], None]) -> tuple[np.ndarray, int]:
        calls.append(len(ranges))
        return real(info, ffmpeg, rate, ranges, heard)

    monkeypatch.setattr(whole, "_decode", counting)
    monkeypatch.setattr(whole, "_same", lambda a, b: False)  # as if ffmpeg's seek had drifted
    again, _ = whole.decode_whole(long_mp3, ffmpeg, 16000, parts=2)
    assert calls == [2, 1] and np.array_equal(again, one)

"""align.audio.read: a time range as int16 PCM, from a WAV or through ffmpeg."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from align import audio
from align.audio import AudioInfo, read
from tests.support import ramp, write_wav


def test_wav_range_reads_exact_samples(tmp_path: Path, no_ffmpeg: None) -> None:
    data = ramp(16000, 2)
    info = audio.probe(write_wav(tmp_path / "a.wav", data), None)
    got = audio.read_pcm(info, 250, 500, None)
    assert got.shape == (4000, 2)
    assert np.array_equal(got, data[4000:8000])
    assert len(audio.read_pcm(info, 900, 5000, None)) == 1600  # stops at the end


@pytest.mark.parametrize(("width", "raw", "expected"), [
    (1, bytes([0, 128, 255]), [-32768, 0, 127 << 8]),
    (3, bytes([0xAA, 0x34, 0x12, 0x00, 0x00, 0x80]), [0x1234, -32768]),
    (4, (0x12345678).to_bytes(4, "little") + (-(1 << 31)).to_bytes(4, "little", signed=True),
     [0x1234, -32768]),
])
def test_other_wav_widths_become_int16(width: int, raw: bytes, expected: list[int]) -> None:
    assert read._to_int16(raw, width).tolist() == expected


@pytest.mark.needs_ffmpeg
def test_ffmpeg_range_is_sample_accurate(tmp_path: Path) -> None:
    ffmpeg = audio.find_ffmpeg()
    assert ffmpeg is not None
    data = ramp(3 * 16000, 1)
    wav = write_wav(tmp_path / "a.wav", data)
    flac = tmp_path / "a.flac"  # lossless, so every sample must come back where it was
    subprocess.run([str(ffmpeg), "-v", "error", "-i", str(wav), str(flac)], check=True)
    info = audio.probe(flac, ffmpeg)
    assert (info.codec, info.sample_rate, info.channels) == ("flac", 16000, 1)
    got = audio.read_pcm(info, 1234, 2345, ffmpeg)
    start, end = 1234 * 16, 2345 * 16
    assert np.array_equal(got[:, 0], data[start:end, 0])


def test_decode_args_seek_on_the_input_side() -> None:
    info = AudioInfo(Path("ep.mp3"), 60_000, 44100, 2, "mp3", wav=False)
    args = audio.decode_args(Path("/bin/ffmpeg"), info, 61_005, 62_500, 44100, 2)
    assert args[args.index("-ss") + 1] == "61.005"
    assert args[args.index("-t") + 1] == "1.495"
    assert args.index("-ss") < args.index("-i")
    assert args[-1] == "pipe:1" and "s16le" in args
    assert args[args.index("-flush_packets") + 1] == "0" and args.index("-flush_packets") > args.index("-i")
    assert not any("ffprobe" in a for a in args)

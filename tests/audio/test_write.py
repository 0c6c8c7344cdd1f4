"""align.audio.write: WAV written by the standard library, everything else encoded by ffmpeg."""

from __future__ import annotations

import os
import stat
import wave
from pathlib import Path

import numpy as np

from align import audio
from align.audio import AudioFormat
from tests.support import ramp


def test_wav_writer_round_trip_with_tags(tmp_path: Path) -> None:
    data = ramp(1000, 2)
    out = tmp_path / "clip.wav"
    writer = audio.open_writer(out, AudioFormat.WAV, 8000, 2,
                               {"title": "Hello\nthere", "artist": "Connor Leahy"}, None)
    writer.write(data[:300])
    writer.write(data[300:])
    writer.commit(force=False)
    with wave.open(str(out), "rb") as w:
        assert (w.getnchannels(), w.getframerate(), w.getnframes()) == (2, 8000, 1000)
        assert np.array_equal(np.frombuffer(w.readframes(1000), "<i2").reshape(-1, 2), data)
    raw = out.read_bytes()
    assert b"INAMHello there\0" in raw.replace(b"\x0c\0\0\0", b"")
    assert b"IART" in raw and int.from_bytes(raw[4:8], "little") == len(raw) - 8
    assert [p.name for p in tmp_path.iterdir()] == ["clip.wav"]  # no temporary file left


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "c.wav"
    writer = audio.open_writer(out, AudioFormat.WAV, 8000, 1, {}, None)
    writer.write(ramp(10))
    writer.commit(force=False)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_encode_args_carry_tags_and_format() -> None:
    args = audio.encode_args(Path("ffmpeg"), AudioFormat.M4A, 44100, 2,
                             {"title": "a\tb", "artist": "CL"}, Path("o.part"))
    assert args[args.index("-f", args.index("-i")) + 1] == "ipod"
    assert "title=a b" in args and "artist=CL" in args
    assert args[args.index("-map_metadata") + 1] == "-1"
    mp3 = audio.encode_args(Path("ffmpeg"), AudioFormat.MP3, 96000, 6, {}, Path("o"))
    assert mp3[mp3.index("libmp3lame"):].count("-ar") == 1  # 96 kHz is not an MP3 rate

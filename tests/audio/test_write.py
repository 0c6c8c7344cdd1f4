"""align.audio.write: WAV written by the standard library, everything else encoded by ffmpeg."""

from __future__ import annotations

import os
import stat
import wave
from pathlib import Path

import numpy as np
import pytest

from align import audio
from align.audio import AudioFormat
from align.errors import CannotWriteError
from align.outputs import publish
from tests.support import ramp


def test_wav_writer_round_trip_with_tags(tmp_path: Path) -> None:
    data = ramp(1000, 2)
    out = tmp_path / "clip.wav"
    writer = audio.open_writer(out, AudioFormat.WAV, 8000, 2,
                               {"title": "Hello\nthere", "artist": "Connor Leahy"}, None)
    writer.write(data[:300])
    writer.write(data[300:])
    publish(writer.finish(), out, force=False)
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
    publish(writer.finish(), out, force=False)
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


def _program(folder: Path, script: str) -> Path:
    """A stand-in for ffmpeg: a shell script."""
    folder.mkdir(exist_ok=True)
    prog = folder / "ffmpeg"
    prog.write_text("#!/bin/sh\n" + script)
    prog.chmod(0o755)
    return prog


@pytest.mark.needs_ffmpeg
def test_ffmpeg_encodes_and_publishes(tmp_path: Path) -> None:
    ffmpeg = audio.find_ffmpeg()
    data = ramp(8000, 2)
    out = tmp_path / "clip.flac"
    writer = audio.open_writer(out, AudioFormat.FLAC, 8000, 2, {"title": "Hello"}, ffmpeg)
    writer.write(data[:5000])
    writer.write(data[5000:])
    publish(writer.finish(), out, force=False)
    assert [p.name for p in tmp_path.iterdir()] == ["clip.flac"]
    info = audio.probe(out, ffmpeg)
    assert np.array_equal(audio.read_pcm(info, 0, 1000, ffmpeg), data)  # lossless: every sample back


def test_an_encoder_that_fails_leaves_nothing_and_says_why(tmp_path: Path) -> None:
    ffmpeg = _program(tmp_path / "bin", "cat > /dev/null\necho 'Unknown encoder libmp3lame' >&2\nexit 1\n")
    out = tmp_path / "clip.mp3"
    writer = audio.open_writer(out, AudioFormat.MP3, 8000, 1, {}, ffmpeg)
    writer.write(ramp(100))
    with pytest.raises(CannotWriteError, match=r"clip\.mp3: cannot write it \(cannot encode it: Unknown encoder "
                                               r"libmp3lame\)"):
        writer.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin"]


def test_an_encoder_that_stops_reading_is_a_clear_error(tmp_path: Path) -> None:
    ffmpeg = _program(tmp_path / "bin", "exit 3\n")  # reads nothing: the pipe breaks
    writer = audio.open_writer(tmp_path / "clip.ogg", AudioFormat.OGG, 8000, 1, {}, ffmpeg)
    with pytest.raises(CannotWriteError, match=r"cannot encode it: ffmpeg exit status 3"):
        for _ in range(64):  # far more than a pipe holds
            writer.write(ramp(32_000))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin"]


def test_abort_stops_the_encoder_and_removes_the_partial_file(tmp_path: Path) -> None:
    ffmpeg = _program(tmp_path / "bin", "cat > /dev/null\n")  # would run until its input ends
    writer = audio.open_writer(tmp_path / "clip.m4a", AudioFormat.M4A, 8000, 1, {}, ffmpeg)
    writer.write(ramp(10))
    writer.abort()
    wav = audio.open_writer(tmp_path / "clip.wav", AudioFormat.WAV, 8000, 1, {}, None)
    wav.write(ramp(10))
    wav.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin"]


def test_writing_needs_ffmpeg_except_for_wav_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(audio.FfmpegMissingError, match=r"^ffmpeg is needed to write mp3 \(WAV works without it\)"):
        audio.open_writer(tmp_path / "a.mp3", AudioFormat.MP3, 8000, 1, {}, None)
    with pytest.raises(CannotWriteError, match=r"missing/a\.wav: cannot write it \(No such file or directory\)"):
        audio.open_writer(tmp_path / "missing" / "a.wav", AudioFormat.WAV, 8000, 1, {}, None)

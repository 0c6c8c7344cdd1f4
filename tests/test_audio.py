"""align.audio: finding ffmpeg, probing, reading ranges, writing files."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from align import audio
from align.audio import AudioFormat, AudioInfo, read
from align.errors import InputError, OutputError
from align.outputs import publish, temp_path

FFMPEG = shutil.which("ffmpeg")
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None, reason="ffmpeg is not installed")


def write_wav(path: Path, samples: np.ndarray, rate: int = 16000, width: int = 2) -> Path:
    data = samples if samples.ndim == 2 else samples[:, None]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(data.shape[1])
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(np.ascontiguousarray(data, dtype="<i2").tobytes())
    return path


def ramp(n: int, channels: int = 1) -> np.ndarray:
    """Distinct samples, so any misplaced range shows."""
    return (np.arange(n * channels, dtype=np.int64) % 30011 - 15000).astype(np.int16).reshape(
        n, channels)


@pytest.fixture
def no_ffmpeg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(audio.ENV_VAR, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))


# ---------------------------------------------------------------- finding ffmpeg


def _fake_program(folder: Path, name: str = "ffmpeg") -> Path:
    folder.mkdir(exist_ok=True)
    prog = folder / name
    prog.write_text("#!/bin/sh\nexit 0\n")
    prog.chmod(prog.stat().st_mode | stat.S_IXUSR)
    return prog


def test_find_ffmpeg_prefers_explicit_then_env_then_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_path = _fake_program(tmp_path / "bin")
    in_env = _fake_program(tmp_path / "env", "my-ffmpeg")
    given = _fake_program(tmp_path / "given", "other-ffmpeg")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.delenv(audio.ENV_VAR, raising=False)
    assert audio.find_ffmpeg() == on_path
    monkeypatch.setenv(audio.ENV_VAR, str(in_env))
    assert audio.find_ffmpeg() == in_env
    assert audio.find_ffmpeg(str(given)) == given


def test_find_ffmpeg_none_when_absent(no_ffmpeg: None) -> None:
    assert audio.find_ffmpeg() is None


def test_find_ffmpeg_given_but_missing_is_an_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(audio.ENV_VAR, raising=False)
    with pytest.raises(audio.FfmpegMissingError, match=r"^the ffmpeg program .*nope: no such program; "):
        audio.find_ffmpeg(str(tmp_path / "nope"))
    monkeypatch.setenv(audio.ENV_VAR, str(tmp_path / "gone"))
    with pytest.raises(audio.FfmpegMissingError, match=audio.ENV_VAR):
        audio.find_ffmpeg()


def test_require_ffmpeg_says_why_and_how_in_one_line() -> None:
    with pytest.raises(audio.FfmpegMissingError) as err:
        audio.require_ffmpeg(None, "read .mp3 audio")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("ffmpeg is needed to read .mp3 audio; install it")
    assert audio.ENV_VAR in message


# ---------------------------------------------------------------- probing

MP3_STDERR = """Input #0, mp3, from 'episode.mp3':
  Metadata:
    encoder         : Lavf59.27.100
  Duration: 00:45:30.89, start: 0.025057, bitrate: 128 kb/s
  Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s
At least one output file must be specified
"""


def test_parse_probe_reads_rate_channels_codec_duration() -> None:
    info = audio.parse_probe(MP3_STDERR, Path("episode.mp3"))
    assert info == AudioInfo(Path("episode.mp3"), 2_730_890, 44100, 2, "mp3", wav=False)


@pytest.mark.parametrize(("layout", "channels"),
                         [("mono", 1), ("5.1(side)", 6), ("3 channels", 3), ("weird", 2)])
def test_parse_probe_channel_layouts(layout: str, channels: int) -> None:
    text = ("  Duration: N/A, bitrate: N/A\n"
            f"  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, {layout}, "
            "fltp, 2 kb/s (default)\n")
    info = audio.parse_probe(text, Path("a.m4a"))
    assert (info.channels, info.sample_rate, info.codec, info.duration_ms) == (
        channels, 48000, "aac", None)


def test_parse_probe_undecodable_and_no_audio() -> None:
    with pytest.raises(InputError, match=r"x\.mp3: cannot decode audio \(Invalid data found "
                                         r"when processing input\); is it an audio file\?"):
        audio.parse_probe("x.mp3: Invalid data found when processing input\n", Path("x.mp3"))
    video_only = "  Duration: 00:00:05.00, start: 0\n  Stream #0:0: Video: h264, yuv420p\n"
    with pytest.raises(InputError, match="has no audio stream"):
        audio.parse_probe(video_only, Path("v.mp4"))


def test_probe_wav_needs_no_ffmpeg(tmp_path: Path, no_ffmpeg: None) -> None:
    path = write_wav(tmp_path / "a.wav", ramp(8000, 2), rate=8000)
    assert audio.probe(path, None) == AudioInfo(path, 1000, 8000, 2, "pcm_s16le", wav=True)


def test_probe_empty_missing_and_non_wav_without_ffmpeg(tmp_path: Path, no_ffmpeg: None) -> None:
    (tmp_path / "empty.wav").write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.wav: audio file is empty"):
        audio.probe(tmp_path / "empty.wav", None)
    with pytest.raises(InputError, match="audio file not found"):
        audio.probe(tmp_path / "gone.mp3", None)
    (tmp_path / "a.mp3").write_bytes(b"ID3 not really")
    with pytest.raises(audio.FfmpegMissingError, match=r"ffmpeg is needed to read \.mp3 audio"):
        audio.probe(tmp_path / "a.mp3", None)


@pytest.mark.ffmpeg
@needs_ffmpeg
def test_probe_undecodable_file_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.mp3"
    bad.write_text("these are my notes, not audio\n" * 20)
    with pytest.raises(InputError) as err:
        audio.probe(bad, audio.find_ffmpeg())
    assert "\n" not in str(err.value)
    assert str(err.value).startswith(f"{bad}: cannot decode audio (")


# ---------------------------------------------------------------- reading


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


@pytest.mark.ffmpeg
@needs_ffmpeg
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
    assert not any("ffprobe" in a for a in args)


def test_frame_energy_db() -> None:
    silent = np.zeros((1600, 1), np.int16)
    assert np.all(audio.frame_energy_db(silent, 16000) < -100)
    t = np.arange(1600) / 16000
    loud = (32767 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)[:, None]
    db = audio.frame_energy_db(loud, 16000)
    assert len(db) == 10 and np.allclose(db, -3.0, atol=0.2)


# ---------------------------------------------------------------- writing


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


def test_publish_never_replaces_without_force(tmp_path: Path) -> None:
    final = tmp_path / "a.wav"
    final.write_bytes(b"mine")
    tmp = temp_path(final)
    tmp.write_bytes(b"new")
    with pytest.raises(OutputError, match=r"a\.wav: already exists$"):
        publish(tmp, final, force=False)
    assert final.read_bytes() == b"mine" and not tmp.exists()
    tmp.write_bytes(b"new")
    publish(tmp, final, force=True)
    assert final.read_bytes() == b"new" and not tmp.exists()


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    out = tmp_path / "c.wav"
    writer = audio.open_writer(out, AudioFormat.WAV, 8000, 1, {}, None)
    writer.write(ramp(10))
    publish(writer.finish(), out, force=False)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_encode_and_copy_args_carry_tags_and_format() -> None:
    args = audio.encode_args(Path("ffmpeg"), AudioFormat.M4A, 44100, 2,
                             {"title": "a\tb", "artist": "CL"}, Path("o.part"))
    assert args[args.index("-f", args.index("-i")) + 1] == "ipod"
    assert "title=a b" in args and "artist=CL" in args
    assert args[args.index("-map_metadata") + 1] == "-1"
    mp3 = audio.encode_args(Path("ffmpeg"), AudioFormat.MP3, 96000, 6, {}, Path("o"))
    assert mp3[mp3.index("libmp3lame"):].count("-ar") == 1  # 96 kHz is not an MP3 rate
    info = AudioInfo(Path("ep.mp3"), 60_000, 44100, 2, "mp3", wav=False)
    jobs = [audio.CopyJob(1000, 3500, Path("a.mp3"), {"title": "A"}),
            audio.CopyJob(5000, 6000, Path("b.mp3"), {})]
    copy = audio.copy_args(Path("ffmpeg"), info, jobs, [Path("a.part"), Path("b.part")])
    assert copy.count("-i") == 1 and copy.count("copy") == 2
    assert copy[copy.index("a.part") - 7:copy.index("a.part")] == [
        "-ss", "1.000", "-t", "2.500", "-f", "mp3", "-y"]


def test_copy_format_by_codec() -> None:
    def info(codec: str) -> AudioInfo:
        return AudioInfo(Path("x"), 1000, 44100, 2, codec, wav=False)

    assert audio.copy_format(info("mp3")) == (AudioFormat.MP3, 39)
    assert audio.copy_format(info("aac"))[0] is AudioFormat.M4A
    assert audio.copy_format(info("pcm_s24le"))[0] is AudioFormat.WAV
    with pytest.raises(Exception, match="wmav2 audio cannot be stream-copied"):
        audio.copy_format(info("wmav2"))


def test_audio_modules_do_not_import_pydub() -> None:
    code = ("import sys, align.audio, align.clips, align.quote; "
            "print('pydub' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("frames", [441, 4410, 44100 + 7])
def test_gain_ramp_fades_through_pydub_and_keeps_every_sample(frames: int) -> None:
    import numpy as np

    flat = np.full((frames, 2), 10000, dtype=np.int16)
    up = audio.gain_ramp(flat, 44100, 0.0, 1.0)
    assert up.shape == flat.shape
    assert abs(int(up[0, 0])) < 500 and up[-1, 0] > 9000
    assert np.all(np.diff(up[:, 0].astype(int)[:: max(1, frames // 50)]) >= -1)
    down = audio.gain_ramp(flat, 44100, 1.0, 0.0)
    assert down[0, 0] > 9000 and abs(int(down[-1, 0])) < 500


@pytest.fixture(scope="module")
def long_mp3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 s of 44.1 kHz stereo noise bursts as MP3 (a seam in speech-like sound)."""
    if FFMPEG is None:
        pytest.skip("ffmpeg is not installed")
    path = tmp_path_factory.mktemp("mp3") / "long.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                    "anoisesrc=d=40:c=pink:r=44100:a=0.3,volume='0.2+0.8*gt(sin(7*t),0)':eval=frame",
                    "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", str(path)], check=True)
    return path


@pytest.mark.parametrize("parts", [2, 3])
def test_a_long_recording_decodes_in_pieces_exactly_as_in_one(
    long_mp3: Path, parts: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from align.audio import whole

    ffmpeg = audio.find_ffmpeg(None)
    one, one_ms = whole.decode_whole(long_mp3, ffmpeg, 16000, parts=1)
    monkeypatch.setattr(whole, "_SPLIT_MIN_MS", 0)
    pieces, pieces_ms = whole.decode_whole(long_mp3, ffmpeg, 16000, parts=parts)
    assert pieces_ms == one_ms and len(pieces) == len(one)
    assert np.array_equal(pieces, one)


def test_pieces_that_do_not_meet_are_decoded_again_in_one(
    long_mp3: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from align.audio import whole

    ffmpeg = audio.find_ffmpeg(None)
    one, _ = whole.decode_whole(long_mp3, ffmpeg, 16000, parts=1)
    monkeypatch.setattr(whole, "_SPLIT_MIN_MS", 0)
    calls: list[int] = []
    real = whole._decode

    def counting(info, ffmpeg, rate, ranges, heard):  # type: ignore[no-untyped-def]
        calls.append(len(ranges))
        return real(info, ffmpeg, rate, ranges, heard)

    monkeypatch.setattr(whole, "_decode", counting)
    monkeypatch.setattr(whole, "_same", lambda a, b: False)  # as if ffmpeg's seek had drifted
    again, _ = whole.decode_whole(long_mp3, ffmpeg, 16000, parts=2)
    assert calls == [2, 1] and np.array_equal(again, one)

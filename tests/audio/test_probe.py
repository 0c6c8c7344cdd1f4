"""align.audio.probe: rate, channels, codec and duration, from a WAV header or ``ffmpeg -i``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align import audio
from align.audio import AudioInfo
from align.errors import InputError
from tests.support import DATA, ramp, write_wav

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


@pytest.mark.needs_ffmpeg
def test_probe_undecodable_file_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.mp3"
    bad.write_text("these are my notes, not audio\n" * 20)
    with pytest.raises(InputError) as err:
        audio.probe(bad, audio.find_ffmpeg())
    assert "\n" not in str(err.value)
    assert str(err.value).startswith(f"{bad}: cannot decode audio (")


TONE32F = DATA / "tone32f.wav"  # 32-bit float samples: no Python's standard library reads them


def test_a_wav_the_standard_library_cannot_read_needs_ffmpeg(no_ffmpeg: None) -> None:
    # (the reason in brackets is the standard library's own, and differs between Pythons)
    with pytest.raises(InputError, match=r"tone32f\.wav: cannot read this WAV without ffmpeg \(unknown [^)]*\); "
                                         r"install it \(apt install ffmpeg\) or set ALIGN_FFMPEG"):
        audio.probe(TONE32F, None)


@pytest.mark.needs_ffmpeg
def test_ffmpeg_reads_a_wav_the_standard_library_cannot() -> None:
    ffmpeg = audio.find_ffmpeg()
    info = audio.probe(TONE32F, ffmpeg)
    assert info == AudioInfo(TONE32F, 250, 8000, 1, "pcm_f32le", wav=False)
    samples = audio.read_pcm(info, 0, 250, ffmpeg)
    assert samples.shape == (2000, 1)
    expected = 4096 * np.sin(2 * np.pi * 440 * np.arange(2000) / 8000)  # ffmpeg's sine: an eighth of full scale
    assert np.abs(samples[:, 0] - expected).max() <= 2


def test_a_wav_without_samples(tmp_path: Path, no_ffmpeg: None) -> None:
    path = write_wav(tmp_path / "empty.wav", np.zeros((0, 1), np.int16))
    with pytest.raises(InputError, match=r"empty\.wav: the WAV file holds no audio samples"):
        audio.probe(path, None)


def test_a_recording_ffmpeg_says_lasts_nothing() -> None:
    text = "  Duration: 00:00:00.00, start: 0\n  Stream #0:0: Audio: mp3, 44100 Hz, mono, fltp\n"
    with pytest.raises(InputError, match=r"holds no audio \(duration 0\); export the recording again"):
        audio.parse_probe(text, Path("a.mp3"))

"""align.audio.copy: clips cut by stream copy, in the source's own codec."""

from __future__ import annotations

from pathlib import Path

import pytest

from align import audio
from align.audio import AudioFormat, AudioInfo


def test_copy_args_carry_tags_and_format() -> None:
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

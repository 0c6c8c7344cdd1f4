"""Cutting clips by stream copy: no re-encoding, every clip in a single ffmpeg run."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from align import timecode
from align.audio.ffmpeg import require_ffmpeg
from align.audio.probe import AudioInfo
from align.audio.write import AudioFormat, clean_tag
from align.errors import CannotWriteError, InputError, OptionError, shown
from align.outputs import discard, temp_path

# The format a stream copy keeps, by source codec, and how many samples its cut must
# start early: a copy starts on the first whole frame at or after the cut (up to one
# frame late), and the decoder then drops its start-up delay (529 samples for MP3).
_COPY_FORMAT: dict[str, tuple[AudioFormat, int]] = {
    "mp3": (AudioFormat.MP3, 1152 + 529),
    "aac": (AudioFormat.M4A, 1024 + 1024),
    "alac": (AudioFormat.M4A, 4096),
    "vorbis": (AudioFormat.OGG, 2048),
    "opus": (AudioFormat.OGG, 960 + 312),
    "flac": (AudioFormat.FLAC, 4608),
}


@dataclass(frozen=True, slots=True)
class CopyJob:
    """One clip cut by stream copy: source range, destination, tags."""

    start_ms: int
    end_ms: int
    path: Path
    tags: Mapping[str, str]


def copy_format(info: AudioInfo) -> tuple[AudioFormat, int]:
    """The format a stream copy of ``info`` is written in, and how early to cut it, in ms.

    Cutting that much before a time makes the copy start within one frame before it.
    """
    if info.codec.startswith("pcm_"):
        return AudioFormat.WAV, 25
    if info.codec not in _COPY_FORMAT:
        raise OptionError("mode", f"{shown(info.path)}: {info.codec} audio cannot be stream-copied into "
                                  "mp3, wav, m4a, ogg or flac; re-encode it instead")
    fmt, samples = _COPY_FORMAT[info.codec]
    return fmt, -(-samples * 1000 // info.sample_rate)


def copy_args(ffmpeg: Path, info: AudioInfo, jobs: Sequence[CopyJob],
              temps: Sequence[Path]) -> list[str]:
    """One ffmpeg run that stream-copies every job's range into its temporary file.

    The input is read once; each output keeps the packets from its start (the first
    whole frame at or after it) for its duration, with the source's tags dropped.
    """
    fmt, _ = copy_format(info)
    args = [str(ffmpeg), "-hide_banner", "-nostdin", "-v", "error", "-i", str(info.path)]
    for job, tmp in zip(jobs, temps, strict=True):
        args += ["-map", "0:a:0", "-c", "copy", "-map_metadata", "-1"]
        for key, value in job.tags.items():
            args += ["-metadata", f"{key}={clean_tag(value)}"]
        if fmt is AudioFormat.MP3:
            args += ["-id3v2_version", "3"]
        args += ["-ss", timecode.seconds(job.start_ms), "-t", timecode.seconds(job.end_ms - job.start_ms),
                 "-f", fmt.muxer, "-y", str(tmp)]
    return args


def stream_copy(info: AudioInfo, jobs: Sequence[CopyJob], ffmpeg: Path | None,
                stop: threading.Event | None = None) -> list[Path]:
    """Cut every job from ``info`` without re-encoding, in a single ffmpeg run, into
    temporary files beside each job's path (returned in order, for the caller to publish).

    ``stop``, once set, ends the run at once and leaves nothing behind (``Cancelled``).
    """
    tool = require_ffmpeg(ffmpeg, "cut clips by stream copy")
    temps = [temp_path(job.path) for job in jobs]
    try:
        with tempfile.TemporaryFile() as stderr:
            proc = subprocess.Popen(copy_args(tool, info, jobs, temps), stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=stderr)
            try:
                while proc.poll() is None:
                    if stop is not None and stop.wait(0.05):
                        raise Cancelled
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        proc.wait(0.05)
            finally:
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
            stderr.seek(0)
            lines = stderr.read().decode(errors="replace").strip().splitlines()
        if proc.returncode != 0 or lines:
            reason = lines[-1] if lines else f"exit status {proc.returncode}"
            raise InputError(info.path, f"cannot stream-copy it ({reason}); re-encode it instead")
        for tmp, job in zip(temps, jobs, strict=True):
            if not tmp.exists() or tmp.stat().st_size == 0:
                raise CannotWriteError(job.path, "the stream copy wrote nothing")
        return temps
    except BaseException:
        for tmp in temps:
            discard(tmp)
        raise


class Cancelled(Exception):
    """A stream copy stopped before it finished."""

"""Writing clips: int16 chunks encoded by ffmpeg (or written as WAV) into a temporary
file beside the destination, checked and flushed to disk; the caller publishes it
(``align.outputs``), so a set of clips appears all at once or not at all.
"""

from __future__ import annotations

import contextlib
import enum
import os
import struct
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Protocol

import numpy as np

from align.audio.ffmpeg import require_ffmpeg
from align.audio.read import Samples
from align.errors import CannotWriteError
from align.outputs import discard, temp_path


class AudioFormat(enum.Enum):
    """Formats a clip can be written in."""

    MP3 = "mp3"
    WAV = "wav"
    M4A = "m4a"
    OGG = "ogg"
    FLAC = "flac"

    @property
    def muxer(self) -> str:
        return {"m4a": "ipod"}.get(self.value, self.value)


# Re-encoding settings: transparent quality for speech, tags that players show.
_ENCODE: dict[AudioFormat, tuple[str, ...]] = {
    AudioFormat.MP3: ("-c:a", "libmp3lame", "-q:a", "2", "-id3v2_version", "3"),
    AudioFormat.M4A: ("-c:a", "aac", "-b:a", "192k"),
    AudioFormat.OGG: ("-c:a", "libvorbis", "-q:a", "5"),
    AudioFormat.FLAC: ("-c:a", "flac"),
    AudioFormat.WAV: ("-c:a", "pcm_s16le"),
}
_MP3_RATES = frozenset({8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000})


def clean_tag(value: str) -> str:
    """A tag value on one line, without control characters."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())


def encode_args(ffmpeg: Path, fmt: AudioFormat, rate: int, channels: int,
                tags: Mapping[str, str], out: Path) -> list[str]:
    """ffmpeg arguments that encode raw s16le from stdin to ``out`` in ``fmt``."""
    args = [str(ffmpeg), "-hide_banner", "-nostdin", "-v", "error", "-f", "s16le",
            "-ar", str(rate), "-ac", str(channels), "-i", "pipe:0", "-map_metadata", "-1",
            *_ENCODE[fmt]]
    if fmt is AudioFormat.MP3:
        if rate not in _MP3_RATES:
            args += ["-ar", "44100"]
        if channels > 2:
            args += ["-ac", "2"]
    for key, value in tags.items():
        args += ["-metadata", f"{key}={clean_tag(value)}"]
    return [*args, "-f", fmt.muxer, "-y", str(out)]


class PcmWriter(Protocol):
    """Takes int16 chunks into a temporary file beside ``final``.

    ``finish`` returns that file, complete and on disk, for the caller to publish
    (``align.outputs.publish_all``); ``abort`` leaves nothing behind.
    """

    final: Path

    def write(self, samples: Samples) -> None: ...

    def finish(self) -> Path: ...

    def abort(self) -> None: ...


class _FfmpegWriter:
    def __init__(self, ffmpeg: Path, final: Path, fmt: AudioFormat, rate: int, channels: int,
                 tags: Mapping[str, str]) -> None:
        self.final, self.tmp = final, temp_path(final)
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in finish/abort)
        self._proc = subprocess.Popen(encode_args(ffmpeg, fmt, rate, channels, tags, self.tmp),
                                      stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                      stderr=self._stderr)

    def write(self, samples: Samples) -> None:
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(_bytes(samples))
        except BrokenPipeError:
            self._fail()

    def _fail(self, reason: str | None = None) -> None:
        self._proc.wait()
        if reason is None:
            reason = _last_line(self._stderr) or f"ffmpeg exit status {self._proc.returncode}"
        self.abort()
        raise CannotWriteError(self.final, f"cannot encode it: {reason}")

    def finish(self) -> Path:
        assert self._proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self._proc.stdin.close()
        # ffmpeg exits 0 when only writing the file's end failed (a full disk): at this
        # log level anything it says is an error.
        said = _last_line(self._stderr) if self._proc.wait() == 0 else None
        if self._proc.returncode != 0 or said:
            self._fail(said)
        self._stderr.close()
        try:
            _sync(self.tmp)
        except OSError as exc:
            self.abort()
            raise CannotWriteError(self.final, exc.strerror or str(exc)) from exc
        return self.tmp

    def abort(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self._proc.stdin.close()
        self._stderr.close()
        discard(self.tmp)


def _last_line(stream: IO[bytes]) -> str:
    stream.seek(0)
    lines = stream.read().decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else ""


def _sync(path: Path) -> None:
    """Flush ``path`` to disk: a full disk shows here if it did not before."""
    if path.stat().st_size == 0:
        raise OSError(0, "nothing was written")
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_WAV_INFO = {"title": b"INAM", "artist": b"IART", "album": b"IPRD", "comment": b"ICMT"}


class _WavWriter:
    """16-bit PCM WAV with a LIST/INFO chunk for the tags; sizes patched when finished."""

    def __init__(self, final: Path, rate: int, channels: int, tags: Mapping[str, str]) -> None:
        self.final, self.tmp = final, temp_path(final)
        self._file: IO[bytes] = self.tmp.open("xb")
        self._frames, self._channels = 0, channels
        info = b""
        for key, value in tags.items():
            if key in _WAV_INFO and clean_tag(value):
                text = clean_tag(value).encode("utf-8") + b"\0"
                info += _WAV_INFO[key] + struct.pack("<I", len(text)) + text + b"\0" * (len(text) % 2)
        fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * channels * 2, channels * 2, 16)
        self._head = b"fmt " + struct.pack("<I", len(fmt)) + fmt
        if info:
            self._head += b"LIST" + struct.pack("<I", 4 + len(info)) + b"INFO" + info
        self._guard(lambda: self._file.write(b"RIFF\0\0\0\0WAVE" + self._head + b"data\0\0\0\0"))

    def _guard(self, step: Callable[[], object]) -> None:
        try:
            step()
        except OSError as exc:
            self.abort()
            raise CannotWriteError(self.final, exc.strerror or str(exc)) from exc

    def write(self, samples: Samples) -> None:
        self._guard(lambda: self._file.write(_bytes(samples)))
        self._frames += len(samples)

    def finish(self) -> Path:
        data = self._frames * self._channels * 2  # always even: no pad byte

        def close() -> None:
            self._file.seek(4)
            self._file.write(struct.pack("<I", 4 + len(self._head) + 8 + data))
            self._file.seek(12 + len(self._head) + 4)
            self._file.write(struct.pack("<I", data))
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()

        self._guard(close)
        return self.tmp

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._file.close()
        discard(self.tmp)


def _bytes(samples: Samples) -> memoryview | bytes:
    """The samples as little-endian bytes, without a copy when they already are."""
    if samples.size == 0:
        return b""
    return np.ascontiguousarray(samples, dtype="<i2").data.cast("B")


def open_writer(final: Path, fmt: AudioFormat, rate: int, channels: int,
                tags: Mapping[str, str], ffmpeg: Path | None) -> PcmWriter:
    """A writer that encodes int16 chunks into ``final`` (through a temporary file)."""
    try:
        if fmt is AudioFormat.WAV:
            return _WavWriter(final, rate, channels, tags)
        tool = require_ffmpeg(ffmpeg, f"write {fmt.value} (WAV works without it)")
        return _FfmpegWriter(tool, final, fmt, rate, channels, tags)
    except OSError as exc:
        raise CannotWriteError(final, exc.strerror or str(exc)) from exc

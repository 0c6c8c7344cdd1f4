"""Audio in and out: find ffmpeg, read a time range as PCM, write clips.

This is the only module that runs ffmpeg. It reads only the range asked for:
ffmpeg seeks on the input side (``-ss`` before ``-i``) and streams 16-bit PCM
through a pipe in chunks, so memory does not grow with the recording or with
the clip. PCM WAV files are read and written with the standard library, so
WAV in and WAV out need no ffmpeg at all. ffprobe is never used: rate,
channels and duration come from the WAV header or from ``ffmpeg -i``.

pydub does the fades (``gain_ramp``), on the few samples a fade covers and no
more: its ``from_file`` decodes from the start of the file and holds the whole
range in memory, and its export goes through temporary WAV files and the
global ``AudioSegment.converter``, so decoding and encoding stream int16 chunks
through ffmpeg pipes instead, and pydub's global state is never read or changed.
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import re
import shutil
import struct
import subprocess
import tempfile
import uuid
import warnings
import wave
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

import numpy as np
import numpy.typing as npt

from align.errors import AlignError, InputError, OutputError

log = logging.getLogger(__name__)

ENV_VAR = "ALIGN_FFMPEG"
INSTALL_HINT = f"install it (apt install ffmpeg), pass --ffmpeg PATH or set {ENV_VAR}"

Samples = npt.NDArray[np.int16]  # shape (frames, channels)


class FfmpegMissingError(AlignError):
    """ffmpeg is needed for this file or format and was not found."""


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

_LAYOUTS = {"mono": 1, "stereo": 2, "2.1": 3, "3.0": 3, "quad": 4, "4.0": 4, "5.0": 5,
            "5.1": 6, "6.0": 6, "6.1": 7, "7.0": 7, "7.1": 8, "octagonal": 8}
_DURATION = re.compile(r"Duration: (?:(\d+):(\d\d):(\d\d(?:\.\d+)?)|N/A)")
_AUDIO_STREAM = re.compile(r"Stream #\d+:\d+\S*: Audio: (\w+)[^\n]*?, (\d+) Hz, ([^,\n]+)")


# ---------------------------------------------------------------- finding ffmpeg


def find_ffmpeg(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The ffmpeg to use: ``explicit``, else ``$ALIGN_FFMPEG``, else ``ffmpeg`` on PATH.

    Returns None when none is set and PATH has none (WAV still works). A path that
    was given but does not run is an error, not a silent fallback.
    """
    for value, origin in ((explicit, "--ffmpeg"), (os.environ.get(ENV_VAR), ENV_VAR)):
        if value is None or str(value) == "":
            continue
        found = shutil.which(str(value))
        if found is None:
            raise FfmpegMissingError(f"{origin} {value}: no such program; {INSTALL_HINT}")
        return Path(found)
    found = shutil.which("ffmpeg")
    return Path(found) if found else None


def require_ffmpeg(ffmpeg: Path | None, purpose: str) -> Path:
    """``ffmpeg``, or a one-line error saying what it is needed for."""
    if ffmpeg is None:
        raise FfmpegMissingError(f"ffmpeg is needed to {purpose}; {INSTALL_HINT}")
    return ffmpeg


# ---------------------------------------------------------------- probing


@dataclass(frozen=True, slots=True)
class AudioInfo:
    """What a source file holds. ``duration_ms`` is None when ffmpeg cannot tell."""

    path: Path
    duration_ms: int | None
    sample_rate: int
    channels: int
    codec: str  # ffmpeg's codec name: "mp3", "aac", "pcm_s16le", ...
    wav: bool  # PCM WAV that the standard library reads (no ffmpeg needed)


def probe(path: Path, ffmpeg: Path | None) -> AudioInfo:
    """Rate, channels, codec and duration of ``path``, without ffprobe."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(12)
    except FileNotFoundError:
        raise InputError(path, "audio file not found; check the --audio path") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the audio file ({exc.strerror})") from exc
    if size == 0:
        raise InputError(path, "audio file is empty; export the recording again")
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        try:
            with wave.open(str(path), "rb") as w:
                frames, rate, channels = w.getnframes(), w.getframerate(), w.getnchannels()
                width = w.getsampwidth()
        except (wave.Error, EOFError) as exc:
            if ffmpeg is None:  # float or WAVE_FORMAT_EXTENSIBLE: ffmpeg can read those
                raise InputError(path, f"cannot read this WAV without ffmpeg ({exc}); "
                                       f"{INSTALL_HINT}") from exc
        else:
            if frames == 0:
                raise InputError(path, "the WAV file holds no audio samples")
            return AudioInfo(path, frames * 1000 // rate, rate, channels, f"pcm_s{8 * width}le",
                             wav=True)
    tool = require_ffmpeg(ffmpeg, f"read {path.suffix or 'this'} audio (WAV works without it)")
    result = subprocess.run([str(tool), "-hide_banner", "-nostdin", "-i", str(path)],
                            capture_output=True, text=True, errors="replace", check=False)
    return parse_probe(result.stderr, path)


def parse_probe(stderr: str, path: Path) -> AudioInfo:
    """AudioInfo from what ``ffmpeg -i FILE`` prints; InputError when it found no audio."""
    stream = _AUDIO_STREAM.search(stderr)
    if stream is None:
        lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
        errors = [ln for ln in lines if not ln.startswith("At least one output")]
        if "Duration" in stderr or "Stream #" in stderr:
            raise InputError(path, "has no audio stream; pass the recording's audio file")
        reason = errors[-1].split(": ")[-1] if errors else "unknown format"
        raise InputError(path, f"cannot decode audio ({reason}); is it an audio file?")
    codec, rate, layout = stream.group(1), int(stream.group(2)), stream.group(3).strip()
    base = layout.split("(")[0].strip()
    counted = re.match(r"(\d+) channels", layout)
    channels = int(counted.group(1)) if counted else _LAYOUTS.get(base, 2)
    duration = _DURATION.search(stderr)
    duration_ms = None
    if duration and duration.group(1) is not None:
        h, m, s = duration.groups()
        duration_ms = round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)
        if duration_ms == 0:
            raise InputError(path, "holds no audio (duration 0); export the recording again")
    return AudioInfo(path, duration_ms, rate, channels, codec, wav=False)


# ---------------------------------------------------------------- reading PCM


class PcmReader(Protocol):
    """int16 samples of a range, chunk by chunk; an empty array at the end."""

    rate: int
    channels: int

    def read(self, frames: int) -> Samples: ...

    def close(self) -> None: ...


def decode_args(ffmpeg: Path, info: AudioInfo, start_ms: int, end_ms: int | None,
                rate: int, channels: int) -> list[str]:
    """ffmpeg arguments that stream ``[start_ms, end_ms)`` as raw s16le, seeking on the input."""
    args = [str(ffmpeg), "-hide_banner", "-nostdin", "-v", "error"]
    if start_ms > 0:
        args += ["-ss", _seconds(start_ms)]
    if end_ms is not None:
        args += ["-t", _seconds(max(0, end_ms - start_ms))]
    args += ["-i", str(info.path), "-map", "0:a:0", "-vn", "-sn", "-dn",
             "-f", "s16le", "-c:a", "pcm_s16le", "-ar", str(rate), "-ac", str(channels), "pipe:1"]
    return args


class _FfmpegReader:
    def __init__(self, args: list[str], info: AudioInfo, rate: int, channels: int) -> None:
        self.rate, self.channels, self._info = rate, channels, info
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        self._proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=self._stderr)
        self._done = False

    def read(self, frames: int) -> Samples:
        assert self._proc.stdout is not None
        width = 2 * self.channels
        data = self._proc.stdout.read(frames * width) if not self._done else b""
        if len(data) < frames * width:
            self._done = True
            self._finish()
            data = data[: len(data) - len(data) % width]
        return np.frombuffer(data, dtype=np.int16).reshape(-1, self.channels)

    def _finish(self) -> None:
        if self._proc.wait() != 0:
            self._stderr.seek(0)
            lines = self._stderr.read().decode(errors="replace").strip().splitlines()
            reason = lines[-1] if lines else f"ffmpeg exit status {self._proc.returncode}"
            raise InputError(self._info.path, f"cannot decode audio ({reason}); is it an audio file?")

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._stderr.close()


class _WavReader:
    def __init__(self, info: AudioInfo, start_ms: int, end_ms: int | None) -> None:
        self._wav = wave.open(str(info.path), "rb")  # noqa: SIM115 (closed in close())
        self.rate, self.channels = self._wav.getframerate(), self._wav.getnchannels()
        self._width = self._wav.getsampwidth()
        total = self._wav.getnframes()
        first = min(total, (start_ms * self.rate + 500) // 1000)
        self._left = total - first
        if end_ms is not None:
            self._left = max(0, min(self._left, end_ms * self.rate // 1000 - first))
        self._wav.setpos(first)

    def read(self, frames: int) -> Samples:
        n = min(frames, self._left)
        self._left -= n
        raw = self._wav.readframes(n) if n else b""
        return _to_int16(raw, self._width).reshape(-1, self.channels)

    def close(self) -> None:
        self._wav.close()


def _to_int16(raw: bytes, width: int) -> Samples:
    """Little-endian PCM of 1 to 4 bytes a sample as int16 (keeping the top 16 bits)."""
    if width == 2:
        return np.frombuffer(raw, dtype="<i2").astype(np.int16, copy=False)
    if width == 1:  # 8-bit WAV is unsigned
        return ((np.frombuffer(raw, dtype=np.uint8).astype(np.int16) - 128) << 8).astype(np.int16)
    if width == 3:
        return np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3)[:, 1:].copy().view("<i2").ravel()
    return (np.frombuffer(raw, dtype="<i4") >> 16).astype(np.int16)


def open_pcm(info: AudioInfo, start_ms: int, end_ms: int | None, ffmpeg: Path | None, *,
             rate: int | None = None, channels: int | None = None) -> PcmReader:
    """A reader of ``[start_ms, end_ms)`` of ``info`` (to the end when ``end_ms`` is None).

    The source rate and channels are kept unless ``rate``/``channels`` ask for others
    (which needs ffmpeg). Close the reader when done.
    """
    rate, channels = rate or info.sample_rate, channels or info.channels
    if info.wav and rate == info.sample_rate and channels == info.channels:
        return _WavReader(info, start_ms, end_ms)
    tool = require_ffmpeg(ffmpeg, f"decode {info.path.name}")
    return _FfmpegReader(decode_args(tool, info, start_ms, end_ms, rate, channels), info, rate,
                         channels)


def read_pcm(info: AudioInfo, start_ms: int, end_ms: int, ffmpeg: Path | None, *,
             rate: int | None = None, channels: int | None = None) -> Samples:
    """``[start_ms, end_ms)`` in memory as int16 ``(frames, channels)``: for short ranges."""
    reader = open_pcm(info, start_ms, end_ms, ffmpeg, rate=rate, channels=channels)
    try:
        chunks = []
        while len(chunk := reader.read(1 << 16)):
            chunks.append(chunk)
    finally:
        reader.close()
    return np.concatenate(chunks) if chunks else np.zeros((0, reader.channels), np.int16)


def gain_ramp(samples: Samples, rate: int, first: float, last: float) -> Samples:
    """``samples`` with a gain going linearly from ``first`` to ``last`` (0..1), by pydub.

    Only a fade's own samples are handed over; pydub is imported on first use.
    """
    with warnings.catch_warnings():  # pydub warns about ffmpeg at import; fades do not need it
        warnings.simplefilter("ignore")
        from pydub import AudioSegment

    frames, channels = samples.shape
    if frames == 0:
        return samples
    segment = AudioSegment(data=np.ascontiguousarray(samples).tobytes(), sample_width=2, frame_rate=rate,
                           channels=channels)

    def db(gain: float) -> float:
        return 20.0 * float(np.log10(gain)) if gain > 1e-6 else -120.0

    faded = segment.fade(from_gain=db(first), to_gain=db(last), start=0, end=len(segment))
    out = np.frombuffer(faded.raw_data, dtype=np.int16).reshape(-1, channels)
    if len(out) != frames:  # pydub works in whole milliseconds; keep the exact length
        tail = np.round(samples[len(out):].astype(np.float64) * last).astype(np.int16)
        out = np.concatenate([out, tail]) if len(out) < frames else out[:frames]
    return out


def frame_energy_db(samples: Samples, rate: int, frame_ms: int = 10) -> npt.NDArray[np.float64]:
    """Mean power of each whole ``frame_ms`` frame in dBFS (all channels together)."""
    size = max(1, rate * frame_ms // 1000)
    n = len(samples) // size
    if n == 0:
        return np.zeros(0)
    x = samples[: n * size].astype(np.float64).reshape(n, -1) / 32768.0
    return np.asarray(10.0 * np.log10(np.mean(x * x, axis=1) + 1e-12), dtype=np.float64)


# ---------------------------------------------------------------- writing


def temp_path(final: Path) -> Path:
    """A fresh hidden name beside ``final``, so os.replace is atomic and the umask applies."""
    return final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.part")


def publish(tmp: Path, final: Path, *, force: bool) -> None:
    """Move the finished ``tmp`` to ``final``; without ``force`` never replace a file."""
    try:
        if force:
            os.replace(tmp, final)
            return
        try:
            os.link(tmp, final)  # fails if final exists, even if it appeared a moment ago
        except FileExistsError:
            raise OutputError(f"{final}: already exists; add --force to replace it, "
                              "or choose another folder with -o") from None
        except OSError:  # no hard links on this file system
            if final.exists():
                raise OutputError(f"{final}: already exists; add --force to replace it, "
                                  "or choose another folder with -o") from None
            os.replace(tmp, final)
    except OSError as exc:
        raise OutputError(f"{final}: cannot write it ({exc.strerror}); "
                          "choose another folder with -o") from exc
    finally:
        tmp.unlink(missing_ok=True)


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
    """Takes int16 chunks; ``commit`` publishes the file, ``abort`` leaves nothing behind."""

    def write(self, samples: Samples) -> None: ...

    def commit(self, *, force: bool) -> None: ...

    def abort(self) -> None: ...


class _FfmpegWriter:
    def __init__(self, ffmpeg: Path, final: Path, fmt: AudioFormat, rate: int, channels: int,
                 tags: Mapping[str, str]) -> None:
        self.final, self.tmp = final, temp_path(final)
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in commit/abort)
        self._proc = subprocess.Popen(encode_args(ffmpeg, fmt, rate, channels, tags, self.tmp),
                                      stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                      stderr=self._stderr)

    def write(self, samples: Samples) -> None:
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(_bytes(samples))
        except BrokenPipeError:
            self._fail()

    def _fail(self) -> None:
        self._proc.wait()
        self._stderr.seek(0)
        lines = self._stderr.read().decode(errors="replace").strip().splitlines()
        self.abort()
        reason = lines[-1] if lines else f"ffmpeg exit status {self._proc.returncode}"
        raise OutputError(f"{self.final}: cannot encode it ({reason})")

    def commit(self, *, force: bool) -> None:
        assert self._proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self._proc.stdin.close()
        if self._proc.wait() != 0:
            self._fail()
        self._stderr.close()
        publish(self.tmp, self.final, force=force)

    def abort(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self._proc.stdin.close()
        self._stderr.close()
        self.tmp.unlink(missing_ok=True)


_WAV_INFO = {"title": b"INAM", "artist": b"IART", "album": b"IPRD", "comment": b"ICMT"}


class _WavWriter:
    """16-bit PCM WAV with a LIST/INFO chunk for the tags; sizes patched on commit."""

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
        self._file.write(b"RIFF\0\0\0\0WAVE" + self._head + b"data\0\0\0\0")

    def write(self, samples: Samples) -> None:
        self._file.write(_bytes(samples))
        self._frames += len(samples)

    def commit(self, *, force: bool) -> None:
        data = self._frames * self._channels * 2  # always even: no pad byte
        try:
            self._file.seek(4)
            self._file.write(struct.pack("<I", 4 + len(self._head) + 8 + data))
            self._file.seek(12 + len(self._head) + 4)
            self._file.write(struct.pack("<I", data))
            self._file.close()
        except OSError as exc:
            self.abort()
            raise OutputError(f"{self.final}: cannot write it ({exc.strerror})") from exc
        publish(self.tmp, self.final, force=force)

    def abort(self) -> None:
        self._file.close()
        self.tmp.unlink(missing_ok=True)


def _bytes(samples: Samples) -> memoryview:
    """The samples as little-endian bytes, without a copy when they already are."""
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
        raise OutputError(f"{final}: cannot write it ({exc.strerror}); "
                          "choose another folder with -o") from exc


# ---------------------------------------------------------------- stream copy


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
        raise AlignError(f"{info.path}: cannot stream-copy {info.codec} audio into "
                         "mp3, wav, m4a, ogg or flac; drop --copy to re-encode")
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
        args += ["-ss", _seconds(job.start_ms), "-t", _seconds(job.end_ms - job.start_ms),
                 "-f", fmt.muxer, "-y", str(tmp)]
    return args


def stream_copy(info: AudioInfo, jobs: Sequence[CopyJob], ffmpeg: Path | None, *,
                force: bool) -> None:
    """Cut every job from ``info`` without re-encoding, in a single ffmpeg run."""
    tool = require_ffmpeg(ffmpeg, "cut clips with --copy")
    temps = [temp_path(job.path) for job in jobs]
    try:
        result = subprocess.run(copy_args(tool, info, jobs, temps), stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, errors="replace", check=False)
        if result.returncode != 0:
            lines = result.stderr.strip().splitlines()
            reason = lines[-1] if lines else f"exit status {result.returncode}"
            raise InputError(info.path, f"cannot stream-copy it ({reason}); drop --copy to re-encode")
        for job, tmp in zip(jobs, temps, strict=True):
            publish(tmp, job.path, force=force)
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


def _seconds(ms: int) -> str:
    return f"{ms // 1000}.{ms % 1000:03d}"

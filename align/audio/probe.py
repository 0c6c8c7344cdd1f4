"""What a source file holds (rate, channels, codec, duration), without ffprobe.

A PCM WAV is read from its header; anything else from what ``ffmpeg -i`` prints.
"""

from __future__ import annotations

import functools
import re
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

from align.audio.ffmpeg import INSTALL_HINT, require_ffmpeg
from align.errors import InputError

_LAYOUTS = {"mono": 1, "stereo": 2, "2.1": 3, "3.0": 3, "quad": 4, "4.0": 4, "5.0": 5,
            "5.1": 6, "6.0": 6, "6.1": 7, "7.0": 7, "7.1": 8, "octagonal": 8}
_DURATION = re.compile(r"Duration: (?:(\d+):(\d\d):(\d\d(?:\.\d+)?)|N/A)")
_AUDIO_STREAM = re.compile(r"Stream #\d+:\d+\S*: Audio: (\w+)[^\n]*?, (\d+) Hz, ([^,\n]+)")


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
        raise InputError(path, "audio file not found; check its path") from None
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
    stat = path.stat()
    return parse_probe(_ffmpeg_says(tool, path, stat.st_size, stat.st_mtime_ns), path)


@functools.lru_cache(maxsize=16)
def _ffmpeg_says(tool: Path, path: Path, size: int, mtime_ns: int) -> str:
    """What ``ffmpeg -i`` prints about a file, asked once while the file stays the same (a
    command that aligns and then cuts the same recording probes it twice)."""
    result = subprocess.run([str(tool), "-hide_banner", "-nostdin", "-i", str(path)],
                            capture_output=True, text=True, errors="replace", check=False)
    return result.stderr


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

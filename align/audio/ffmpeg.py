"""Finding ffmpeg: ``--ffmpeg``, else ``$ALIGN_FFMPEG``, else PATH; one clear error if absent."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from align.errors import AlignError

ENV_VAR = "ALIGN_FFMPEG"
INSTALL_HINT = f"install it (apt install ffmpeg), pass --ffmpeg PATH or set {ENV_VAR}"


class FfmpegMissingError(AlignError):
    """ffmpeg is needed for this file or format and was not found."""


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


def _seconds(ms: int) -> str:
    return f"{ms // 1000}.{ms % 1000:03d}"

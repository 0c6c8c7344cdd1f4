"""Finding ffmpeg: ``--ffmpeg``, else ``$ALIGN_FFMPEG``, else PATH; one clear error if absent."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from align.errors import AlignError

ENV_VAR = "ALIGN_FFMPEG"
INSTALL_HINT = f"install it (apt install ffmpeg) or set {ENV_VAR} to its path"


class FfmpegMissingError(AlignError):
    """ffmpeg is needed for this file or format and was not found."""


class FfmpegNotFoundError(FfmpegMissingError):
    """The ffmpeg program the caller named (``origin``: an option or ``$ALIGN_FFMPEG``) is not there."""

    def __init__(self, value: str, origin: str) -> None:
        self.value, self.origin = value, origin
        where = "the ffmpeg program" if origin == "argument" else origin
        super().__init__(f"{where} {value}: no such program; {INSTALL_HINT}")


def find_ffmpeg(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The ffmpeg to use: ``explicit``, else ``$ALIGN_FFMPEG``, else ``ffmpeg`` on PATH.

    Returns None when none is set and PATH has none (WAV still works). A path that
    was given but does not run is an error, not a silent fallback.
    """
    for value, origin in ((explicit, "argument"), (os.environ.get(ENV_VAR), ENV_VAR)):
        if value is None or str(value) == "":
            continue
        found = shutil.which(str(value))
        if found is None:
            raise FfmpegNotFoundError(str(value), origin)
        return Path(found)
    found = shutil.which("ffmpeg")
    return Path(found) if found else None


def require_ffmpeg(ffmpeg: Path | None, purpose: str) -> Path:
    """``ffmpeg``, or a one-line error saying what it is needed for."""
    if ffmpeg is None:
        raise FfmpegMissingError(f"ffmpeg is needed to {purpose}; {INSTALL_HINT}")
    return ffmpeg

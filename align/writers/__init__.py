"""Writing captions: one module a format, found in a registry by name or suffix.

    from align.writers import write_captions
    write_captions(captions, Path("out"), ["srt", "vtt", "json"])

Every file goes through ``align.outputs``: atomic, never over an input, never over
an existing file unless forced, all the formats of one call or none.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from align.outputs import write_all
from align.writers import jsondoc, srt, vtt
from align.writers.registry import WRITERS, UnknownOutputFormatError, Writer, register, writer_for, writer_for_suffix

if TYPE_CHECKING:
    from align.pipeline import Captions

for _module in (srt, vtt, jsondoc):
    register(_module.WRITER)

DEFAULT_FORMATS = ("srt", "vtt")


def write_captions(
    captions: Captions,
    out_dir: Path,
    formats: Iterable[str | Writer] = DEFAULT_FORMATS,
    *,
    stem: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the chosen formats into ``out_dir`` as ``<stem>.<suffix>``, all or none.

    ``stem`` defaults to the transcript's file name without its suffix.
    """
    chosen = list(dict.fromkeys(f if isinstance(f, Writer) else writer_for(f) for f in formats))
    name = stem if stem is not None else captions.timed.source.stem
    files = [(out_dir / f"{name}{w.suffix}", w.render(captions)) for w in chosen]
    write_all(files, protect=[captions.timed.source], force=force)
    return [path for path, _ in files]


__all__ = [
    "DEFAULT_FORMATS",
    "WRITERS",
    "UnknownOutputFormatError",
    "Writer",
    "register",
    "write_captions",
    "writer_for",
    "writer_for_suffix",
]

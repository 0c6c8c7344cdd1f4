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

from align.errors import OptionError, shown
from align.outputs import write_all
from align.writers import jsondoc, podcast, srt, text, ttml, vtt
from align.writers.registry import (
    WRITERS,
    UnknownOutputFormatError,
    Writer,
    register,
    writer_for,
    writer_for_name,
)

if TYPE_CHECKING:
    from align.pipeline import Captions

for _module in (srt, vtt, jsondoc, text, podcast, ttml):
    register(_module.WRITER)

DEFAULT_FORMATS = ("srt", "vtt")


def write_captions(
    captions: Captions,
    out: Path,
    formats: Iterable[str | Writer] = DEFAULT_FORMATS,
    *,
    stem: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the chosen formats, all or none: into the folder ``out`` as ``<stem><suffix>``
    (``stem`` defaults to the transcript's name), or, when ``out`` is named like a caption
    file (``ep.srt``), into that one file in its format.
    """
    files = [(path, w.render(captions)) for path, w in targets(out, captions.timed.source.stem if stem is None
                                                                else stem, formats)]
    write_all(files, protect=[captions.timed.source], force=force)
    return [path for path, _ in files]


def targets(out: Path, stem: str, formats: Iterable[str | Writer] = DEFAULT_FORMATS) -> list[tuple[Path, Writer]]:
    """The files ``write_captions`` writes, each with its writer (see there)."""
    chosen = list(dict.fromkeys(f if isinstance(f, Writer) else writer_for(f) for f in formats))
    named = writer_for_name(out.name)
    if named is None:
        return [(out / f"{stem}{w.suffix}", w) for w in chosen]
    if chosen != [named] and tuple(w.name for w in chosen) != DEFAULT_FORMATS:
        raise OptionError("formats", f"{shown(out)} is a {named.name} file; it cannot hold "
                                     f"{', '.join(w.name for w in chosen)}")
    return [(out, named)]


__all__ = [
    "DEFAULT_FORMATS",
    "WRITERS",
    "UnknownOutputFormatError",
    "Writer",
    "register",
    "targets",
    "write_captions",
    "writer_for",
    "writer_for_name",
]

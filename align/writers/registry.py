"""The caption formats align writes, found by name (``srt``) or by file suffix (``.srt``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from align.errors import AlignError

if TYPE_CHECKING:
    from align.pipeline import Captions


@dataclass(frozen=True, slots=True)
class Writer:
    name: str
    suffix: str
    description: str
    render: Callable[[Captions], str]


WRITERS: dict[str, Writer] = {}


class UnknownOutputFormatError(AlignError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no caption format '{name}'; the formats are {', '.join(WRITERS)}")


def register(writer: Writer) -> Writer:
    WRITERS[writer.name] = writer
    return writer


def writer_for(name: str) -> Writer:
    """The writer called ``name`` (any case)."""
    try:
        return WRITERS[name.strip().lower()]
    except KeyError:
        raise UnknownOutputFormatError(name) from None


def writer_for_name(name: str) -> Writer | None:
    """The writer whose files end the way ``name`` does (``ep.srt``, ``ep.podcast.json``), or None.

    The longest suffix wins: ``ep.podcast.json`` is a Podcasting 2.0 transcript, not align's JSON.
    """
    lower = name.lower()
    found = [w for w in WRITERS.values() if lower.endswith(w.suffix) and len(lower) > len(w.suffix)]
    return max(found, key=lambda w: len(w.suffix), default=None)

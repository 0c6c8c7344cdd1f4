"""The readers align knows, found by name or by what a file looks like.

A reader is a name, a one-line description with an example, ``sniff`` (how much a
text looks like its format, 0 to 1) and ``parse`` (the text into a ``Transcript``).
Readers register themselves in ``align.readers``; the one whose ``sniff`` scores a
text highest reads it, unless the caller names one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.readers.model import Transcript


@dataclass(frozen=True, slots=True)
class Context:
    """Where the text came from and how strictly to read it."""

    path: str
    encoding: str = "utf-8"
    strict: bool = False


@dataclass(frozen=True, slots=True)
class Reader:
    name: str
    description: str
    example: str
    sniff: Callable[[str], float]
    parse: Callable[[str, Context], Transcript]


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add ``reader`` to the registry (a later one with the same name replaces it)."""
    READERS[reader.name] = reader
    return reader


def detect(text: str) -> Reader:
    """The reader whose format ``text`` looks most like (the first registered on a tie)."""
    best: tuple[float, Reader] | None = None
    for reader in READERS.values():
        score = reader.sniff(text)
        if best is None or score > best[0]:
            best = (score, reader)
    assert best is not None, "no reader is registered"
    return best[1]


class NotATranscriptError(InputError):
    """A file that is no transcript any reader reads (JSON of another kind, audio, a
    document, nothing but page text): what it was found to be, and the formats there are.

    ``found`` is said of the file (``"is an MP3 recording, not a transcript"``);
    ``advice`` what to do instead, when there is something to say.
    """

    def __init__(self, path: Path | str, found: str, advice: str = "") -> None:
        self.found = found
        self.advice = advice
        self.formats = tuple(READERS)
        tail = f"; {advice}" if advice else ""
        super().__init__(path, f"{found}{tail}; align reads {', '.join(self.formats)}")

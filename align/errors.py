"""Errors and warnings that point at a place in the user's file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class AlignError(Exception):
    """Base error: its message is one line that says what is wrong and what to do."""


class InputError(AlignError):
    """A problem with an input file, located by path and (when known) line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.detail = message
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {message}")


class OutputError(AlignError):
    """An output file or folder cannot be written."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A recoverable oddity in the input, with its location."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"

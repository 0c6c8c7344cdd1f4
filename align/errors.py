"""Errors and warnings that point at a place in the user's files.

Every error is an ``AlignError`` whose message is one line: where, what is wrong,
and what to do about it in words that hold for any caller. Errors carry their data
(path, line, label...) so that the command line can add the hint that names its own
options; the library never names a command-line option.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align.text import single_line


def shown(path: Path | str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as U+FFFD."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class AlignError(Exception):
    """Base error: its message is one line that says what is wrong and what to do.

    What it quotes (a path, a label, a line of the transcript) is put on that line.
    """

    def __init__(self, message: str) -> None:
        super().__init__(single_line(message))


class InputError(AlignError):
    """A problem with an input file, located by path and (when known) line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.detail = message
        where = f"{shown(self.path)}:{line}" if line is not None else shown(self.path)
        super().__init__(f"{where}: {message}")


class OutputError(AlignError):
    """An output file or folder cannot be written."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{shown(self.path)}: {problem}")


class TargetExistsError(OutputError):
    """The output exists and replacing it was not asked for."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "already exists")


class InputOverwriteError(OutputError):
    """An output would be written over one of the inputs."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "would overwrite an input")


class FolderBusyError(OutputError):
    """Another align run is writing into the same folder."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "another align run is writing into this folder; wait for it or write elsewhere")


class CannotWriteError(OutputError):
    """The system refused a write (permissions, a full disk, a read-only file system)."""

    def __init__(self, path: Path | str, reason: str, *, folder: bool = False) -> None:
        self.reason = reason
        super().__init__(path, f"cannot write {'there' if folder else 'it'} ({reason})")


class SpeakerError(AlignError):
    """A speaker named by the user is not in the transcript.

    ``renaming`` tells a label to rename from a speaker to select.
    """

    def __init__(self, wanted: str, known: Sequence[str], source: str = "", *, renaming: bool = False) -> None:
        self.wanted = wanted
        self.known = tuple(known)
        self.renaming = renaming
        where = f" in {shown(source)}" if source else ""
        super().__init__(f"no speaker '{wanted}'{where}; the speakers are {', '.join(self.known)}")


class OptionError(AlignError):
    """A setting out of range or in conflict with another; ``option`` is the library's name for it."""

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A recoverable oddity in the input, with its location."""

    path: str
    line: int | None
    message: str
    # a speaker label the user may want to rename, and the name suggested (None: unknown)
    rename: tuple[str, str | None] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", single_line(self.message))  # one line, whatever it quotes

    def __str__(self) -> str:
        where = f"{shown(self.path)}:{self.line}" if self.line is not None else shown(self.path)
        return single_line(f"{where}: {self.message}")

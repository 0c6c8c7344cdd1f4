"""The jobs' audio handed to the workers through a temporary file, not through their pipes.

Sent inside a job, a slice of the recording was pickled by the process that hands out
the work: a copy of the samples, and the pickle's buffer as large again, freed only
once the worker had read it. On the 45-minute episode the largest job holds 387 s, and
the main process rose from 136 MB before the first job to a peak of 159 or 166 MB, as
the freed pickles fragmented its heap. Written to a file, each job's slice costs the
caller nothing more (146 MB, every run), and a worker reads its slice straight into an
array.

The file has no name (``O_TMPFILE``, in the temporary folder): the workers open it
through this process's ``/proc/<pid>/fd``, and it is gone when this process closes it,
or is killed. A slice is written when its job is handed over (the first job waits for
its own slice only, not for the whole recording's), after the slices before it. Where
there is no such file (not Linux; a temporary folder full, read-only or on a file
system without unnamed files), the slices are pickled as before; that is not an error.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Samples = npt.NDArray[np.int16]


@dataclass(frozen=True, slots=True)
class Spooled:
    """``count`` samples at sample ``start`` of the file at ``path``."""

    path: str
    start: int
    count: int

    def __len__(self) -> int:
        return self.count

    def read(self) -> Samples:
        data = np.fromfile(self.path, dtype=np.int16, count=self.count, offset=2 * self.start)
        if len(data) != self.count:  # the file was cut short under us: say so, do not align silence
            raise OSError(f"{self.path} holds {len(data)} of the {self.count} samples of a job")
        return data


def samples_of(audio: Samples | Spooled) -> Samples:
    """The samples themselves, read from the file when spooled."""
    return audio.read() if isinstance(audio, Spooled) else audio


class Spool:
    """Slices written one after another to one file (``None``: pickled instead). The file
    is ``spool()``'s to close: a spool that stops writing to it leaves it open for the
    slices already in it."""

    def __init__(self, file: BinaryIO | None, path: str) -> None:
        self._file, self._path, self._end = file, path, 0

    def put(self, audio: Samples | Spooled) -> Samples | Spooled:
        """``audio`` as a slice of the file, or itself when the file cannot take it (then
        the later ones too)."""
        if self._file is None or isinstance(audio, Spooled):
            return audio
        try:
            np.ascontiguousarray(audio, dtype=np.int16).tofile(self._file)
            if os.fstat(self._file.fileno()).st_size != 2 * (self._end + len(audio)):  # a short write raises nothing
                raise OSError(f"{len(audio)} samples did not fit in {self._path}")
        except OSError as exc:
            log.debug("the audio goes to the workers by pipe: %s", exc)
            self._file = None
            return audio
        spooled = Spooled(self._path, self._end, len(audio))
        self._end += len(audio)
        return spooled


@contextmanager
def spool() -> Iterator[Spool]:
    """A spool in an unnamed temporary file, closed (and so gone) when the block ends."""
    opened = _unnamed_file()
    if opened is None:
        yield Spool(None, "")
        return
    handle, path = opened
    file = os.fdopen(handle, "wb", buffering=0)  # each slice is in the file once written
    try:
        yield Spool(file, path)
    finally:
        file.close()


def _unnamed_file() -> tuple[int, str] | None:
    """A file with no name in the temporary folder, and the path by which this user's
    other processes open it while this process holds it; None where there is none."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return None
    try:
        handle = os.open(tempfile.gettempdir(), flag | os.O_RDWR, 0o600)
    except OSError as exc:
        log.debug("the audio goes to the workers by pipe: %s", exc)
        return None
    path = f"/proc/{os.getpid()}/fd/{handle}"
    try:
        os.close(os.open(path, os.O_RDONLY))  # as a worker will
    except OSError as exc:
        log.debug("the audio goes to the workers by pipe: %s", exc)
        os.close(handle)
        return None
    return handle, path

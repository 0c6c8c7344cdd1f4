"""The jobs' audio handed to the workers through a temporary file, not through their pipes.

Sent inside a job, a slice of the recording was pickled by the process that hands out
the work: a copy of the samples, and the pickle's buffer as large again, freed only
once the worker had read it. On the 45-minute episode the largest job holds 387 s, and
the main process peaked 20 MB above the recording it holds, more or less from run to
run as the freed pickles fragmented its heap. Written to a file, each job's slice costs
the caller nothing more, and a worker reads its own slice straight into an array.

A slice is written when its job is handed over (the first job waits for its own slice
only, not for the whole recording's), after the slices before it; the file goes when
the block ends. A file that cannot be written (the temporary folder full or read-only)
is not an error: from then on the slices are pickled as before.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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
    """Slices written one after another to one file (``None``: pickled instead)."""

    def __init__(self, file: BinaryIO | None, path: str) -> None:
        self._file, self._path, self._end = file, path, 0

    def put(self, audio: Samples | Spooled) -> Samples | Spooled:
        """``audio`` as a slice of the file, or itself when the file cannot take it."""
        if self._file is None or isinstance(audio, Spooled):
            return audio
        try:
            np.ascontiguousarray(audio, dtype=np.int16).tofile(self._file)
        except OSError as exc:
            log.debug("the audio goes to the workers by pipe: %s", exc)
            self._file.close()
            self._file = None
            return audio
        spooled = Spooled(self._path, self._end, len(audio))
        self._end += len(audio)
        return spooled


@contextmanager
def spool() -> Iterator[Spool]:
    """A spool in the temporary folder, its file removed when the block ends."""
    try:
        handle, path = tempfile.mkstemp(prefix="align-", suffix=".pcm")
    except OSError as exc:
        log.debug("the audio goes to the workers by pipe: %s", exc)
        yield Spool(None, "")
        return
    file = os.fdopen(handle, "wb", buffering=0)  # each slice is in the file once written
    try:
        yield Spool(file, path)
    finally:
        file.close()
        with suppress(OSError):
            os.unlink(path)

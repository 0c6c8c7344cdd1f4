"""The jobs' audio handed to the workers through a temporary file, not through their pipes.

Sent inside a job, a slice of the recording was pickled by the process that hands out
the work: a copy of the samples, and the pickle's buffer as large again, freed only
once the worker had read it. On the 45-minute episode the largest job holds 387 s, and
the main process peaked 20 MB above the recording it holds, more or less from run to
run as the freed pickles fragmented its heap. Written once to a file, each job's
slice costs the caller nothing more, and a worker reads its own slice straight into
an array.

The file holds only the jobs' slices, one after another (a search again writes a
small one), and is removed when the jobs are done. A file that cannot be written
(the temporary folder full or read-only) is not an error: the slices are pickled as
before.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

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


@contextmanager
def spooled(slices: Sequence[Samples | Spooled]) -> Iterator[list[Samples | Spooled]]:
    """``slices`` written one after another to a temporary file: a ``Spooled`` for each,
    valid inside the block (the file is removed after it). When the file cannot be
    written, the slices themselves."""
    try:
        handle, path = tempfile.mkstemp(prefix="align-", suffix=".pcm")
    except OSError as exc:
        log.debug("the audio goes to the workers by pipe: %s", exc)
        yield list(slices)
        return
    try:
        out: list[Samples | Spooled] = []
        try:
            with os.fdopen(handle, "wb") as f:
                start = 0
                for piece in slices:
                    np.ascontiguousarray(samples_of(piece), dtype=np.int16).tofile(f)
                    out.append(Spooled(path, start, len(piece)))
                    start += len(piece)
        except OSError as exc:
            log.debug("the audio goes to the workers by pipe: %s", exc)
            out = list(slices)
        yield out
    finally:
        with suppress(OSError):
            os.unlink(path)

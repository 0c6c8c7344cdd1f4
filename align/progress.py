"""Telling a watcher how far a long job has come, and logging how long each stage took.

The library reports through a ``Progress`` it is handed (``SILENT`` by default); the
command line hands it a terminal bar. ``stage`` wraps one step: it tells the watcher
what is starting and how much there is to do, and logs the step's duration (shown
with ``-v``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

log = logging.getLogger("align")


class Progress(Protocol):
    """Hears of the stages of a job: one at a time, each with a known amount of work."""

    def begin(self, what: str, total: int, unit: str) -> None: ...

    def advance(self, done: int) -> None: ...

    def end(self) -> None: ...


class _Silent:
    def begin(self, what: str, total: int, unit: str) -> None:
        pass

    def advance(self, done: int) -> None:
        pass

    def end(self) -> None:
        pass


SILENT: Progress = _Silent()


@contextmanager
def stage(what: str, progress: Progress = SILENT, total: int = 0, unit: str = "") -> Iterator[Callable[[int], None]]:
    """Run one step: the watcher hears of it (when it has ``total`` work to show), and its
    duration is logged. Yields the function to call with each amount of work done."""
    start = time.perf_counter()
    if total > 0:
        progress.begin(what, total, unit)
    try:
        yield progress.advance if total > 0 else _ignore
    finally:
        if total > 0:
            progress.end()
        log.info("%s: %.2f s", what, time.perf_counter() - start)


def _ignore(done: int) -> None:
    pass

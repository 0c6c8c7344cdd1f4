"""Work spread over worker processes, safely for whoever calls align.

Workers are started with "spawn", which by default re-runs the caller's ``__main__``
in every worker: a script that calls align without an ``if __name__ == "__main__":``
guard would start align again in each worker, and fail. The workers here only need
align's own modules, so the caller's ``__main__`` is kept out of sight while they
start (``_starting_workers``). Each worker is one busy core already, so the numeric
libraries in it run on one thread: numpy's BLAS would otherwise start a thread per
core in every worker, and those threads spin after each call, taking CPU from the
other workers. Workers ignore Ctrl-C: an interrupted run stops them at once instead
of letting them finish the queue.

Starting a worker (a new interpreter importing numpy and the decoder) takes a third
of a second. ``ready`` starts them ahead of their work, so that they start while the
caller prepares it, and the ``in_processes`` calls inside its block share them.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import sys
import threading
import types
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_swap = threading.Lock()
# what OpenBLAS, OpenMP and MKL read when they load to size their thread pools
_THREAD_COUNTS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def _starting_workers() -> Iterator[None]:
    """While processes start: ``__main__`` is an empty module, so no worker imports the
    caller's; numeric libraries are told to use one thread, unless the caller chose a
    number. The caller's modules and environment are as they were afterwards."""
    with _swap:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        unset = [name for name in _THREAD_COUNTS if name not in os.environ]
        os.environ.update(dict.fromkeys(unset, "1"))
        try:
            yield
        finally:
            for name in unset:
                os.environ.pop(name, None)
            if main is not None:
                sys.modules["__main__"] = main


def _worker_starts(preload: tuple[str, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the process group: the caller stops us
    for name in preload:
        importlib.import_module(name)


def _started() -> None:
    """A first piece of work, handed to each worker so that it starts now."""


def _pool(workers: int, preload: Sequence[str] = ()) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_starts, initargs=(tuple(preload),))


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now, whatever they are doing."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


class _Ready(threading.local):
    """The pools ``ready`` started in this thread, innermost last (another thread's work
    never lands on them, nor ends with their block)."""

    def __init__(self) -> None:
        self.pools: list[tuple[int, ProcessPoolExecutor]] = []


_ready = _Ready()


@contextmanager
def ready(workers: int, preload: Sequence[str] = ()) -> Iterator[None]:
    """``workers`` processes started now, importing the modules ``preload`` names while
    the caller goes on; ``in_processes`` calls inside the block, in this thread, that ask
    for as many workers use them. Fewer than two workers: nothing starts (the work runs
    in the caller)."""
    if workers < 2:
        yield
        return
    pool = _pool(workers, preload)
    entry = (workers, pool)
    done = False
    try:
        with _starting_workers():  # each submission starts one worker (none is idle yet)
            for _ in range(workers):
                pool.submit(_started)
        _ready.pools.append(entry)
        yield
        done = True
    finally:
        if entry in _ready.pools:
            _ready.pools.remove(entry)
        if done:
            pool.shutdown()
        else:  # the block failed or was interrupted: no work of its own is left to finish
            _stop(pool)


def started(workers: int) -> bool:
    """Whether ``ready`` has ``workers`` processes running for this thread's calls (work
    for them costs no start, however little there is)."""
    return _ready_pool(workers) is not None


def _ready_pool(workers: int) -> ProcessPoolExecutor | None:
    return next((pool for count, pool in reversed(_ready.pools) if count == workers), None)


def _retire(pool: ProcessPoolExecutor) -> None:
    """A started pool whose worker died takes no more work: later calls start their own."""
    _ready.pools[:] = [entry for entry in _ready.pools if entry[1] is not pool]


def in_processes(
    work: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    prepare: Callable[[T], T] | None = None,
) -> Iterator[tuple[int, R | Exception]]:
    """``work(item)`` for every item on ``workers`` processes: ``(index, result)`` pairs as they
    finish, the exception in place of the result for an item whose work failed. Uses the
    processes ``ready`` started for as many workers, if any; else starts its own. Each item
    goes through ``prepare`` as it is handed over, so that preparing the later ones overlaps
    the work on the first."""
    shared = _ready_pool(workers)
    pool = shared or _pool(max(1, min(workers, len(items))))
    finished = False
    # Items are handed over one a free worker, not all at once: each waits pickled until a
    # worker reads it (with a copy of its audio, for the aligner, where the audio cannot go
    # by file), and the caller's memory is the bound; and each is prepared only then.
    waiting = iter(enumerate(items))
    futures: dict[Future[R], int] = {}
    refused: list[tuple[int, Exception]] = []

    def hand_over() -> None:
        nxt = next(waiting, None)
        if nxt is not None:
            item = nxt[1] if prepare is None else prepare(nxt[1])
            try:
                futures[pool.submit(work, item)] = nxt[0]
            except Exception as exc:  # the pool broke (a worker died): this item fails too
                refused.append((nxt[0], exc))
                _retire(pool)

    try:
        with _starting_workers():  # a new pool's workers start here: the first ``workers`` submissions start them
            for _ in range(max(1, min(workers, len(items)))):
                hand_over()
        while futures or refused:
            if refused:
                k, exc = refused.pop()
                hand_over()
                yield k, exc
                continue
            done, _ = wait(futures, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=futures.__getitem__):
                k = futures.pop(future)
                try:
                    result: R | Exception = future.result()
                except Exception as exc:  # a worker that failed or died: its item failed, the others go on
                    result = exc
                    if isinstance(exc, BrokenProcessPool):
                        _retire(pool)
                hand_over()
                yield k, result
        finished = True
    finally:
        if not finished:  # interrupted, or the caller stopped listening: stop the workers now
            _stop(pool)
        elif shared is None:
            pool.shutdown()

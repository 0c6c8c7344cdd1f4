"""Work spread over worker processes, safely for whoever calls align.

Workers are started with "spawn", which by default re-runs the caller's ``__main__``
in every worker: a script that calls align without an ``if __name__ == "__main__":``
guard would start align again in each worker, and fail. The workers here only need
align's own modules, so the caller's ``__main__`` is kept out of sight while they
start (``_main_hidden``). An interrupted run stops its workers at once instead of
letting them finish the queue.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import types
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_swap = threading.Lock()


@contextmanager
def _main_hidden() -> Iterator[None]:
    """While processes start, ``__main__`` is an empty module, so no worker imports the caller's."""
    with _swap:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


def in_processes(
    work: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[tuple[int, R | Exception]]:
    """``work(item)`` for every item on ``workers`` processes: ``(index, result)`` pairs as they
    finish, the exception in place of the result for an item whose work failed."""
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(items))),
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer, initargs=initargs)
    finished = False
    # Items are handed over one a free worker, not all at once: each waits pickled (a copy of
    # its audio, for the aligner) until a worker reads it, and the caller's memory is the bound.
    waiting = iter(enumerate(items))
    futures: dict[Future[R], int] = {}
    refused: list[tuple[int, Exception]] = []

    def hand_over() -> None:
        nxt = next(waiting, None)
        if nxt is not None:
            try:
                futures[pool.submit(work, nxt[1])] = nxt[0]
            except Exception as exc:  # the pool broke (a worker died): this item fails too
                refused.append((nxt[0], exc))

    try:
        with _main_hidden():  # every worker starts here: the first ``workers`` submissions start them
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
                hand_over()
                yield k, result
        finished = True
    finally:
        if not finished:  # interrupted, or the caller stopped listening: stop the workers now
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
        else:
            pool.shutdown()

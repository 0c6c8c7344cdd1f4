"""align.processes: worker processes, safe for a script without a main guard."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support import SAMPLE
from tests.support import SAMPLE_AUDIO as AUDIO


@pytest.mark.needs_ffmpeg
def test_a_script_without_a_main_guard(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(f"""
        from align import make_captions
        captions = make_captions({str(SAMPLE)!r}, audio={str(AUDIO)!r}, speaker_map={{"MA": "MO"}})
        print(sum(t.aligned for t in captions.turns), len(captions.turns))
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout == "16 16\n" and done.stderr == ""


def _square(x: int) -> int:
    return x * x


def _die_on_three(x: int) -> int:
    if x == 3:
        os._exit(1)  # a worker that dies, as one killed for memory would
    return x


def test_every_item_is_answered_once_though_handed_over_a_free_worker_at_a_time() -> None:
    from align.processes import in_processes

    got = dict(in_processes(_square, list(range(7)), 2))
    assert got == {k: k * k for k in range(7)}


def test_items_are_prepared_as_they_are_handed_over_not_all_before() -> None:
    from align.processes import in_processes

    prepared: list[int] = []

    def prepare(x: int) -> int:
        prepared.append(x)
        return x + 10

    answers = in_processes(_square, list(range(6)), 2, prepare=prepare)
    first = next(answers)
    assert len(prepared) <= 3  # two handed out at first, a third as the first came back
    assert dict([first, *answers]) == {k: (k + 10) ** 2 for k in range(6)}
    assert prepared == list(range(6))


def test_a_worker_that_dies_fails_items_and_never_the_caller() -> None:
    from align.processes import in_processes

    got = dict(in_processes(_die_on_three, list(range(6)), 2))
    assert sorted(got) == list(range(6))
    assert isinstance(got[3], Exception)
    assert all(got[k] == k for k in got if not isinstance(got[k], Exception))


def _where(_: int) -> tuple[int, str | None]:
    return os.getpid(), os.environ.get("OPENBLAS_NUM_THREADS")


def _answers(got: dict[int, tuple[int, str | None] | Exception]) -> list[tuple[int, str | None]]:
    assert not any(isinstance(v, Exception) for v in got.values())
    return [v for v in got.values() if not isinstance(v, Exception)]


def test_workers_started_ahead_serve_every_call_inside_their_block() -> None:
    from align.processes import in_processes, ready

    before = os.environ.get("OPENBLAS_NUM_THREADS")
    with ready(2, preload=("json",)):
        first = _answers(dict(in_processes(_where, list(range(6)), 2)))
        second = _answers(dict(in_processes(_where, list(range(6)), 2)))
    after = _answers(dict(in_processes(_where, list(range(4)), 2)))
    pids = {pid for pid, _ in first}
    assert len(pids) <= 2 and {pid for pid, _ in second} <= pids  # the same processes
    assert not {pid for pid, _ in after} & pids  # outside the block: new ones
    # one BLAS thread in each worker (they are one busy core each); the caller's setting kept
    assert {threads for _, threads in [*first, *after]} == {before or "1"}
    assert os.environ.get("OPENBLAS_NUM_THREADS") == before


def test_fewer_than_two_workers_start_nothing_ahead() -> None:
    from align.processes import _ready, ready

    with ready(1):
        assert not _ready.pools


def test_after_a_worker_dies_the_calls_inside_the_block_still_get_answers() -> None:
    from align.processes import in_processes, ready

    with ready(2):
        broken = dict(in_processes(_die_on_three, list(range(6)), 2))
        later = dict(in_processes(_square, list(range(5)), 2))
    assert isinstance(broken[3], Exception)
    assert later == {k: k * k for k in range(5)}

"""Fuzz the text path: N generated transcripts read, timed, cut and written, judged by the oracles.

    python bench/fuzz.py 100000 [--processes 2] [--seconds 3600] [--seed 0] [--out out/fuzz]
    python bench/fuzz.py --replay out/fuzz/0-w1-00042

The cases and the oracles are the quick test's (tests/fuzzing): transcripts with markers in every
form, labels in any script, notes, control characters, ten encodings, four line-ending styles,
mangled and random bytes. Prints the counts: cases, exceptions other than AlignError, cases with
word-conservation findings, with reader disagreements, with other findings (by kind), and inputs
rejected with an AlignError (by message kind). Each failing case is written to a folder under
--out (input.txt, case.json, findings.txt; a few a kind) and --replay runs one again.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings  # noqa: E402

from tests.fuzzing.oracles import run_case, scratch_folder  # noqa: E402
from tests.fuzzing.outcome import CATEGORIES  # noqa: E402
from tests.fuzzing.strategies import Case, cases  # noqa: E402

BATCH = 500  # cases a hypothesis run; a fresh run each batch keeps its memory small
SAVED_A_KIND = 5  # failing cases written per kind of finding and process


@dataclass(slots=True)
class Tally:
    cases: int = 0
    categories: Counter[str] = field(default_factory=Counter)  # cases with a finding of the category
    kinds: Counter[tuple[str, str]] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    harness_errors: Counter[str] = field(default_factory=Counter)
    saved: list[str] = field(default_factory=list)

    def merge(self, other: Tally) -> None:
        self.cases += other.cases
        self.categories.update(other.categories)
        self.kinds.update(other.kinds)
        self.rejected.update(other.rejected)
        self.harness_errors.update(other.harness_errors)
        self.saved.extend(other.saved)


class _OutOfTime(Exception):
    pass


def _save(case: Case, out: Path, name: str, report: str) -> str:
    folder = out / name
    case.save(folder)
    (folder / "findings.txt").write_text(report + "\n", encoding="utf-8")
    return str(folder)


_DONE: Any = None  # cases run by all processes, shared with each when it starts


def _start_worker(done: Any) -> None:
    global _DONE
    _DONE = done
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the pool


def work(index: int, count: int, base_seed: int, deadline: float, out: str) -> Tally:
    """Run ``count`` cases (or until ``deadline``) in this process."""
    tally = Tally()
    saved_kinds: Counter[str] = Counter()
    workdir = scratch_folder()
    try:
        batch = 0
        while tally.cases < count and time.time() < deadline:
            size = min(BATCH, count - tally.cases)

            @seed(hash((base_seed, index, batch)) & 0xFFFFFFFF)
            @settings(max_examples=size, database=None, phases=[Phase.generate], deadline=None, derandomize=False,
                      suppress_health_check=list(HealthCheck), verbosity=Verbosity.quiet, report_multiple_bugs=False)
            @given(case=cases())
            def one(case: Case) -> None:
                if time.time() >= deadline or tally.cases >= count:
                    raise _OutOfTime
                tally.cases += 1
                if _DONE is not None:
                    with _DONE.get_lock():
                        _DONE.value += 1
                name = f"{base_seed}-w{index}-{tally.cases:06d}"
                try:
                    outcome = run_case(case, workdir)
                except Exception as exc:
                    kind = f"{type(exc).__name__}: {str(exc)[:80]}"
                    tally.harness_errors[kind] += 1
                    if saved_kinds[kind] < SAVED_A_KIND:
                        saved_kinds[kind] += 1
                        tally.saved.append(_save(case, Path(out), name, f"harness error: {exc!r}"))
                    return
                if outcome.rejected is not None:
                    tally.rejected[outcome.rejected] += 1
                for category in {f.category for f in outcome.findings}:
                    tally.categories[category] += 1
                kinds = {(f.category, f.kind) for f in outcome.findings}
                tally.kinds.update(kinds)
                fresh = [k for k in kinds if saved_kinds[str(k)] < SAVED_A_KIND]
                if fresh:
                    for k in kinds:
                        saved_kinds[str(k)] += 1
                    report = "\n".join(str(f) for f in outcome.findings)
                    tally.saved.append(_save(case, Path(out), name, report))

            before = tally.cases
            try:
                one()
            except _OutOfTime:
                break
            if tally.cases == before:
                break  # hypothesis has no new case to give
            batch += 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return tally


def _run(args: argparse.Namespace) -> Tally:
    deadline = time.time() + args.seconds
    processes = max(1, min(args.processes, args.cases))
    shares = [args.cases // processes + (1 if k < args.cases % processes else 0) for k in range(processes)]
    ctx = multiprocessing.get_context("fork")
    done = ctx.Value("q", 0)
    total = Tally()
    start = time.time()
    with ctx.Pool(processes, initializer=_start_worker, initargs=(done,)) as pool:
        jobs = [pool.apply_async(work, (k, n, args.seed, deadline, args.out)) for k, n in enumerate(shares)]
        shown = start
        while not all(j.ready() for j in jobs):
            time.sleep(0.5)
            if time.time() - shown >= 30:
                shown = time.time()
                print(f"  … {done.value} cases, {shown - start:.0f} s", file=sys.stderr, flush=True)
        for j in jobs:
            total.merge(j.get())
    return total


def _print(total: Tally, seconds: float, args: argparse.Namespace) -> None:
    rate = total.cases / seconds if seconds else 0.0
    print(f"fuzz: {total.cases} cases in {seconds:.0f} s ({rate:.0f} a second), {args.processes} processes, "
          f"seed {args.seed}")
    names = {"exception": "exceptions (other than AlignError)", "words": "word-conservation findings",
             "readers": "reader disagreements", "other": "other oracle findings"}
    for category in CATEGORIES:
        print(f"  {names[category]:<40} {total.categories[category]:>7}")
        for (cat, kind), n in sorted(total.kinds.items(), key=lambda item: -item[1]):
            if cat == category:
                print(f"      {n:>7}  {kind}")
    print(f"  {'rejected inputs (AlignError)':<40} {sum(total.rejected.values()):>7}")
    for kind, n in total.rejected.most_common():
        print(f"      {n:>7}  {kind}")
    if total.harness_errors:
        print(f"  {'harness errors':<40} {sum(total.harness_errors.values()):>7}")
        for kind, n in total.harness_errors.most_common():
            print(f"      {n:>7}  {kind}")
    if total.saved:
        print(f"  failing cases written: {len(total.saved)} under {args.out}")


def _replay(folder: Path) -> int:
    case = Case.load(folder)
    with tempfile.TemporaryDirectory(prefix="align-fuzz-") as name:
        outcome = run_case(case, Path(name))
    print(f"{folder}: {case.encoding}, {case.newline} line ends, profile {case.profile!r}, labels {case.labels}, "
          f"strict {case.strict}, rename {case.rename!r}")
    if outcome.rejected is not None:
        print(f"rejected: {outcome.error}")
    for f in outcome.findings:
        print(f)
    if not outcome.findings:
        print("no findings")
    return 1 if outcome.findings else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=int, nargs="?", default=1000)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seconds", type=float, default=3600.0, help="time budget (default 3600)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=str(ROOT / "out" / "fuzz"), help="folder for failing cases")
    parser.add_argument("--replay", type=Path, help="run one saved case again and print its findings")
    args = parser.parse_args()
    if args.replay is not None:
        return _replay(args.replay)
    start = time.time()
    total = _run(args)
    _print(total, time.time() - start, args)
    bad = sum(total.categories[c] for c in ("exception", "words", "readers"))
    return 1 if bad or total.harness_errors else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Many episodes in one call against one call per episode, measured in the same run.

    python bench/bench_batch.py EPISODE_DIR [--copies 4] [--jobs 2] [--work /tmp/align-batch]

EPISODE_DIR holds episode.mp3 and transcript.txt as shared/bench/synth_episode.py
writes them. The benchmark makes COPIES episodes of it (hard links, named ep1..epN),
then times, as a user would run them:

  sequential  one `align captions epK.txt --audio epK.mp3` after another
  batch       `align captions ep*.txt --audio-dir … --jobs J` once

and prints the wall time of each, the ratio, and a check that both wrote the same
captions.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def align_command() -> list[str]:
    exe = ROOT / ".venv" / "bin" / "align"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "align"]


def run(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([*align_command(), *args], capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"align {' '.join(args)} failed:\n{done.stderr}")
    return took


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("episode", type=Path)
    p.add_argument("--copies", type=int, default=4)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--work", type=Path, default=Path("/tmp/align-batch"))
    args = p.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    eps, media = args.work / "eps", args.work / "media"
    eps.mkdir(parents=True)
    media.mkdir()
    for k in range(1, args.copies + 1):
        os.link(args.episode / "transcript.txt", eps / f"ep{k}.txt")
        os.link(args.episode / "episode.mp3", media / f"ep{k}.mp3")
    names = [f"ep{k}" for k in range(1, args.copies + 1)]
    sequential = sum(run(["captions", str(eps / f"{n}.txt"), "--audio", str(media / f"{n}.mp3"),
                          "-o", str(args.work / "one-by-one"), "-q"]) for n in names)
    batch = run(["captions", *(str(eps / f"{n}.txt") for n in names), "--audio-dir", str(media),
                 "-o", str(args.work / "batch"), "--jobs", str(args.jobs), "-q"])
    same = all(filecmp.cmp(args.work / "one-by-one" / f"{n}.{ext}", args.work / "batch" / f"{n}.{ext}",
                           shallow=False) for n in names for ext in ("srt", "vtt"))
    print(f"{args.copies} episodes of {args.episode.name} on {os.cpu_count()} cores")
    print(f"  sequential, one call each : {sequential:7.1f} s")
    print(f"  batch, --jobs {args.jobs:<11d}: {batch:7.1f} s  ({batch / sequential:.2f} of sequential)")
    print(f"  same captions both ways   : {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()

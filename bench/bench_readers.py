#!/usr/bin/env python3
"""Read a synthetic episode back in the forms people have it, with its recording, and score.

    bench_readers.py /tmp/ep [--shift 6] [--work /tmp/bench-readers]

The folder holds episode.mp3 (or .wav), transcript.txt and truth.json as written by
shared/bench/synth_episode.py. Runs ``align captions … --audio`` as a user would on:

- marked: the transcript as synthesised, ``[HH:MM:SS] Name: text``;
- plain: the same text with its markers removed (``Name: text`` paragraphs, no stamps);
- captions: align's own WebVTT of the marked run, every cue shifted ``--shift`` seconds
  later (auto-captions 5-8 s late), read back as the transcript;
- captions unshifted: the same WebVTT as written.

For each it prints the reader used, turns found in the audio, wall time, and the cue
start error from shared/bench/score_captions.py (median, p90, share within 0.5 s).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT.parent / "shared" / "bench" / "score_captions.py"
ALIGN = [sys.executable, "-m", "align"]
_STAMP = re.compile(r"(\d{2}):(\d{2}):(\d{2})\.(\d{3})")


def shifted(vtt: str, seconds: float) -> str:
    """Every time in ``vtt`` moved ``seconds`` later."""
    def move(m: re.Match[str]) -> str:
        h, mi, s, ms = (int(g) for g in m.groups())
        t = ((h * 60 + mi) * 60 + s) * 1000 + ms + round(seconds * 1000)
        return f"{t // 3_600_000:02d}:{t // 60_000 % 60:02d}:{t // 1000 % 60:02d}.{t % 1000:03d}"
    return _STAMP.sub(move, vtt)


def run(name: str, source: Path, audio: Path, truth: Path, out: Path) -> Path:
    started = time.monotonic()
    subprocess.run([*ALIGN, "captions", str(source), "--audio", str(audio), "-o", str(out), "--format", "vtt,json",
                    "--force"], check=True, capture_output=True, cwd=ROOT)
    seconds = time.monotonic() - started
    vtt = out / f"{source.stem}.vtt"
    doc = json.loads((out / f"{source.stem}.json").read_text(encoding="utf-8"))
    found = sum(t["aligned"] for t in doc["turns"])
    info = subprocess.run([*ALIGN, "info", str(source)], check=True, capture_output=True, text=True, cwd=ROOT)
    reader = info.stdout.splitlines()[0].rsplit("read as ", 1)[-1]
    score = json.loads(subprocess.run([sys.executable, str(SCORE), "--json", str(truth), str(vtt)], check=True,
                                      capture_output=True, text=True).stdout)
    start = score["start_error_s"]
    print(f"{name:<20} {reader:<10} {found:>3}/{len(doc['turns']):<3} turns found  {seconds:6.1f} s  "
          f"start median {start['median']:.3f} s  p90 {start['p90']:.3f} s  within 0.5 s {start['within_0.5']:.3f}")
    return vtt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("episode", type=Path)
    parser.add_argument("--shift", type=float, default=6.0, help="seconds the captions are late")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-readers"))
    args = parser.parse_args()
    ep, work = args.episode, args.work
    audio = next(p for p in (ep / "episode.mp3", ep / "episode.wav") if p.exists())
    truth = ep / "truth.json"
    work.mkdir(parents=True, exist_ok=True)
    marked = ep / "transcript.txt"
    plain = work / "plain.txt"
    plain.write_text(re.sub(r"(?m)^\[[\d:.]+\] ", "", marked.read_text(encoding="utf-8")), encoding="utf-8")
    vtt = run("marked", marked, audio, truth, work / "marked")
    run("plain, no stamps", plain, audio, truth, work / "plain")
    late = work / "late.vtt"
    late.write_text(shifted(vtt.read_text(encoding="utf-8"), args.shift), encoding="utf-8")
    run(f"captions +{args.shift:g} s", late, audio, truth, work / "late")
    run("captions as written", vtt, audio, truth, work / "again")


if __name__ == "__main__":
    main()

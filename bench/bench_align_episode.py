#!/usr/bin/env python3
"""Align a synthetic episode turn by turn and score word starts against its truth.

    bench_align_episode.py /tmp/ep [--workers 2] [--tolerance 2] [--no-commands]
                           [--variant frate=66 --variant onset_lead_ms=None ...]

The folder holds episode.mp3 (or .wav), transcript.txt and truth.json as written by
shared/bench/synth_episode.py. Windows come from the markers: marker - tolerance to
the next marker + tolerance; a turn without a marker is searched from the previous
marker on. Prints word-start error (median, p90, share within 0.1/0.5 s), failed
turns, alignment wall time and the peak RSS of the largest process.

Each ``--variant`` aligns again with some settings changed and prints the same figures,
measured in the same run as the default.

Then, unless --no-commands, it runs the whole command twice, text-only timing and
with the recording, as a user would (``align captions T [--audio A]``), and prints
wall time, the peak RSS of the largest process of each run and the captions' scores
from shared/bench/score_captions.py (cue start error median / p90 / within 0.5 s).
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import difflib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from align.aligner import AlignRequest
from align.aligner.decoder import Settings
from align.aligner.sphinx import SphinxAligner
from align.aligner.walk import WalkSettings

MARKER = re.compile(r"^\[(\d{1,2}):(\d{2}):(\d{2})\]\s*([^:\n\[\]]{1,40}):\s*(.*)$", re.S)
LABEL = re.compile(r"^([^:\n\[\]]{1,40}):\s+(.*)$", re.S)


def decode(path: Path) -> np.ndarray:
    """16 kHz mono int16 samples (ffmpeg is for this benchmark only, not the library)."""
    run = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-ac", "1", "-ar", "16000", "-f", "s16le", "-"],
        capture_output=True, check=True,
    )
    return np.frombuffer(run.stdout, dtype=np.int16)


def read_turns(path: Path) -> list[dict]:
    """[{marker_s or None, words}] from '[HH:MM:SS] Label: text' / 'Label: text' turns."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    labels = {m.group(4).strip() for p in paragraphs if (m := MARKER.match(p))}
    turns: list[dict] = []
    for para in filter(None, paragraphs):
        m = MARKER.match(para)
        if m:
            h, mi, s, _, text = m.groups()
            turns.append({"marker": int(h) * 3600 + int(mi) * 60 + int(s), "words": text.split()})
            continue
        m = LABEL.match(para)
        label = m.group(1).strip() if m else ""
        speaker_like = 0 < len(label.split()) <= 3 and all(w[0].isupper() for w in label.split())
        if m and (label in labels or speaker_like or not turns):
            turns.append({"marker": None, "words": m.group(2).split()})
        elif turns:
            turns[-1]["words"].extend(para.split())
    return turns


def requests_for(turns: list[dict], duration_ms: int, tolerance_ms: int) -> list[AlignRequest]:
    marks = [t["marker"] for t in turns]
    out = []
    for k, turn in enumerate(turns):
        before = next((marks[j] for j in range(k, -1, -1) if marks[j] is not None), 0)
        # the next marker after this one (jittered markers can run backwards)
        after = next((marks[j] for j in range(k + 1, len(turns))
                      if marks[j] is not None and marks[j] > before), None)
        start = max(0, before * 1000 - tolerance_ms)
        end = duration_ms if after is None else min(duration_ms, after * 1000 + tolerance_ms)
        out.append(AlignRequest(
            index=k, words=tuple(turn["words"]), window_start_ms=start, window_end_ms=end,
            prev_tail=tuple(turns[k - 1]["words"][-12:]) if k else (),
            next_head=tuple(turns[k + 1]["words"][:12]) if k + 1 < len(turns) else (),
            anchored=turn["marker"] is not None,
        ))
    return out


class PeakRss:
    """Samples the peak RSS (VmHWM) of this process's children while running."""

    def __init__(self) -> None:
        self.children: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            for pid in _children(me):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                m = re.search(r"VmHWM:\s+(\d+) kB", status)
                if m:
                    self.children[pid] = max(self.children.get(pid, 0), int(m.group(1)) // 1024)


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (the CLI's alignment workers are grandchildren)."""
    out: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                out.extend(int(x) for x in (task / "children").read_text().split())
    return out + [g for c in out for g in _children(c)]


SCORER = Path(__file__).resolve().parents[2] / "shared" / "bench" / "score_captions.py"


def run_command(folder: Path, audio: Path | None) -> None:
    """``align captions`` as a user runs it: wall time, largest process, caption scores."""
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        args = [sys.executable, "-m", "align", "captions", str(folder / "transcript.txt"),
                "-o", out, "--format", "vtt"]
        if audio is not None:
            args += ["--audio", str(audio)]
        t0 = time.perf_counter()
        with PeakRss() as peaks:
            run = subprocess.run(args, capture_output=True, text=True,
                                 cwd=Path(__file__).resolve().parents[1])
        wall = time.perf_counter() - t0
        if run.returncode != 0:
            print(f"  align captions failed: {run.stderr.strip()}")
            return
        name = "with --audio" if audio is not None else "text only   "
        line = f"  {name}: {wall:5.1f} s wall, largest process {max(peaks.children.values(), default=0)} MB"
        vtt = Path(out) / "transcript.vtt"
        if SCORER.exists():
            score = subprocess.run([sys.executable, str(SCORER), str(folder / "truth.json"), str(vtt)],
                                   capture_output=True, text=True).stdout
            m = re.search(r"start error s: median ([\d.]+) .*?p90 ([\d.]+) .*?within \.25/\.5/1 s: "
                          r"[\d.]+/([\d.]+)", score)
            if m:
                line += f"; cue start median {m[1]} s, p90 {m[2]} s, within 0.5 s {m[3]}"
        print(line)


def matched(words: tuple[str, ...], truth: list[str]) -> list[tuple[int, int]]:
    """Pairs (caption word, truth word) of equal words, in order (the truth lacks words
    that eSpeak NG gave no word event, such as a lone dash)."""
    matcher = difflib.SequenceMatcher(None, list(words), truth, autojunk=False)
    return [(a + k, b + k) for a, b, n in matcher.get_matching_blocks() for k in range(n)]


def aligner_with(variant: str) -> SphinxAligner:
    """The default aligner with ``KEY=VALUE,...`` changed: decoder ``Settings`` fields
    (frate, ds, topn, beams, ...), ``WalkSettings`` fields (chunk_words, guard_ms, ...),
    ``onset_lead_ms`` (None: no level rule) or ``voiced_onsets`` (False: no voicing rule)."""
    settings, walk, top = Settings(), WalkSettings(), {}
    for item in _top_level_items(variant):
        key, _, text = item.partition("=")
        value = ast.literal_eval(text)
        if key in {f.name for f in dataclasses.fields(Settings)}:
            settings = dataclasses.replace(settings, **{key: value})
        elif key in {f.name for f in dataclasses.fields(WalkSettings)}:
            walk = dataclasses.replace(walk, **{key: value})
        elif key in ("onset_lead_ms", "voiced_onsets"):
            top[key] = value
        else:
            raise SystemExit(f"--variant: unknown setting {key!r}")
    return SphinxAligner(settings, walk, **top)


def _cpu_s() -> float:
    own, reaped = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime


def _top_level_items(text: str) -> list[str]:
    """``a=1,b=((1,2),(3,4))`` -> ``['a=1', 'b=((1,2),(3,4))']``: commas outside brackets."""
    items, depth, current = [], 0, ""
    for ch in text:
        depth += (ch in "([") - (ch in ")]")
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    return [x for x in [*items, current] if x]


def measure(aligner: SphinxAligner, audio: np.ndarray, requests: list[AlignRequest],
            by_turn: dict[int, list[dict]], workers: int, details: bool) -> None:
    """Align, then print word-start error, failed turns, wall time and peak RSS."""
    main_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    cpu0 = _cpu_s()
    t0 = time.perf_counter()
    with PeakRss() as peaks:
        results = aligner.align(audio, 16000, requests, workers=workers)
    wall = time.perf_counter() - t0
    cpu = _cpu_s() - cpu0  # the pool's workers are reaped when align returns
    main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    errors, all_words, failed = [], 0, []
    for req, res in zip(requests, results, strict=True):
        true_words = by_turn.get(req.index, [])
        pairs = matched(req.words, [w["word"] for w in true_words])
        all_words += len(pairs)
        if not res.ok:
            failed.append((req.index, len(pairs), res.reason))
            continue
        for i, j in pairs:
            span = res.spans[i]
            assert span is not None
            errors.append(abs(span[0] / 1000 - true_words[j]["start"]))
    errors.sort()
    conf = [r.confidence for r in results if r.ok]
    if errors:
        p90 = errors[min(len(errors) - 1, int(0.9 * len(errors)))]
        within = {t: sum(e <= t for e in errors) for t in (0.1, 0.5)}
        print(f"word start error ({all_words} words): median {statistics.median(errors) * 1000:.0f} ms  "
              f"p90 {p90 * 1000:.0f} ms  max {errors[-1]:.2f} s  "
              f"within 0.1 s {within[0.1] / len(errors):.3f}  "
              f"within 0.5 s {within[0.5] / len(errors):.3f} (of aligned), "
              f"{within[0.5] / max(1, all_words):.3f} (of all words)")
    print(f"failed turns: {len(failed)} ({sum(f[1] for f in failed)} words)  "
          f"confidence: min {min(conf, default=0):.2f} median "
          f"{statistics.median(conf) if conf else 0:.2f}")
    if details:
        for index, n, reason in failed:
            print(f"  turn {index} ({n} words): {reason}")
        for r in results:
            if r.ok and r.reason:
                print(f"  turn {r.index}: confidence {r.confidence:.2f}: {r.reason}")
    largest = max([main_rss, *peaks.children.values()])
    audio_min = len(audio) / 16000 / 60
    print(f"alignment wall {wall:.1f} s with {workers} workers, CPU {cpu:.1f} s "
          f"({cpu / audio_min:.2f} s per audio minute); peak RSS: main {main_rss} MB "
          f"(before {main_before} MB), workers {sorted(peaks.children.values())} MB; "
          f"largest {largest} MB")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--tolerance", type=float, default=2.0, help="seconds around markers")
    p.add_argument("--turns", type=int, default=0, help="only the first N turns")
    p.add_argument("--no-commands", action="store_true", help="skip the whole-command runs")
    p.add_argument("--variant", action="append", default=[], metavar="KEY=VALUE,...",
                   help="also align with these settings changed, after the default (repeatable)")
    a = p.parse_args()
    audio_path = next(a.folder / n for n in ("episode.wav", "episode.mp3")
                      if (a.folder / n).exists())
    t0 = time.perf_counter()
    audio = decode(audio_path)
    decode_s = time.perf_counter() - t0
    duration_ms = len(audio) * 1000 // 16000
    turns = read_turns(a.folder / "transcript.txt")
    truth = json.loads((a.folder / "truth.json").read_text(encoding="utf-8"))
    requests = requests_for(turns, duration_ms, int(a.tolerance * 1000))[: a.turns or None]
    print(f"{a.folder}: {len(requests)} turns, {duration_ms / 1000:.0f} s; "
          f"decode {decode_s:.1f} s (not counted)")
    by_turn: dict[int, list[dict]] = {}
    for w in truth["words"]:
        by_turn.setdefault(w["turn"], []).append(w)
    for k, variant in enumerate(["", *a.variant]):
        print(f"== {variant or 'default settings'}")
        measure(aligner_with(variant), audio, requests, by_turn, a.workers, details=k == 0)
    if not a.no_commands:
        print("align captions (the whole command, decoding included):")
        run_command(a.folder, None)
        run_command(a.folder, audio_path)


if __name__ == "__main__":
    main()

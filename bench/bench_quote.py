#!/usr/bin/env python3
"""Time ``align quote`` on a synthetic episode and check each clip against the true word times.

    bench_quote.py /tmp/ep [--quotes 6] [--baseline DIR]

The folder holds episode.mp3 (or .wav), transcript.txt and truth.json as written by
shared/bench/synth_episode.py. Quotes are taken from the transcript itself: the first
sentence of eight to sixteen words, said once in the episode, in turns spread evenly over it. Each runs as
a user runs it (``python -m align quote transcript.txt "…" --audio episode.mp3``), and
the bench prints its wall time and whether the clip is clean: it starts after the word
before the quote ends and no later than the quote's first word starts, and ends after its
last word and before the next word starts (the times printed are to a tenth of a second,
so each bound is loosened by 50 ms).

``--baseline DIR`` runs another checkout of align (its root folder) on the same quotes in
the same run, for the time the previous way took.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

from align.readers import read_transcript  # noqa: E402

_SENTENCE = re.compile(r"[^.?!…]+[.?!…]")
_SPAN = re.compile(r"\((\d\d):(\d\d):(\d\d\.\d)–(\d\d):(\d\d):(\d\d\.\d)\)")
_SLACK_S = 0.05


def norm(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower().replace("’", "'"))


def quotes(folder: Path, count: int) -> list[tuple[int, str]]:
    """(turn index, quote) for ``count`` turns spread over the episode."""
    turns = [(k, t) for k, t in enumerate(read_transcript(folder / "transcript.txt").turns) if t.paragraphs]
    texts = [" ".join(tok.text for p in t.paragraphs for tok in p.tokens) for _, t in turns]
    said = " ".join(norm(w) for text in texts for w in text.split())
    picked = []
    for n in range(count):
        for (index, _), text in zip(turns[(n * len(turns)) // count :], texts[(n * len(turns)) // count :],
                                    strict=True):  # from this share of the episode on
            # a sentence said once in the episode (one said twice is a quote align asks more words of)
            sentence = next((s.split() for s in _SENTENCE.findall(text) if 8 <= len(s.split()) <= 16
                             and "[" not in s and said.count(" ".join(norm(w) for w in s.split())) == 1), None)
            if sentence is not None and all(index != k for k, _ in picked):
                picked.append((index, " ".join(sentence)))
                break
    return picked


def true_bounds(truth: dict, turn: int, quote: str) -> tuple[float, float, float, float] | None:
    """(previous word's end, first word's start, last word's end, next word's start) in seconds."""
    words = truth["words"]
    wanted = [norm(w) for w in quote.split()]
    for k in range(len(words) - len(wanted) + 1):
        if words[k]["turn"] == turn and [norm(w["word"]) for w in words[k : k + len(wanted)]] == wanted:
            before = words[k - 1]["end"] if k else 0.0
            after_k = k + len(wanted)
            after = words[after_k]["start"] if after_k < len(words) else float(truth["duration"])
            return before, words[k]["start"], words[after_k - 1]["end"], after
    return None


def run(root: Path, folder: Path, quote: str) -> tuple[float, tuple[float, float] | None, str]:
    audio = next(folder / n for n in ("episode.mp3", "episode.wav") if (folder / n).exists())
    with tempfile.TemporaryDirectory() as tmp:
        args = [sys.executable, "-m", "align", "quote", str(folder / "transcript.txt"), quote, "--audio", str(audio),
                "-o", tmp, "--format", "wav"]
        t0 = time.perf_counter()
        done = subprocess.run(args, capture_output=True, text=True, cwd=root)
        wall = time.perf_counter() - t0
    if done.returncode != 0:
        return wall, None, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
    m = _SPAN.search(done.stdout)
    if m is None:
        return wall, None, f"no clip span in {done.stdout.strip()!r}"
    h1, m1, s1, h2, m2, s2 = m.groups()
    return wall, ((int(h1) * 60 + int(m1)) * 60 + float(s1), (int(h2) * 60 + int(m2)) * 60 + float(s2)), ""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--quotes", type=int, default=6)
    p.add_argument("--baseline", type=Path, help="root of another align checkout to run beside this one")
    a = p.parse_args()
    truth = json.loads((a.folder / "truth.json").read_text(encoding="utf-8"))
    builds = [("this", HERE)] + ([("baseline", a.baseline.resolve())] if a.baseline else [])
    walls: dict[str, list[float]] = {name: [] for name, _ in builds}
    clean: dict[str, int] = {name: 0 for name, _ in builds}
    picked = quotes(a.folder, a.quotes)
    print(f"{a.folder}: {len(picked)} quotes, {truth['duration'] / 60:.0f} min of audio")
    for turn, quote in picked:
        bounds = true_bounds(truth, turn, quote)
        print(f"  turn {turn}: “{quote}”")
        for name, root in builds:
            wall, span, error = run(root, a.folder, quote)
            walls[name].append(wall)
            if error or span is None:
                print(f"    {name:8}: {wall:5.1f} s  {error}")
                continue
            verdict = "no truth for these words"
            if bounds is not None:
                before, first, last, after = bounds
                ok = before - _SLACK_S <= span[0] <= first + _SLACK_S and last - _SLACK_S <= span[1] <= after + _SLACK_S
                clean[name] += ok
                verdict = (f"clip {span[0]:.1f}–{span[1]:.1f} s, words {first:.2f}–{last:.2f} s "
                           f"(pauses from {before:.2f} and to {after:.2f}): {'clean' if ok else 'NOT clean'}")
            print(f"    {name:8}: {wall:5.1f} s  {verdict}")
    for name, _ in builds:
        w = walls[name]
        print(f"{name:8}: wall median {statistics.median(w):.1f} s, max {max(w):.1f} s; "
              f"clean clips {clean[name]} of {len(w)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Run ``align captions --audio`` on synthetic episodes and check what the aligner promises.

    bench_align_suite.py /tmp/ep_plain /tmp/ep_applause ... [--baseline DIR] [--repeat N]

Each folder holds episode.mp3 (or .wav), transcript.txt and truth.json as written by
shared/bench/synth_episode.py. For each, the whole command runs as a user runs it
(``python -m align captions transcript.txt --audio episode.mp3 --format vtt,json``), and
the bench prints:

- wall time, CPU time (the command, its workers and ffmpeg) and the peak RSS of the
  largest process; best and median of ``--repeat`` runs;
- cue start error (median, p90, share within 0.5 s) from shared/bench/score_captions.py;
- turns found in the audio, turns that overlap the turn before them, and cues shorter
  than the profile's minimum that the speech does not force (the truth leaves at least
  the minimum plus the gap between the cue's first word and the next cue's first word);
- turn starts within 0.1 s of the truth, and turns placed on another turn's audio (the
  found span overlaps some other turn's true span more than its own): the figures for
  rapid exchanges of short turns;
- the cue starts that follow applause, and how many are within 0.1 s. Applause is found
  in the audio itself: the gap between a turn and the one before it holds clapping when
  a tenth of its 20 ms frames or more carry bursts 15 dB above the noise floor in
  the 4-8 kHz band (gaps without clapping stay under 5 dB), where neither eSpeak NG's
  speech nor the music beds have much energy.

With ``--clips``, ``align clips`` then cuts every turn (re-encoded, default padding) and
the bench counts clips that take in sound of another turn (a true word of another turn
overlapping the clip), with the largest overlap.

``--baseline DIR`` runs another checkout of align (its root folder) on the same
episodes in the same run, so that speed and memory compare on the same machine load.
``--repeat N`` runs each command N times and says whether the outputs were identical;
the builds take turns (this then baseline, baseline then this, ...), so a machine that
slows down during the run slows both alike, and the differences within each round are
summed up as a mean with its standard error.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "bench"))

from bench_align_episode import PeakRss, decode  # noqa: E402

from align.cues import get_profile  # noqa: E402

SCORER = HERE.parent / "shared" / "bench" / "score_captions.py"
RATE = 16_000


def norm(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower().replace("’", "'"))


def paired(runs: dict[str, dict]) -> None:
    """With a baseline and two runs or more: this build's wall and CPU time minus the
    baseline's in the same round, as a mean with its standard error (the machine's drift
    cancels within a round)."""
    this, base = runs.get("this"), runs.get("baseline")
    if not this or not base or this["error"] or base["error"] or min(len(this["walls"]), len(base["walls"])) < 2:
        return
    for what, key in (("wall", "walls"), ("CPU", "cpus")):
        diff = [x - y for x, y in zip(this[key], base[key], strict=False)]
        error = statistics.stdev(diff) / len(diff) ** 0.5
        print(f"  this - baseline, {what}: {statistics.mean(diff):+.2f} s (standard error {error:.2f} s, "
              f"{len(diff)} rounds; this faster in {sum(d < 0 for d in diff)}); medians "
              f"{statistics.median(this[key]):.1f} s against {statistics.median(base[key]):.1f} s")


def cpu_of_children() -> float:
    """User and system CPU of every finished descendant (the command, its workers, ffmpeg)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(root: Path, folder: Path, out: Path) -> tuple[float, float, int, str]:
    """Wall time, CPU time and the largest process's peak RSS of one command, or an error."""
    audio = next(folder / n for n in ("episode.mp3", "episode.wav") if (folder / n).exists())
    args = [sys.executable, "-m", "align", "captions", str(folder / "transcript.txt"), "--audio", str(audio),
            "-o", str(out), "--format", "vtt,json", "--force"]
    t0, c0 = time.perf_counter(), cpu_of_children()
    with PeakRss() as peaks:
        done = subprocess.run(args, capture_output=True, text=True, cwd=root)
    wall, cpu = time.perf_counter() - t0, cpu_of_children() - c0
    if done.returncode != 0:
        return wall, cpu, 0, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
    return wall, cpu, max(peaks.children.values(), default=0), ""


def clip_intrusions(root: Path, folder: Path, truth: dict) -> str:
    """Cut a clip per turn and count those holding another turn's sound."""
    audio = next(folder / n for n in ("episode.mp3", "episode.wav") if (folder / n).exists())
    with tempfile.TemporaryDirectory() as tmp:
        args = [sys.executable, "-m", "align", "clips", str(folder / "transcript.txt"), "--audio", str(audio),
                "-o", tmp, "--format", "wav"]
        done = subprocess.run(args, capture_output=True, text=True, cwd=root)
        if done.returncode != 0:
            return f"align clips failed: {done.stderr.strip().splitlines()[-1]}"
        rows = json.loads((Path(tmp) / "manifest.json").read_text(encoding="utf-8"))["clips"]
    words = [(w["turn"], w["start"], w["end"]) for w in truth["words"]]
    bad, worst = 0, 0.0
    for row in rows:
        inside = [min(row["end"], e) - max(row["start"], s) for t, s, e in words
                  if t != row["index"] and s < row["end"] and e > row["start"]]
        if inside:
            bad += 1
            worst = max(worst, max(inside))
    return f"{bad} of {len(rows)} clips take in another turn's sound (largest {worst * 1000:.0f} ms)"


def applause_turns(folder: Path, truth: dict) -> set[int]:
    """Turns whose gap before them holds clapping (see the module's docstring)."""
    audio_path = next(folder / n for n in ("episode.mp3", "episode.wav") if (folder / n).exists())
    x = decode(audio_path).astype(np.float32) / 32768.0
    hop = RATE // 50
    n = len(x) // hop
    frames = x[: n * hop].reshape(n, hop) * np.hanning(hop)
    spectrum = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    freqs = np.fft.rfftfreq(hop, 1 / RATE)
    high = 10 * np.log10(spectrum[:, (freqs >= 4000) & (freqs < 7800)].sum(axis=1) + 1e-12)
    floor = float(np.percentile(high, 10))
    turns = truth["turns"]
    found = set()
    for k, turn in enumerate(turns):
        lo = turns[k - 1]["end"] + 0.05 if k else 0.0
        hi = turn["start"] - 0.05
        lo = max(lo, hi - 3.0)
        a, b = int(lo * 50), int(hi * 50)
        if b - a < 2:
            continue
        if np.mean(high[a:b] > floor + 15) >= 0.1:
            found.add(k)
    return found


def truth_starts(doc: dict, truth: dict) -> dict[tuple[int, int], float]:
    """(turn, word) -> true start, for words that match the truth and are not estimated."""
    by_turn: dict[int, list[dict]] = {}
    for w in truth["words"]:
        by_turn.setdefault(w["turn"], []).append(w)
    out = {}
    for t in doc["turns"]:
        mine = [norm(w[0]) for w in t["words"]]
        theirs = by_turn.get(t["index"], [])
        m = difflib.SequenceMatcher(None, mine, [norm(w["word"]) for w in theirs], autojunk=False)
        for a, b, size in m.get_matching_blocks():
            for k in range(size):
                if not theirs[b + k].get("estimated"):
                    out[(t["index"], a + k)] = theirs[b + k]["start"]
    return out


def examine(doc: dict, truth: dict, clapped: set[int]) -> dict[str, object]:
    profile = get_profile(doc["profile"])
    turns = [t for t in doc["turns"] if t["words"]]
    starts = truth_starts(doc, truth)
    overlaps = sum(b["start_ms"] < a["end_ms"] for a, b in itertools.pairwise(turns))
    # each cue's first word: cues of a turn take its words in order
    seen: dict[int, int] = {}
    firsts = []
    for c in doc["cues"]:
        first = seen.get(c["turn"], 0)
        firsts.append((c["turn"], first))
        seen[c["turn"]] = first + len(" ".join(c["lines"]).split())
    unforced = 0
    for k, c in enumerate(doc["cues"]):
        if c["end_ms"] - c["start_ms"] >= profile.min_duration_ms:
            continue
        here = starts.get(firsts[k])
        there = starts.get(firsts[k + 1]) if k + 1 < len(firsts) else None
        if here is None or there is None or (there - here) * 1000 - profile.min_gap_ms >= profile.min_duration_ms:
            unforced += 1
    clap_errors = []
    for k, c in enumerate(doc["cues"]):
        if firsts[k][1] == 0 and c["turn"] in clapped and firsts[k] in starts:
            clap_errors.append(abs(c["start_ms"] / 1000 - starts[firsts[k]]))
    truth_turns = truth["turns"]
    first_word: dict[int, float] = {}
    for w in truth["words"]:  # a turn starts with its first word (the truth's turn start may hold a breath)
        first_word.setdefault(w["turn"], w["start"])
    turn_err, foreign = [], 0
    for t in turns:
        own = truth_turns[t["index"]]
        turn_err.append(abs(t["start_ms"] / 1000 - first_word[t["index"]]))
        lo, hi = t["start_ms"] / 1000, t["end_ms"] / 1000

        def share(tt: dict, lo: float = lo, hi: float = hi) -> float:
            return max(0.0, min(hi, tt["end"]) - max(lo, tt["start"]))

        best = max(range(len(truth_turns)), key=lambda j: share(truth_turns[j]))
        foreign += best != t["index"] and share(truth_turns[best]) > share(own)
    return {
        "turns": len(turns), "found": sum(t["aligned"] for t in turns), "overlaps": overlaps,
        "short_unforced": unforced,
        "turn_start_within_0.1": sum(e <= 0.1 for e in turn_err) / max(1, len(turn_err)),
        "turn_start_median": statistics.median(turn_err) if turn_err else None,
        "foreign": foreign,
        "after_applause": len(clap_errors),
        "after_applause_within_0.1": sum(e <= 0.1 for e in clap_errors),
    }


def score(truth_path: Path, vtt: Path) -> dict:
    done = subprocess.run([sys.executable, str(SCORER), str(truth_path), str(vtt), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folders", type=Path, nargs="+")
    p.add_argument("--baseline", type=Path, help="root of another align checkout to run beside this one")
    p.add_argument("--repeat", type=int, default=1, help="runs of each command (identical outputs?)")
    p.add_argument("--clips", action="store_true", help="also cut clips and check their ends")
    a = p.parse_args()
    builds = [("this", HERE)] + ([("baseline", a.baseline.resolve())] if a.baseline else [])
    for folder in a.folders:
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        clapped = applause_turns(folder, truth)
        print(f"{folder}: {len(truth['turns'])} turns, {truth['duration']:.0f} s; "
              f"{len(clapped)} turns follow applause")
        runs: dict[str, dict] = {name: {"outputs": [], "walls": [], "cpus": [], "rss": [], "error": ""}
                                 for name, _ in builds}
        for k in range(a.repeat):  # the builds take turns (first one, then the other): the machine's speed drifts
            for name, root in builds if k % 2 == 0 else builds[::-1]:
                r = runs[name]
                if r["error"]:
                    continue
                with tempfile.TemporaryDirectory() as tmp:
                    out = Path(tmp)
                    wall, cpu, peak, error = run(root, folder, out)
                    if error:
                        r["error"] = error
                        continue
                    r["walls"].append(wall)
                    r["cpus"].append(cpu)
                    r["rss"].append(peak)
                    r["outputs"].append(((out / "transcript.vtt").read_bytes(), (out / "transcript.json").read_bytes()))
                    if len(r["outputs"]) == 1:
                        r["start"] = score(folder / "truth.json", out / "transcript.vtt")["start_error_s"]
                        r["examined"] = examine(json.loads(r["outputs"][0][1]), truth, clapped)
        paired(runs)
        for name, root in builds:
            r = runs[name]
            if r["error"]:
                print(f"  {name:8}: {r['error']}")
            if not r["outputs"]:
                continue
            outputs, walls, cpus, rss = r["outputs"], r["walls"], r["cpus"], r["rss"]
            s, e = r["start"], r["examined"]
            same = "" if a.repeat < 2 else f"; {a.repeat} runs identical: {all(o == outputs[0] for o in outputs)}"
            print(f"  {name:8}: {min(walls):5.1f} s wall (of {len(walls)}; median {statistics.median(walls):.1f} s), "
                  f"CPU {min(cpus):.1f} s (median {statistics.median(cpus):.1f} s), "
                  f"largest process {max(rss)} MB{same}")
            print(f"            cue start median {s['median']:.3f} s, p90 {s['p90']:.3f} s, "
                  f"within 0.5 s {s['within_0.5']:.3f}; turns found {e['found']}/{e['turns']}, "
                  f"overlapping {e['overlaps']}, short cues not forced {e['short_unforced']}")
            clap = (f"{e['after_applause_within_0.1']}/{e['after_applause']} = "
                    f"{e['after_applause_within_0.1'] / e['after_applause']:.3f}" if e["after_applause"] else "-")
            print(f"            turn starts within 0.1 s {e['turn_start_within_0.1']:.3f} "
                  f"(median {e['turn_start_median']:.3f} s), on another turn's audio {e['foreign']}; "
                  f"cue starts after applause within 0.1 s {clap}")
            if a.clips:
                print(f"            clips: {clip_intrusions(root, folder, truth)}")


if __name__ == "__main__":
    main()

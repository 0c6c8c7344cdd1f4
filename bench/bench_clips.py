"""Clips: speed, memory and clean cuts, each beside its baseline measured in the same run.

Needs the synthetic episode (45 min, 44.1 kHz stereo MP3, with word-level truth):

    python /work/shared/bench/synth_episode.py \\
        /work/shared/seed/000_7892dc062e92172c.txt /tmp/ep --seed 7 --format mp3
    .venv/bin/python bench/bench_clips.py --episode /tmp/ep

1. Clean cuts: turns are built from truth.json with every word time moved by a random
   error (seeded, up to --error ms), clips are cut from them, and every clip boundary
   that falls inside a word's true span is counted (with the default pad and pad 0).
2. Speed on the episode, every turn: align's re-encode against one ffmpeg per clip run
   serially (input seeking, same encoder settings); align --copy against a single
   segment-muxer pass with -c copy.
3. Memory on a 3-hour MP3 (the episode looped), every turn: align's peak against
   pydub's AudioSegment.from_file of the whole file (then slicing every turn and
   exporting three of them).

Every variant runs in its own process; peak memory is the process's own maximum RSS,
the largest child's, and the whole process tree's sampled every 20 ms (PSS, so
libraries shared by concurrent ffmpeg processes count once). Not a pass/fail test;
the machine should be otherwise idle for the speed figures (the load is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENCODE = ["-c:a", "libmp3lame", "-q:a", "2"]  # what align uses for mp3


# ---------------------------------------------------------------- turns from the truth


def truth_turns(episode: Path, error_ms: int, seed: int, loops: int = 1) -> list[dict]:
    """Turns as plain dicts (index, key, name, words [(text, start_ms, end_ms)])."""
    truth = json.loads((episode / "truth.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    length = round(truth["duration"] * 1000)
    turns: list[dict] = []
    for loop in range(loops):
        offset = loop * length
        for ti, t in enumerate(truth["turns"]):
            words = []
            for w in (w for w in truth["words"] if w["turn"] == ti):
                start = max(0, round(w["start"] * 1000) + rng.randint(-error_ms, error_ms))
                end = max(start + 1, round(w["end"] * 1000) + rng.randint(-error_ms, error_ms))
                words.append((w["word"], offset + start, offset + end))
            turns.append({"index": loop * len(truth["turns"]) + ti, "key": t["speaker"],
                          "name": t["label"], "words": words})
    return turns


def to_turns(plain: list[dict]) -> list:
    from align.model import Speaker, Turn, Word

    return [Turn(t["index"], Speaker(t["key"], t["name"]), 1, None,
                 tuple(Word(w, a, b) for w, a, b in t["words"])) for t in plain]


def clipped_words(episode: Path, cuts: list[tuple[int, int]]) -> int:
    """Words whose true span a cut falls strictly inside."""
    truth = json.loads((episode / "truth.json").read_text(encoding="utf-8"))
    spans = [(round(w["start"] * 1000), round(w["end"] * 1000)) for w in truth["words"]]
    bad = set()
    for a, b in cuts:
        for k, (s, e) in enumerate(spans):
            if s < a < e or s < b < e:
                bad.add(k)
    return len(bad)


# ---------------------------------------------------------------- measuring a process


def _tree(root: int) -> list[int]:
    """``root`` and its descendants (through /proc/PID/task/TID/children)."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(args: list[str], sample: bool = False) -> dict:
    """Run a child; its JSON result plus wall time and (if ``sample``) the tree's peak PSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    peak = [0]

    def sampling() -> None:
        while sample and proc.poll() is None:
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(proc.pid)))
            time.sleep(0.02)

    sampler = threading.Thread(target=sampling, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{args[-3:]} failed with status {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    result.update(wall=wall, tree_mb=peak[0] / 1024)
    return result


def child(args: list[str]) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", *args]


def _usage() -> dict:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    return {"self_mb": me.ru_maxrss / 1024, "child_mb": kids.ru_maxrss / 1024, "cpu": cpu}


# ---------------------------------------------------------------- the variants (children)


def child_align(audio: str, plain: str, out: str, mode: str, pad_ms: int) -> None:
    from align.audio import find_ffmpeg
    from align.clips import ClipOptions, CutMode, export_turn_clips

    turns = to_turns(json.loads(Path(plain).read_text()))
    options = ClipOptions(mode=CutMode(mode), pad_ms=pad_ms, force=True, ffmpeg=find_ffmpeg())
    start = time.perf_counter()
    report = export_turn_clips(turns, Path(audio), Path(out), options)
    took = time.perf_counter() - start
    cuts = [(c.start_ms, c.end_ms) for c in report.clips]
    print(json.dumps({"call": took, "clips": len(cuts), "cuts": cuts, **_usage()}))


def child_serial(audio: str, plain: str, out: str, pad_ms: int) -> None:
    """The baseline: one ffmpeg per clip, input seeking, re-encoding, one after another."""
    turns = json.loads(Path(plain).read_text())
    for t in turns:
        a = max(0, t["words"][0][1] - pad_ms)
        b = t["words"][-1][2] + pad_ms
        subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-ss", f"{a / 1000:.3f}", "-t",
                        f"{(b - a) / 1000:.3f}", "-i", audio, "-map", "0:a:0", *ENCODE, "-y",
                        f"{out}/{t['index']:04d}.mp3"], check=True)
    print(json.dumps({"clips": len(turns), **_usage()}))


def child_segment(audio: str, plain: str, out: str, pad_ms: int) -> None:
    """The copy baseline: a single segment-muxer pass, cut at every clip start and end."""
    turns = json.loads(Path(plain).read_text())
    times = sorted({max(0, t["words"][0][1] - pad_ms) for t in turns}
                   | {t["words"][-1][2] + pad_ms for t in turns})
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-i", audio, "-map", "0:a:0", "-c",
                    "copy", "-f", "segment", "-segment_times",
                    ",".join(f"{x / 1000:.3f}" for x in times), "-y", f"{out}/%04d.mp3"],
                   check=True)
    print(json.dumps({"clips": len(list(Path(out).iterdir())), **_usage()}))


def child_pydub(audio: str, plain: str, out: str, pad_ms: int) -> None:
    """pydub's way: load the whole file, slice every turn, export three clips."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pydub import AudioSegment

    turns = json.loads(Path(plain).read_text())
    start = time.perf_counter()
    whole = AudioSegment.from_file(audio, format="mp3")
    loaded = time.perf_counter() - start
    for k, t in enumerate(turns):
        part = whole[max(0, t["words"][0][1] - pad_ms): t["words"][-1][2] + pad_ms]
        if k < 3:
            part.export(f"{out}/{t['index']:04d}.mp3", format="mp3", parameters=["-q:a", "2"])
    print(json.dumps({"load": loaded, "clips": 3, **_usage()}))


# ---------------------------------------------------------------- the report


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def make_long(episode: Path, work: Path, hours: float) -> tuple[Path, int]:
    """The episode looped to ``hours`` (stream copy: quick), and how many loops that is."""
    truth = json.loads((episode / "truth.json").read_text(encoding="utf-8"))
    loops = int(hours * 3600 // truth["duration"]) + 1
    long = work / f"long_{hours:g}h.mp3"
    if not long.exists():
        subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-stream_loop", str(loops - 1),
                        "-i", str(episode / "episode.mp3"), "-map", "0:a", "-c", "copy",
                        "-t", str(int(hours * 3600)), "-y", str(long)], check=True)
    return long, loops


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--episode", type=Path, default=Path("/tmp/ep"))
    p.add_argument("--work", type=Path, default=Path("/tmp/align-bench-clips"))
    p.add_argument("--error", type=int, default=150, help="max error of word times, ms")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--pad", type=int, default=200, help="align's default pad, ms")
    p.add_argument("--hours", type=float, default=3.0)
    p.add_argument("--skip", default="", help="comma list of: cuts,speed,memory")
    p.add_argument("--repeat", type=int, default=1, help="speed runs of each; the fastest counts")
    p.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        name, *rest = a.child
        {"align": lambda: child_align(rest[0], rest[1], rest[2], rest[3], int(rest[4])),
         "serial": lambda: child_serial(rest[0], rest[1], rest[2], int(rest[3])),
         "segment": lambda: child_segment(rest[0], rest[1], rest[2], int(rest[3])),
         "pydub": lambda: child_pydub(rest[0], rest[1], rest[2], int(rest[3]))}[name]()
        return
    if not (a.episode / "truth.json").exists():
        raise SystemExit(f"{a.episode}/truth.json not found; make it first (see this file's doc)")
    skip = set(a.skip.split(","))
    work = a.work
    work.mkdir(parents=True, exist_ok=True)
    audio = str(a.episode / "episode.mp3")
    plain = work / "turns.json"
    turns = truth_turns(a.episode, a.error, a.seed)
    plain.write_text(json.dumps(turns))
    print(f"episode: {audio}, {len(turns)} turns, word times off by up to ±{a.error} ms "
          f"(seed {a.seed}); {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")

    if "cuts" not in skip or "speed" not in skip:
        ours = run(child(["align", audio, str(plain), str(fresh(work / "ours")), "reencode",
                          str(a.pad)]))
        ours0 = run(child(["align", audio, str(plain), str(fresh(work / "ours0")), "reencode",
                           "0"]))
        copy = run(child(["align", audio, str(plain), str(fresh(work / "copy")), "copy",
                          str(a.pad)]))
        print("\nclean cuts: words whose true span a clip boundary falls inside")
        print(f"  align, pad {a.pad} ms (default)   {clipped_words(a.episode, ours['cuts']):4d}")
        print(f"  align, pad 0                  {clipped_words(a.episode, ours0['cuts']):4d}")
        print(f"  align --copy (no snapping)    {clipped_words(a.episode, copy['cuts']):4d}"
              "   (for information)")
    if "speed" not in skip:
        serial = run(child(["serial", audio, str(plain), str(fresh(work / "serial")),
                            str(a.pad)]))
        segment = run(child(["segment", audio, str(plain), str(fresh(work / "segment")),
                             str(a.pad)]))
        for _ in range(a.repeat - 1):  # alternate the runs, keep each one's fastest
            for name, best, mode in (("ours", ours, "reencode"), ("copy", copy, "copy")):
                again = run(child(["align", audio, str(plain), str(fresh(work / name)), mode,
                                   str(a.pad)]))
                best.update(again if again["wall"] < best["wall"] else {})
            for name, best in (("serial", serial), ("segment", segment)):
                again = run(child([name, audio, str(plain), str(fresh(work / name)), str(a.pad)]))
                best.update(again if again["wall"] < best["wall"] else {})
        print(f"\nspeed, every turn of the episode ({ours['clips']} clips); seconds: wall of "
              "the export call / of the whole process, and CPU of the process tree")
        print(f"  align re-encode (both cores)        {ours['call']:6.1f} / {ours['wall']:6.1f}"
              f"   cpu {ours['cpu']:6.1f}")
        print(f"  baseline: ffmpeg per clip, serial   {'':6s}   {serial['wall']:6.1f}"
              f"   cpu {serial['cpu']:6.1f}   wall ratio {ours['wall'] / serial['wall']:.2f}"
              " (must be <= 1)")
        print(f"  align --copy                        {copy['call']:6.1f} / {copy['wall']:6.1f}"
              f"   cpu {copy['cpu']:6.1f}")
        print(f"  baseline: one segment-muxer -c copy {'':6s}   {segment['wall']:6.1f}"
              f"   cpu {segment['cpu']:6.1f}   wall ratio {copy['call'] / segment['wall']:.2f}"
              f" call, {copy['wall'] / segment['wall']:.2f} process (must be <= 2)")
    if "memory" not in skip:
        long, loops = make_long(a.episode, work, a.hours)
        long_plain = work / "turns_long.json"
        long_turns = truth_turns(a.episode, a.error, a.seed, loops)
        limit = a.hours * 3600 * 1000
        long_plain.write_text(json.dumps([t for t in long_turns if t["words"][-1][2] < limit]))
        n = len(json.loads(long_plain.read_text()))
        ours_long = run(child(["align", str(long), str(long_plain), str(fresh(work / "long")),
                               "reencode", str(a.pad)]), sample=True)
        pydub = run(child(["pydub", str(long), str(long_plain), str(fresh(work / "pydub")),
                           str(a.pad)]), sample=True)
        print(f"\nmemory, {a.hours:g} h 44.1 kHz stereo MP3 ({long.stat().st_size >> 20} MB), "
              f"{n} turns; peak MB")
        print("                                   python  largest-child  whole-tree(PSS)  wall s")
        for label, r in (("align re-encode, every turn", ours_long),
                         ("pydub from_file, 3 exports", pydub)):
            print(f"  {label:31s} {r['self_mb']:7.0f} {r['child_mb']:14.0f} "
                  f"{r['tree_mb']:16.0f} {r['wall']:7.1f}")


if __name__ == "__main__":
    main()

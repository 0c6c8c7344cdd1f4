"""Speed of the captioning job: the user's transcript and one ten times longer.

    python bench/bench_captions.py [TRANSCRIPT]

Prints library time (read, time, cut, write SRT + VTT in-process; best of 5),
the same as a CLI run (a fresh process, best of 3), and the floor measured in
the same run: reading the file and writing the same cue count with pysrt and
webvtt-py alone.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.pipeline import make_captions  # noqa: E402
from align.timecode import clock  # noqa: E402
from align.writers import srt, vtt, write_captions  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "000_7892dc062e92172c.txt"


def ten_times(src: Path, dst: Path) -> None:
    """The transcript said ten times over, each copy's markers shifted past the last."""
    text = src.read_text(encoding="utf-8")
    stamps = [int(h) * 3600 + int(m) * 60 + int(s) for h, m, s in re.findall(r"^\[(\d+):(\d\d):(\d\d)\]", text, re.M)]
    length = stamps[-1] + 60
    body = re.split(r"\n(?=Keep up with)", text)[0]
    copies = []
    for k in range(10):
        def shift(m: re.Match[str], k: int = k) -> str:
            s = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3)) + k * length
            return f"[{clock(s * 1000)}]"
        copies.append(re.sub(r"^\[(\d+):(\d\d):(\d\d)\]", shift, body, flags=re.M))
    dst.write_text("\n\n".join(copies), encoding="utf-8")


def best(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def measure(path: Path, out: Path) -> tuple[int, int, float, float, float]:
    captions = make_captions(path)

    def job() -> None:
        c = make_captions(path)
        write_captions(c, out, ("srt", "vtt"), force=True)

    def floor() -> None:
        path.read_text(encoding="utf-8")
        srt.render(captions)
        vtt.render(captions)

    lib = best(job, 5)
    base = best(floor, 5)
    exe = ROOT / ".venv" / "bin" / "align"
    cmd = [str(exe) if exe.exists() else "align", "captions", str(path), "-o", str(out), "--force"]
    cli = best(lambda: subprocess.run(cmd, capture_output=True, check=True), 3)
    words = sum(len(t.words) for t in captions.turns)
    return words, len(captions.cues), lib, cli, base


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else SEED
    if not src.exists():
        sys.exit(f"{src}: not found; pass a transcript")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "ten_times.txt"
        ten_times(src, big)
        rows = [("transcript", *measure(src, Path(tmp))), ("10x longer", *measure(big, Path(tmp)))]
    print(f"{'input':<12} {'words':>7} {'cues':>6} {'library s':>10} {'CLI s':>7} {'floor s':>8}  "
          "(floor: read + pysrt/webvtt-py writing only)")
    for name, words, cues, lib, cli, base in rows:
        print(f"{name:<12} {words:>7} {cues:>6} {lib:>10.3f} {cli:>7.3f} {base:>8.3f}")
    ratio = rows[1][3] / rows[0][3]
    print(f"10x words took {ratio:.1f}x the library time (linear would be {rows[1][1] / rows[0][1]:.1f}x)")


if __name__ == "__main__":
    main()

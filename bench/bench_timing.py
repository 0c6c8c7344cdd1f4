"""Caption timing against word-level truth on synthetic episodes of the user's transcript.

    python bench/bench_timing.py [--work /tmp/align-bench] [--seed 7]

Speaks the seed with ../shared/bench/synth_episode.py (markers exact, jittered
by 1 s, and on every 3rd turn only), captions each re-timed transcript from
its text alone, and scores SRT and VTT with ../shared/bench/score_captions.py.
The baseline, measured in the same run and cut by the same cue cutter, spreads
each turn's words evenly from its marker to the next.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.cues import make_cues  # noqa: E402
from align.model import Turn, Word  # noqa: E402
from align.pipeline import Captions, make_captions  # noqa: E402
from align.writers import write_captions  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_7892dc062e92172c.txt"
VARIANTS = {
    "exact markers": [],
    "--marker-jitter 1": ["--marker-jitter", "1"],
    "--marker-every 3": ["--marker-every", "3"],
}


def even_split(captions: Captions) -> Captions:
    turns = list(captions.turns)
    markers = [t.marker_ms for t in turns]
    out: list[Turn] = []
    for i, t in enumerate(turns):
        start = markers[i] or 0
        nxt = markers[i + 1] if i + 1 < len(turns) else None
        end = nxt if nxt is not None else start + 400 * len(t.words)
        step = max(1, (end - start) // max(1, len(t.words)))
        words = tuple(Word(w.text, start + k * step, start + (k + 1) * step) for k, w in enumerate(t.words))
        out.append(replace(t, words=words))
    timed = replace(captions.timed, turns=tuple(out))
    return replace(captions, timed=timed, cues=tuple(make_cues(out, captions.profile, captions.labels)))


def score(truth: Path, captions: Path) -> dict:  # type: ignore[type-arg]
    scorer = SHARED / "bench" / "score_captions.py"
    result = subprocess.run([sys.executable, str(scorer), str(truth), str(captions), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def line(name: str, r: dict) -> str:  # type: ignore[type-arg]
    s, f = r["start_error_s"], r["form"]
    return (f"  {name:<10} recall {r['recall']:.4f} precision {r['precision']:.4f}  start median {s['median']:.3f} s"
            f"  p90 {s['p90']:.3f}  within 1 s {s['within_1.0']:.1%}  |  lines>42 {f['line_over_42']}"
            f"  >2 lines {f['over_2_lines']}  overlaps {f['out_of_order_or_overlap']}  non-positive {f['non_positive']}"
            f"  >20 cps {f['cps_over_20']} ({f['cps_over_20'] / r['cues']:.1%})  "
            f"gaps<2 frames {f['gap_under_2_frames']}")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "align-bench"))
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    if not SEED.exists():
        sys.exit(f"{SEED}: not found (this benchmark needs ../shared)")
    for name, extra in VARIANTS.items():
        folder = Path(a.work) / (f"seed{a.seed}" + "".join(extra).replace("-", "_"))
        if not (folder / "truth.json").exists():
            subprocess.run([sys.executable, str(SHARED / "bench" / "synth_episode.py"), str(SEED), str(folder),
                            "--seed", str(a.seed), *extra], check=True, capture_output=True)
        transcript = folder / "transcript.txt"
        ours = make_captions(transcript)
        print(f"{name} ({folder}): {len(ours.cues)} cues")
        runs = [("align", ours)]
        if all(t.marker_ms is not None for t in ours.turns):  # the baseline needs a marker on every turn
            runs.append(("even split", even_split(ours)))
        for label, captions in runs:
            out = folder / label.replace(" ", "_")
            write_captions(captions, out, ("srt", "vtt"), force=True)
            for ext in ("srt", "vtt"):
                print(line(f"{label} {ext}", score(folder / "truth.json", out / f"transcript.{ext}")))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Align real speech and score word starts against Montreal Forced Aligner references.

    bench_align_real.py [../shared/audio] [--window-error 0]

Each NAME.wav (16 kHz mono) comes with NAME.lab (the transcript) and NAME.TextGrid
(MFA's word intervals). The whole transcript is one turn searched over the whole
recording (``--window-error`` moves the window's start that many seconds late, to see
how the search copes with a marker that is off). Prints, per file and overall, the
word-start error median / p90 and the share within 0.05 / 0.1 s, then, in the same run,
the overall figures with the onset rule's lead at 0 ms and without the rule (word starts
as decoded) for comparison.
"""

from __future__ import annotations

import argparse
import difflib
import re
import statistics
import sys
import time
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.aligner import AlignRequest
from align.aligner.energy import ONSET_LEAD_MS
from align.aligner.sphinx import SphinxAligner


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        if w.getframerate() != 16000 or w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise SystemExit(f"{path}: need 16 kHz mono 16-bit")
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)


def textgrid_words(path: Path) -> list[tuple[str, float, float]]:
    """(word, start, end) of the first interval tier named 'words' (long TextGrid form)."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    at = lines.index('"words"')
    count = int(lines[at + 3])
    out = []
    for k in range(count):
        start, end, word = lines[at + 4 + 3 * k : at + 7 + 3 * k]
        if word.strip('"'):
            out.append((word.strip('"'), float(start), float(end)))
    return out


def norm(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower())


def stats(errors: list[float]) -> str:
    e = sorted(errors)
    p90 = e[min(len(e) - 1, int(0.9 * len(e)))]
    return (f"median {statistics.median(e) * 1000:.0f} ms  p90 {p90 * 1000:.0f} ms  "
            f"within 0.05 s {sum(x <= 0.05 for x in e) / len(e):.3f}  "
            f"within 0.1 s {sum(x <= 0.1 for x in e) / len(e):.3f}  ({len(e)} words)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path, nargs="?",
                   default=Path(__file__).resolve().parents[2] / "shared" / "audio")
    p.add_argument("--window-error", type=float, default=0.0)
    a = p.parse_args()
    wavs = sorted(a.folder.glob("*.wav"))
    if not wavs:
        raise SystemExit(f"no .wav files in {a.folder}")
    for lead in (ONSET_LEAD_MS, 0, None):
        label = "as decoded" if lead is None else f"onset lead {lead} ms"
        everything = score(SphinxAligner(onset_lead_ms=lead), wavs, a.window_error, verbose=lead == ONSET_LEAD_MS)
        if everything:
            print(f"all, {label}: word start error {stats(everything)}")


def score(aligner: SphinxAligner, wavs: list[Path], window_error: float, verbose: bool) -> list[float]:
    everything: list[float] = []
    for wav in wavs:
        audio = read_wav(wav)
        words = tuple(wav.with_suffix(".lab").read_text(encoding="utf-8").split())
        reference = textgrid_words(wav.with_suffix(".TextGrid"))
        start = int(window_error * 1000)
        request = AlignRequest(0, words, start, len(audio) * 1000 // 16000)
        t0 = time.perf_counter()
        result = aligner.align(audio, 16000, [request], workers=1)[0]
        took = time.perf_counter() - t0
        if not result.ok:
            print(f"{wav.name}: not aligned: {result.reason}")
            continue
        matcher = difflib.SequenceMatcher(
            None, [norm(w) for w in words], [norm(r[0]) for r in reference], autojunk=False
        )
        errors = []
        for i, j, n in matcher.get_matching_blocks():
            for k in range(n):
                span = result.spans[i + k]
                assert span is not None
                errors.append(abs(span[0] / 1000 - reference[j + k][1]))
        everything.extend(errors)
        if verbose:
            print(f"{wav.name}: {stats(errors)}; confidence {result.confidence:.2f}; {took:.2f} s")
    return everything


if __name__ == "__main__":
    main()

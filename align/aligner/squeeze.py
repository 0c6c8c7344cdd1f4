"""Stretches of noise cut out of what the decoder hears, and times mapped back.

Turned down but left in place, a stretch of clapping or a music bed still gave the
decoder room to put a turn's first words on it (on near silence, its features are
unlike anything it was trained on). Cut out, there is nothing to put them on: of each
stretch the decoder hears only its first and last 50 ms, turned down, as a short pause.
Times it finds are mapped back onto the recording.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from align.aligner.energy import FRAME_MS

KEEP_FRAMES = 5  # of each noise stretch, this much of either end is kept (as a pause)


@dataclass(frozen=True, slots=True)
class Squeeze:
    """The parts of some audio kept, as (start in the audio, start in the squeezed audio,
    length), in ms, in order."""

    pieces: tuple[tuple[int, int, int], ...]

    @classmethod
    def whole(cls, length_ms: int) -> Squeeze:
        return cls(((0, 0, length_ms),))

    def squeezed(self, ms: int) -> int:
        """Where a time of the audio lies in the squeezed audio (a time cut out: where the
        cut is, between the two pieces around it)."""
        k = bisect.bisect_right([p[0] for p in self.pieces], ms) - 1
        if k < 0:
            return 0
        start, at, length = self.pieces[k]
        return at + min(ms - start, length)

    def full(self, ms: int) -> int:
        """Where a time of the squeezed audio lies in the audio."""
        k = bisect.bisect_right([p[1] for p in self.pieces], ms) - 1
        if k < 0:
            return self.pieces[0][0] if self.pieces else 0
        start, at, length = self.pieces[k]
        return start + min(ms - at, length)


def squeeze(audio: npt.NDArray[np.int16], noise: npt.NDArray[np.bool_],
            rate: int) -> tuple[npt.NDArray[np.int16], Squeeze]:
    """``audio`` with the middle of each run of noise frames (``noise[k]`` covers ``audio``
    from k * 10 ms) cut out, and the map of what was kept."""
    hop = rate * FRAME_MS // 1000
    frames = -(-len(audio) // hop)
    flags = np.zeros(frames, np.bool_)
    flags[: min(frames, len(noise))] = noise[:frames]
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    cuts = [(int(a) + KEEP_FRAMES, int(b) - KEEP_FRAMES) for a, b in zip(edges[::2], edges[1::2], strict=True)
            if b - a > 2 * KEEP_FRAMES]
    length_ms = len(audio) * 1000 // rate
    if not cuts:
        return audio, Squeeze.whole(length_ms)
    pieces, parts, at, start = [], [], 0, 0
    for first, last in cuts:
        pieces.append((start * FRAME_MS, at, (first - start) * FRAME_MS))
        parts.append(audio[start * hop : first * hop])
        at += (first - start) * FRAME_MS
        start = last
    pieces.append((start * FRAME_MS, at, max(0, length_ms - start * FRAME_MS)))
    parts.append(audio[start * hop :])
    return np.concatenate(parts), Squeeze(tuple(pieces))

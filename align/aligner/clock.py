"""How the transcript's clock relates to the recording's, found before any turn is aligned.

Markers may all be off by the same amount (a transcript timed against another cut, a
longer intro, captions that lag), or by one amount up to some turn and another after it
(an ad inserted or removed). Each turn is aligned in a window around its marker, so the
relation has to be known first.

It is found from sound and pauses alone: the text-only timing predicts where speech and
pauses fall; the recording's level says where they are. Each turn (from 5 s before its
first word to the next turn) is compared with the recording at every offset within
reach, as a correlation of 100 ms bins. Text-only timing drifts within a turn and
markers are whole seconds, so a turn's score at an offset is its best within ±1.5 s of
it. A dynamic programme then gives each turn an offset: staying on the offset of the
turn before is free, jumping to another costs as much as the evidence of several turns,
so a jump needs a run of turns that all agree on it. Each run between jumps is a piece;
its offset is then set exactly by the correlation of all its turns together. A map that
does not beat "the markers are right, give or take 1.5 s" by a clear margin is not used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

BIN_MS = 100
REACH_MS = 180_000  # offsets searched: ±60 s of shift plus a 120 s ad either way
_LEAD_MS = 5000  # a turn's stretch starts this long before its first word (the pause before it)
_SLACK_BINS = 15  # a turn scores its best within this many bins of the offset
_JUMP_PRICE = 30.0  # about 15 s of speech and pauses that agree (a score counts bins)
_PAD_BINS = _LEAD_MS // BIN_MS


@dataclass(frozen=True, slots=True)
class Piece:
    """From turn ``first`` on (a position in the turns given), recording time is
    transcript time plus ``offset_ms`` (positive: the markers are early)."""

    first: int
    offset_ms: int


@dataclass(frozen=True, slots=True)
class ClockMap:
    """The offset of every turn (recording time minus transcript time), by pieces."""

    pieces: tuple[Piece, ...]
    turns: int

    def __post_init__(self) -> None:
        if not self.pieces or self.pieces[0].first != 0:
            raise ValueError("a clock map's first piece starts at the first turn")
        if any(b.first <= a.first for a, b in zip(self.pieces, self.pieces[1:], strict=False)):
            raise ValueError("a clock map's pieces must be in turn order")

    @classmethod
    def identity(cls, turns: int) -> ClockMap:
        return cls((Piece(0, 0),), turns)

    def piece_of(self, turn: int) -> int:
        """The index of the piece holding the turn at position ``turn``."""
        k = 0
        while k + 1 < len(self.pieces) and self.pieces[k + 1].first <= turn:
            k += 1
        return k

    def offset_ms(self, turn: int) -> int:
        return self.pieces[self.piece_of(turn)].offset_ms

    @property
    def offsets_ms(self) -> tuple[int, ...]:
        return tuple(self.offset_ms(k) for k in range(self.turns))


def speech_envelope(speech: npt.NDArray[np.bool_], frame_ms: int) -> npt.NDArray[np.float32]:
    """The share of each 100 ms bin flagged as speech (any sound above the pauses)."""
    per_bin = max(1, BIN_MS // frame_ms)
    n = len(speech) // per_bin
    share: npt.NDArray[np.float32] = speech[: n * per_bin].reshape(n, per_bin).mean(axis=1).astype(np.float32)
    return share


def predicted_envelope(spans: Sequence[Sequence[tuple[int, int]]], length_ms: int) -> npt.NDArray[np.float32]:
    """The share of each 100 ms bin covered by the words' text-only spans."""
    per_bin = BIN_MS // 10
    fine = np.zeros((length_ms // BIN_MS + 1) * per_bin, np.float32)
    for turn in spans:
        for start, end in turn:
            fine[start // 10 : max(start // 10 + 1, end // 10)] = 1.0
    share: npt.NDArray[np.float32] = fine.reshape(-1, per_bin).mean(axis=1, dtype=np.float32)
    return share


def map_clock(spans: Sequence[Sequence[tuple[int, int]]], heard: npt.NDArray[np.float32]) -> ClockMap:
    """The clock map from each turn's text-only word ``spans`` (ms, transcript clock) and
    the recording's ``speech_envelope``. A turn without words belongs to the piece of the
    turn before it."""
    spoken = [k for k, s in enumerate(spans) if s]
    if not spoken or len(heard) == 0:
        return ClockMap.identity(len(spans))
    raw = _scores(spans, spoken, heard)
    reach = raw.shape[1] // 2
    pooled = _pool(raw, _SLACK_BINS)
    path = _best_path(pooled)
    jumps = int(np.count_nonzero(np.diff(path)))
    chosen = float(pooled[np.arange(len(path)), path].sum()) - _JUMP_PRICE * jumps
    if chosen < float(pooled[:, reach].sum()) + _JUMP_PRICE:
        return ClockMap.identity(len(spans))  # the markers hold, give or take the slack
    pieces = []
    starts = [0, *(j for j in range(1, len(path)) if path[j] != path[j - 1])]
    for a, b in zip(starts, [*starts[1:], len(path)], strict=True):
        lo = max(0, int(path[a]) - _SLACK_BINS)
        total = raw[a:b, lo : int(path[a]) + _SLACK_BINS + 1].sum(axis=0)
        best = lo + int(np.argmax(total))
        pieces.append(Piece(spoken[a] if a else 0, (best - reach) * BIN_MS))
    return ClockMap(tuple(pieces), len(spans))


def _scores(spans: Sequence[Sequence[tuple[int, int]]], spoken: Sequence[int],
            heard: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``out[j, reach + o]``: how well spoken turn j matches the recording ``o`` bins later."""
    end_ms = max(spans[k][-1][1] for k in spoken)
    said = np.concatenate([np.zeros(_PAD_BINS, np.float32), predicted_envelope(spans, end_ms)])
    reach = REACH_MS // BIN_MS
    # the recording's ends are pauses (below its average), so speech mapped past them scores badly
    centred = heard - heard.mean()
    below = np.float32(-heard.mean())
    padded = np.concatenate([np.full(reach + _PAD_BINS, below), centred,
                             np.full(reach + len(said), below)]).astype(np.float32)
    bounds = [spans[k][0][0] // BIN_MS + _PAD_BINS for k in spoken] + [len(said)]
    out = np.empty((len(spoken), 2 * reach + 1), np.float32)
    for j in range(len(spoken)):
        lo, hi = bounds[j] - _PAD_BINS, max(bounds[j] + 1, bounds[j + 1])
        segment = said[lo:hi] - said[lo:hi].mean()  # a level stretch scores 0 anywhere
        out[j] = _correlate(segment, padded[lo : hi + 2 * reach])
    return out


def _correlate(segment: npt.NDArray[np.float32], stretch: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``out[o] = sum(segment[k] * stretch[k + o])`` for every ``o`` where it fits."""
    size = 1 << int(np.ceil(np.log2(len(stretch) + len(segment))))
    spectrum = np.fft.rfft(stretch, size) * np.conj(np.fft.rfft(segment, size))
    return np.fft.irfft(spectrum, size)[: len(stretch) - len(segment) + 1].astype(np.float32)


def _pool(scores: npt.NDArray[np.float32], slack: int) -> npt.NDArray[np.float32]:
    """Each row's best within ``slack`` columns either side."""
    padded = np.pad(scores, ((0, 0), (slack, slack)), constant_values=-np.inf)
    best: npt.NDArray[np.float32] = np.lib.stride_tricks.sliding_window_view(padded, 2 * slack + 1, axis=1).max(axis=2)
    return best


def _best_path(scores: npt.NDArray[np.float32]) -> npt.NDArray[np.int64]:
    """One column per row: the most summed score, less ``_JUMP_PRICE`` per change of column."""
    rows = scores.shape[0]
    value = scores[0].astype(np.float64)
    jumped = np.zeros(scores.shape, np.bool_)
    tops = np.zeros(rows, np.int64)
    for r in range(1, rows):
        top = int(np.argmax(value))
        tops[r] = top
        jump = value[top] - _JUMP_PRICE
        jumped[r] = jump > value
        value = np.maximum(value, jump) + scores[r]
    path = np.empty(rows, np.int64)
    path[-1] = int(np.argmax(value))
    for r in range(rows - 1, 0, -1):
        path[r - 1] = tops[r] if jumped[r, path[r]] else path[r]
    return path

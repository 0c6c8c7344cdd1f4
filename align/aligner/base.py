"""The aligner interface: one request per turn in, one aligned turn out.

An aligner times each turn's words against the recording, searching only inside the
turn's window. It never raises for audio that does not fit the text: such a turn comes
back with ``ok=False`` and a reason, and the caller keeps its text-only timing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from align.aligner.energy import Activity
from align.progress import SILENT, Progress

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class AlignRequest:
    """One turn to align.

    ``words`` are the caption words as written (punctuation attached, notes such as
    ``[inaudible]`` included). The aligner searches for them between
    ``window_start_ms`` and ``window_end_ms``: from the turn's marker minus a tolerance
    to the next turn's marker plus a tolerance, or, for a turn without a marker, from
    its neighbours' markers or a text-only estimate. ``anchored`` says whether the
    window start came from this turn's own marker; when it did not, the aligner starts
    the search where the previous turn was found to end (when that turn aligned).
    ``prev_tail``/``next_head`` are the last/first words (about a dozen) of the
    neighbouring turns: the search may begin inside the former and end inside the
    latter, so that neither neighbour's speech is taken for this turn's.
    """

    index: int
    words: tuple[str, ...]
    window_start_ms: int
    window_end_ms: int
    prev_tail: tuple[str, ...] = ()
    next_head: tuple[str, ...] = ()
    anchored: bool = True

    def __post_init__(self) -> None:
        if not 0 <= self.window_start_ms < self.window_end_ms:
            raise ValueError(
                f"turn {self.index}: bad window {self.window_start_ms}..{self.window_end_ms} ms"
            )


@dataclass(frozen=True, slots=True)
class AlignedTurn:
    """The result for one request.

    With ``ok`` every word has a span (words that are not spoken, like ``[laughs]``,
    get an empty span where they stand). Without ``ok`` all spans are ``None``, and
    ``reason`` says why (text not found in the audio, music, no pronunciation model).
    ``confidence`` runs from 0 to 1; ``reason`` also explains a low one (low SNR).
    ``fit`` is the mean acoustic log score per frame of the words found (higher is
    better; comparable between searches of the same turn, not between turns).
    """

    index: int
    spans: tuple[Span | None, ...]
    confidence: float
    ok: bool
    reason: str = ""
    fit: float = 0.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"turn {self.index}: confidence {self.confidence} not in 0..1")
        if self.ok and any(s is None or not 0 <= s[0] <= s[1] for s in self.spans):
            raise ValueError(f"turn {self.index}: an aligned turn needs a span for every word")


Audio = npt.NDArray[np.int16]


class Aligner(Protocol):
    """Times words against audio: 16 kHz mono int16 samples, one result per request."""

    @property
    def name(self) -> str: ...

    def align(
        self, audio: Audio, rate: int, requests: Sequence[AlignRequest], workers: int = 2,
        progress: Progress = SILENT, activity: Activity | None = None,
    ) -> list[AlignedTurn]:
        """``activity``: the audio's, when the caller measured it (else the aligner does)."""
        ...


def failed(request: AlignRequest, reason: str) -> AlignedTurn:
    """The result for a turn the aligner could not place: keep text-only timing."""
    return AlignedTurn(request.index, (None,) * len(request.words), 0.0, False, reason)


def fill_spans(
    words: Sequence[str], spans: Sequence[Span | None]
) -> tuple[Span, ...] | None:
    """Give every word a span: words without one get time between their neighbours.

    Runs of untimed words share the gap between the timed words around them in
    proportion to their length (an unspoken note gets an empty span at the gap's
    start when there is no gap). Returns None when no word at all has a span.
    """
    known = [i for i, s in enumerate(spans) if s is not None]
    if not known:
        return None
    out: list[Span | None] = list(spans)
    i = 0
    while i < len(out):
        if out[i] is not None:
            i += 1
            continue
        j = i
        while j < len(out) and out[j] is None:
            j += 1
        before, after = out[i - 1] if i else None, out[j] if j < len(out) else None
        lo = before[1] if before else (after[0] if after else 0)
        hi = after[0] if after else lo
        weights = [max(1, len(w)) for w in words[i:j]]
        total = sum(weights)
        at = float(lo)
        for k, weight in enumerate(weights):
            step = (hi - lo) * weight / total
            out[i + k] = (round(at), round(at + step))
            at += step
        i = j
    return tuple(s for s in out if s is not None)

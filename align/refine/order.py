"""Turns keep the transcript's order and never overlap.

A turn found before the end of the turn before it is in conflict with it: one of the
two is in the wrong place (a turn's first words put on its neighbour's last ones), or
one ran on over the other's speech. Each of the two is searched again inside the gap
the other leaves it; the search that keeps its turn's fit best wins. A conflict that
survives is resolved by trimming the less confident turn to the other's edge, and both
are reported.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from align.aligner import AlignedTurn, AlignRequest
from align.model import Turn
from align.refine.windows import between, found_span

SLACK_MS = 150  # overlaps this small are trimmed, not searched again
# A turn's first word is in doubt when it lasts longer than this many times what its
# letters take to say (and 800 ms), or when a pause the text does not have (350 ms or
# more) follows it: a short first word put on the end of the turn before and stretched,
# or squeezed there with the pause after it.
_LONG_FACTOR = 2.5
_MS_PER_LETTER = 70
_LONGEST_MS = 800
_STRAY_PAUSE_MS = 350
_PAUSE_MARKS = tuple(".?!,;:…—–")
_ABUTS_MS = 30


@dataclass(frozen=True, slots=True)
class Clash:
    """Two neighbouring found turns (positions in the requests) that overlap."""

    first: int
    second: int


def clashes(requests: Sequence[AlignRequest], results: Mapping[int, AlignedTurn],
            slack_ms: int = SLACK_MS) -> list[Clash]:
    """Neighbouring found turns where the second starts before the first ends."""
    found = [(k, span) for k, r in enumerate(requests) if (span := found_span(results.get(r.index)))]
    return [Clash(a, b) for (a, sa), (b, sb) in itertools.pairwise(found) if sb[0] < sa[1] - slack_ms]


def retries(requests: Sequence[AlignRequest], results: Mapping[int, AlignedTurn], clash: Clash,
            audio_ms: int) -> tuple[AlignRequest | None, AlignRequest | None]:
    """Each turn of the clash searched again in the gap the other one leaves it."""
    spans = [found_span(results.get(r.index)) for r in requests]
    before = next((s for s in reversed(spans[: clash.first]) if s is not None), None)
    after = next((s for s in spans[clash.second + 1 :] if s is not None), None)
    first, second = spans[clash.first], spans[clash.second]
    assert first is not None and second is not None
    lo = before[1] if before else max(0, requests[clash.first].window_start_ms)
    hi = after[0] if after else min(audio_ms, requests[clash.second].window_end_ms)
    return (between(requests[clash.first], lo, second[0], audio_ms),
            between(requests[clash.second], first[1], hi, audio_ms))


def settle(clash: Clash, requests: Sequence[AlignRequest], results: Mapping[int, AlignedTurn],
           again: Mapping[int, AlignedTurn]) -> AlignedTurn | None:
    """The new result that ends the clash with the least loss of fit, or None."""
    pair = (requests[clash.first].index, requests[clash.second].index)
    options = []
    for k, index in enumerate(pair):
        new = again.get(index)
        span = found_span(new)
        if new is None or span is None:
            continue
        other = found_span(results[pair[1 - k]])
        assert other is not None
        fits = span[1] <= other[0] + SLACK_MS if k == 0 else span[0] >= other[1] - SLACK_MS
        if fits:
            options.append((results[index].fit - new.fit, k, new))
    return min(options, key=lambda o: (o[0], o[1]))[2] if options else None


def doubtful_start(request: AlignRequest, result: AlignedTurn | None, previous_end: int | None) -> bool:
    """Whether a found turn's first word looks misplaced: it starts where the turn before
    it was found to end (``previous_end``), and it is too long or a stray pause follows
    it (see ``_LONG_FACTOR``). A long first word after a pause has its start right."""
    if result is None or not result.ok or previous_end is None:
        return False
    said = [(w, s) for w, s in zip(request.words, result.spans, strict=True) if s is not None and s[1] > s[0]]
    if not said:
        return False
    (word, (start, end)), rest = said[0], said[1:]
    if start - previous_end > _ABUTS_MS:
        return False
    letters = sum(c.isalnum() for c in word)
    if end - start > max(_LONGEST_MS, _LONG_FACTOR * _MS_PER_LETTER * letters):
        return True
    ends_clause = word.rstrip("\"”’')]").endswith(_PAUSE_MARKS)
    return bool(rest) and not ends_clause and rest[0][1][0] - end >= _STRAY_PAUSE_MS


def previous_ends(requests: Sequence[AlignRequest], results: Mapping[int, AlignedTurn]) -> list[int | None]:
    """For each request, where the found turn before it ends (None: none found before it)."""
    out: list[int | None] = []
    last: int | None = None
    for r in requests:
        out.append(last)
        span = found_span(results.get(r.index))
        if span is not None:
            last = span[1]
    return out


def gap_around(requests: Sequence[AlignRequest], results: Mapping[int, AlignedTurn], k: int,
               audio_ms: int) -> AlignRequest | None:
    """Request ``k`` searched again between the found turns before and after it."""
    spans = [found_span(results.get(r.index)) for r in requests]
    before = next((s for s in reversed(spans[:k]) if s is not None), None)
    after = next((s for s in spans[k + 1 :] if s is not None), None)
    lo = before[1] if before else requests[k].window_start_ms
    hi = after[0] if after else requests[k].window_end_ms
    return between(requests[k], lo, hi, audio_ms)


# ------------------------------------------------------------------ the turns out


def apply_results(turns: Sequence[Turn], results: Mapping[int, AlignedTurn]) -> tuple[list[Turn], set[int]]:
    """The turns with found word times; turns not found keep text-only times fitted
    between their found neighbours. Returns the turns and the indexes of turns that
    still overlapped a neighbour and were trimmed."""
    out: list[Turn] = []
    for turn in turns:
        result = results.get(turn.index)
        if result is not None and result.ok:
            words = tuple(
                replace(w, start_ms=span[0], end_ms=max(span[1], span[0]))
                for w, span in zip(turn.words, result.spans, strict=True)
                if span is not None
            )
            out.append(replace(turn, words=words, confidence=result.confidence, aligned=True))
        else:
            out.append(turn)
    trimmed: set[int] = set()
    spoken = [k for k, t in enumerate(out) if t.words and t.aligned]
    for a, b in itertools.pairwise(spoken):
        first, second = out[a], out[b]
        if second.start_ms >= first.end_ms:
            continue
        if second.start_ms < first.end_ms - SLACK_MS:
            trimmed.update((first.index, second.index))
        if first.confidence < second.confidence and second.start_ms >= first.start_ms:
            out[a] = _clip(first, first.start_ms, second.start_ms)
        else:
            out[b] = _clip(second, first.end_ms, max(first.end_ms, second.end_ms))
    # A turn left with text-only times is fitted between its found neighbours,
    # so it can neither overlap them nor push the turns after it.
    for i, turn in enumerate(out):
        if turn.aligned or not turn.words:
            continue
        lo = max((t.end_ms for t in out[:i] if t.words), default=0)
        hi = next((t.start_ms for t in out[i + 1 :] if t.words and t.aligned), None)
        out[i] = fit_between(turn, lo, hi)
    return out, trimmed


def _clip(turn: Turn, lo: int, hi: int) -> Turn:
    """Every word moved inside ``[lo, hi]``, in order (words outside shrink onto the edge)."""
    words = tuple(replace(w, start_ms=min(max(w.start_ms, lo), hi), end_ms=min(max(w.end_ms, lo), hi))
                  for w in turn.words)
    return replace(turn, words=words)


def fit_between(turn: Turn, lo: int, hi: int | None) -> Turn:
    """Text-only times moved to start no earlier than ``lo`` and squeezed to end by ``hi``."""
    start, end = turn.start_ms, turn.end_ms
    new_start = max(start, lo)
    new_end = end if hi is None else min(end + (new_start - start), hi)
    if new_end <= new_start:
        new_end = new_start + len(turn.words)
    scale = (new_end - new_start) / max(1, end - start)

    def at(ms: int) -> int:
        return round(new_start + (ms - start) * scale)

    words = tuple(replace(w, start_ms=at(w.start_ms), end_ms=max(at(w.start_ms), at(w.end_ms))) for w in turn.words)
    return replace(turn, words=words, confidence=min(turn.confidence, 0.3), aligned=False)

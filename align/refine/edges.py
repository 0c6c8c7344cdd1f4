"""The edges of the turns next to those aligned alone.

A quote needs its own turn aligned and, of the turns beside it, only the words that touch
it: where the word before the turn ends and the word after it starts. Aligning those
neighbours whole would cost more than the quote's own turn (a long neighbour is minutes of
speech), so only their ``EDGE_WORDS`` nearest words are searched, in a window from where the
aligned turn was found. The rest of such a neighbour keeps its text-only times, fitted
beside the words found.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from align.aligner import AlignedTurn, AlignRequest
from align.model import Turn
from align.refine.order import fit_between
from align.refine.windows import CONTEXT_WORDS, MARGIN_MS, TOLERANCE_MS, found_span

EDGE_WORDS = CONTEXT_WORDS
_SLACK_MS = 2000  # an edge's window holds its words' text-only length one and a half times, and this much more


@dataclass(frozen=True, slots=True)
class Edge:
    """The request for a neighbour's words next to an aligned turn: its last words when it
    comes ``before`` that turn, else its first; ``offset`` is where they start in its words."""

    request: AlignRequest
    offset: int
    before: bool


def edge_requests(turns: Sequence[Turn], results: Mapping[int, AlignedTurn], keep: Collection[int],
                  audio_ms: int) -> list[Edge]:
    """For each turn in ``keep`` that was found, the nearest words of each neighbour not in
    ``keep`` (a short neighbour whole); ``turns`` are on the recording's clock."""
    spoken = [t for t in turns if t.words]
    out: dict[int, Edge] = {}
    for k, turn in enumerate(spoken):
        span = found_span(results.get(turn.index)) if turn.index in keep else None
        if span is None:
            continue
        if k and spoken[k - 1].index not in keep:
            out.setdefault(spoken[k - 1].index, _tail(spoken[k - 1], turn, span[0], audio_ms))
        if k + 1 < len(spoken) and spoken[k + 1].index not in keep:
            out.setdefault(spoken[k + 1].index, _head(spoken[k + 1], turn, span[1], audio_ms))
    return [out[i] for i in sorted(out)]


def _reach(edge: Turn) -> int:
    return 3 * (edge.end_ms - edge.start_ms) // 2 + _SLACK_MS


def _tail(before: Turn, turn: Turn, found_start: int, audio_ms: int) -> Edge:
    """The last words of ``before``, searched up to where ``turn`` was found to start."""
    offset = max(0, len(before.words) - EDGE_WORDS)
    edge = replace(before, words=before.words[offset:])
    end = min(audio_ms, found_start + MARGIN_MS)
    # as far back as its words might take, or further where its text-only times put them
    start = max(0, min(end - 1, found_start - _reach(edge), edge.start_ms - TOLERANCE_MS))
    request = AlignRequest(index=before.index, words=tuple(w.text for w in edge.words),
                           window_start_ms=start, window_end_ms=end,
                           prev_tail=tuple(w.text for w in before.words[max(0, offset - CONTEXT_WORDS):offset]),
                           next_head=tuple(w.text for w in turn.words[:CONTEXT_WORDS]))
    return Edge(request, offset, before=True)


def _head(after: Turn, turn: Turn, found_end: int, audio_ms: int) -> Edge:
    """The first words of ``after``, searched from where ``turn`` was found to end."""
    edge = replace(after, words=after.words[:EDGE_WORDS])
    start = max(0, min(audio_ms - 1, found_end - MARGIN_MS))
    end = min(audio_ms, max(found_end + _reach(edge), edge.end_ms + TOLERANCE_MS))
    request = AlignRequest(index=after.index, words=tuple(w.text for w in edge.words),
                           window_start_ms=start, window_end_ms=max(end, start + 1),
                           prev_tail=tuple(w.text for w in turn.words[-CONTEXT_WORDS:]),
                           next_head=tuple(w.text for w in after.words[EDGE_WORDS:EDGE_WORDS + CONTEXT_WORDS]))
    return Edge(request, 0, before=False)


def whole(edge: Edge, request: AlignRequest) -> Edge:
    """The neighbour searched whole, in its own window, when its edge was not found."""
    return Edge(request, 0, edge.before)


def with_edge(turn: Turn, edge: Edge, result: AlignedTurn, bound_ms: int) -> Turn:
    """``turn`` with its edge words at their found times, kept on their side of ``bound_ms``
    (where the aligned turn beside it starts or ends), and its other words' text-only times
    fitted beside them."""
    n = len(edge.request.words)
    spans = [s for s in result.spans if s is not None]
    head = not edge.before
    found = tuple(
        replace(w, start_ms=max(s[0], bound_ms) if head else min(s[0], bound_ms),
                end_ms=max(s[1], bound_ms) if head else min(s[1], bound_ms))
        for w, s in zip(turn.words[edge.offset : edge.offset + n], spans, strict=True)
    )
    if head:
        rest = turn.words[n:]
        fitted = fit_between(replace(turn, words=rest), found[-1].end_ms, None).words if rest else ()
        words = found + fitted
    else:
        rest = turn.words[: edge.offset]
        words = (_fitted_before(replace(turn, words=rest), found[0].start_ms).words if rest else ()) + found
    return replace(turn, words=words, confidence=min(turn.confidence, result.confidence), aligned=False)


def _fitted_before(turn: Turn, hi: int) -> Turn:
    """Text-only times squeezed to end by ``hi``, starting earlier when they began after it."""
    length = turn.end_ms - turn.start_ms
    start = min(turn.start_ms, max(0, hi - length))
    moved = replace(turn, words=tuple(replace(w, start_ms=max(0, w.start_ms - (turn.start_ms - start)),
                                              end_ms=max(0, w.end_ms - (turn.start_ms - start)))
                                      for w in turn.words))
    return fit_between(moved, 0, hi)

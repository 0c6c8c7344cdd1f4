"""Where each turn is searched: a window from its mapped marker, then, for a turn that
was not found or that collides with a neighbour, the gap its found neighbours leave."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from align.aligner import AlignedTurn, AlignRequest
from align.model import Turn

TOLERANCE_MS = 3000  # how far a mapped marker may be off and the turn still be found at once
WIDE_MS = 10_000  # a second search reaches this much further where no neighbour bounds it
MARGIN_MS = 500  # a search in a gap starts this far inside the turn before (its grammar may enter there)
CONTEXT_WORDS = 12


def requests_for(turns: Sequence[Turn], audio_ms: int) -> list[AlignRequest]:
    """One search window per turn with words: from its marker (or its marked neighbours)
    ± tolerance. ``turns`` are on the recording's clock (markers mapped)."""
    spoken = [t for t in turns if t.words]
    markers = [t.marker_ms for t in spoken]
    out = []
    for i, turn in enumerate(spoken):
        if turn.marker_ms is not None:
            start = turn.marker_ms - TOLERANCE_MS
        else:
            before = next((m for m in reversed(markers[:i]) if m is not None), None)
            start = min(before if before is not None else 0, turn.start_ms) - TOLERANCE_MS
        after = next((m for m in markers[i + 1 :] if m is not None), None)
        end = (after if after is not None else turn.end_ms) + TOLERANCE_MS
        end = max(end, turn.end_ms + TOLERANCE_MS)
        start = min(max(0, start), max(0, audio_ms - 1))
        end = min(max(end, start + 1), max(audio_ms, start + 1))
        prev_tail = tuple(w.text for w in spoken[i - 1].words[-CONTEXT_WORDS:]) if i else ()
        next_head = tuple(w.text for w in spoken[i + 1].words[:CONTEXT_WORDS]) if i + 1 < len(spoken) else ()
        out.append(
            AlignRequest(
                index=turn.index,
                words=tuple(w.text for w in turn.words),
                window_start_ms=start,
                window_end_ms=end,
                prev_tail=prev_tail,
                next_head=next_head,
                anchored=turn.marker_ms is not None,
            )
        )
    return out


def found_span(result: AlignedTurn | None) -> tuple[int, int] | None:
    """Where a found turn starts and ends; None when it was not found."""
    if result is None or not result.ok:
        return None
    spans = [s for s in result.spans if s is not None]
    return (spans[0][0], spans[-1][1]) if spans else None


def second_chance(requests: Sequence[AlignRequest], results: Mapping[int, AlignedTurn],
                  audio_ms: int) -> list[AlignRequest]:
    """Failed turns again, each searched from where the turn before it was found to end
    to where the turn after it was found to begin (a marker further off than the
    tolerance puts a turn outside its first window). Where no neighbour was found on a
    side, the window grows by ``WIDE_MS`` there. Nothing when most turns failed: then
    the recording is likely not the transcript's, and a wider search would only cost time.
    """
    found = [found_span(results.get(r.index)) for r in requests]
    if not requests or 2 * sum(f is not None for f in found) < len(requests):
        return []
    out = []
    for i, request in enumerate(requests):
        if found[i] is not None:
            continue
        before = next((f for f in reversed(found[:i]) if f is not None), None)
        after = next((f for f in found[i + 1 :] if f is not None), None)
        lo = before[1] if before else request.window_start_ms - WIDE_MS + MARGIN_MS
        hi = after[0] if after else request.window_end_ms + WIDE_MS - MARGIN_MS
        again = between(request, lo, hi, audio_ms)
        if again is not None and (again.window_start_ms, again.window_end_ms) != (
            request.window_start_ms, request.window_end_ms
        ):
            out.append(again)
    return out


def between(request: AlignRequest, lo_ms: int, hi_ms: int, audio_ms: int) -> AlignRequest | None:
    """``request`` searched again in the gap from ``lo_ms`` (where the turn before it ends) to
    ``hi_ms`` (where the turn after it begins), reaching a little into both, whose words
    the search may pass through; None when the gap is too short to hold anything."""
    start, end = max(0, lo_ms - MARGIN_MS), min(audio_ms, hi_ms + MARGIN_MS)
    if end - start <= 1000:
        return None
    return replace(request, window_start_ms=start, window_end_ms=end, anchored=True)

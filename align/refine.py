"""Refining text-only word times against the recording, turn by turn.

Each turn is aligned inside a window from its markers (several seconds of
tolerance either side), so a long episode aligns as well as a short clip and
an error in one turn never moves another. A turn the aligner cannot place
keeps its text-only timing, fitted between its aligned neighbours, and is
reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from align import audio, timecode
from align.aligner import RATE, AlignedTurn, AlignRequest, available, default_aligner
from align.errors import Diagnostic
from align.model import Turn, Word
from align.progress import SILENT, Progress

TOLERANCE_MS = 3000  # how far a marker may be off and the turn still be found at once
WIDE_MS = 10_000  # a failed turn's second search reaches this much further where no neighbour bounds it
_MARGIN_MS = 500  # a second search starts this far inside the turn before (its grammar may enter there)
_CONTEXT_WORDS = 12
LOW_CONFIDENCE = 0.5  # below this a found turn is reported as uncertain


@dataclass(frozen=True, slots=True)
class TurnReport:
    """How one turn's alignment went: its marker against where it was found."""

    index: int
    speaker: str
    line: int
    marker_ms: int | None
    text_start_ms: int
    aligned_start_ms: int | None
    confidence: float
    reason: str

    @property
    def offset_ms(self) -> int | None:
        """Aligned start minus marker: positive when the marker is early."""
        if self.marker_ms is None or self.aligned_start_ms is None:
            return None
        return self.aligned_start_ms - self.marker_ms


@dataclass(frozen=True, slots=True)
class Refinement:
    turns: tuple[Turn, ...]
    reports: tuple[TurnReport, ...]
    diagnostics: tuple[Diagnostic, ...]
    aligner: str
    audio_ms: int


def requests_for(turns: Sequence[Turn], audio_ms: int) -> list[AlignRequest]:
    """One search window per turn: from its marker (or its marked neighbours) ± tolerance."""
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
        prev_tail = tuple(w.text for w in spoken[i - 1].words[-_CONTEXT_WORDS:]) if i else ()
        next_head = tuple(w.text for w in spoken[i + 1].words[:_CONTEXT_WORDS]) if i + 1 < len(spoken) else ()
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


def second_chance(requests: Sequence[AlignRequest], results: dict[int, AlignedTurn],
                  audio_ms: int) -> list[AlignRequest]:
    """Failed turns again, each searched from where the turn before it was found to end
    to where the turn after it was found to begin (markers more than the tolerance off
    cut a turn out of its first window). Where no neighbour was found on a side, the
    window grows by ``WIDE_MS`` there. Nothing when most turns failed: then the
    recording is likely not the transcript's, and a wider search would only cost time.
    """
    found = [results[r.index] if r.index in results and results[r.index].ok else None for r in requests]
    if not requests or 2 * sum(f is not None for f in found) < len(requests):
        return []
    out = []
    for i, request in enumerate(requests):
        if found[i] is not None:
            continue
        before = next((f for f in reversed(found[:i]) if f is not None), None)
        after = next((f for f in found[i + 1 :] if f is not None), None)
        start = _edge(before, last=True) - _MARGIN_MS if before else request.window_start_ms - WIDE_MS
        end = _edge(after, last=False) + _MARGIN_MS if after else request.window_end_ms + WIDE_MS
        start, end = max(0, start), min(audio_ms, end)
        if end - start > 1000 and (start, end) != (request.window_start_ms, request.window_end_ms):
            out.append(replace(request, window_start_ms=start, window_end_ms=end, anchored=True))
    return out


def _edge(result: AlignedTurn, *, last: bool) -> int:
    spans = [s for s in result.spans if s is not None]
    return spans[-1][1] if last else spans[0][0]


def refine(
    turns: Sequence[Turn], audio_path: Path, source: str, *, ffmpeg: Path | None = None, workers: int = 2,
    progress: Progress = SILENT,
) -> Refinement:
    """Word times from the recording where the aligner finds each turn; text-only elsewhere."""
    why = available()
    if why is not None:
        diag = Diagnostic(source, None, f"audio alignment is not available ({why}); captions keep text-only timing")
        return Refinement(tuple(turns), (), (diag,), "none", 0)
    ffmpeg = ffmpeg if ffmpeg is not None else audio.find_ffmpeg()
    samples, audio_ms = audio.decode_whole(audio_path, ffmpeg, RATE, parts=max(1, workers), progress=progress)
    diags: list[Diagnostic] = []
    last = max((t.end_ms for t in turns if t.words), default=0)
    if audio_ms < 0.9 * last:
        diags.append(Diagnostic(source, None, f"{audio_path.name} lasts {timecode.clock(audio_ms)} but the transcript "
                                              f"runs to {timecode.clock(last)}; is it the right recording?"))
    elif audio_ms > 1.5 * last + 60_000:
        diags.append(Diagnostic(source, None, f"{audio_path.name} lasts {timecode.clock(audio_ms)}, much longer than "
                                              f"the transcript ({timecode.clock(last)}); is it the right recording?"))
    aligner = default_aligner()
    requests = requests_for(turns, audio_ms)
    results = {r.index: r for r in aligner.align(samples, RATE, requests, workers=workers, progress=progress)}
    retry = second_chance(requests, results, audio_ms)
    if retry:
        results.update((r.index, r) for r in aligner.align(samples, RATE, retry, workers=workers) if r.ok)
    refined, reports = _apply(turns, results)
    failed = [r for r in reports if r.aligned_start_ms is None]
    for r in failed:
        where = f"[{timecode.clock(r.marker_ms)}] " if r.marker_ms is not None else ""
        diags.append(Diagnostic(source, r.line, f"turn {where}{r.speaker} was not found in {audio_path.name} "
                                                f"({r.reason}); it keeps text-only timing"))
    if len(failed) > len(reports) // 2 and reports:
        diags.append(Diagnostic(source, None, f"{len(failed)} of {len(reports)} turns were not found in "
                                              f"{audio_path.name}; does the recording match the transcript?"))
    return Refinement(tuple(refined), tuple(reports), tuple(diags), aligner.name, audio_ms)


def _apply(turns: Sequence[Turn], results: dict[int, AlignedTurn]) -> tuple[list[Turn], list[TurnReport]]:
    out: list[Turn] = []
    reports: list[TurnReport] = []
    aligned_flags = [bool(results.get(t.index) and results[t.index].ok) for t in turns]
    for i, turn in enumerate(turns):
        result = results.get(turn.index)
        if result is not None and result.ok:
            words = tuple(
                Word(w.text, span[0], max(span[1], span[0]))
                for w, span in zip(turn.words, result.spans, strict=True)
                if span is not None
            )
            out.append(replace(turn, words=words, confidence=result.confidence, aligned=True))
        else:
            out.append(turn)
        reports.append(
            TurnReport(
                index=turn.index,
                speaker=turn.speaker.key,
                line=turn.line,
                marker_ms=turn.marker_ms,
                text_start_ms=turn.start_ms,
                aligned_start_ms=out[-1].start_ms if aligned_flags[i] and out[-1].words else None,
                confidence=result.confidence if result is not None else 0.0,
                reason=result.reason if result is not None else "no words",
            )
        )
    # A turn left with text-only times is fitted between its aligned neighbours,
    # so it can neither overlap them nor push the turns after it.
    for i, turn in enumerate(out):
        if aligned_flags[i] or not turn.words:
            continue
        lo = max((t.end_ms for t in out[:i] if t.words), default=0)
        hi = next((t.start_ms for t in out[i + 1 :] if t.words and t.aligned), None)
        out[i] = _fit_between(turn, lo, hi)
    return out, reports


def _fit_between(turn: Turn, lo: int, hi: int | None) -> Turn:
    start, end = turn.start_ms, turn.end_ms
    new_start = max(start, lo)
    new_end = end if hi is None else min(end + (new_start - start), hi)
    if new_end <= new_start:
        new_end = new_start + len(turn.words)
    scale = (new_end - new_start) / max(1, end - start)

    def at(ms: int) -> int:
        return round(new_start + (ms - start) * scale)

    words = tuple(Word(w.text, at(w.start_ms), max(at(w.start_ms), at(w.end_ms))) for w in turn.words)
    return replace(turn, words=words, confidence=min(turn.confidence, 0.3), aligned=False)

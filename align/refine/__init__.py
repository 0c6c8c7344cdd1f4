"""Refining text-only word times against the recording, turn by turn.

First the transcript's clock is mapped onto the recording's (markers all off by some
seconds, or off by another amount after an ad: ``align.aligner.clock``). Each turn is
then aligned inside a window from its mapped marker, so a long episode aligns as well
as a short clip and an error in one turn never moves another. A turn not found is
searched again in the gap its found neighbours leave; two turns that overlap are each
searched again in the gap the other leaves, and the better search kept (``order``). A
turn still not found keeps its text-only timing, fitted between its found neighbours.
Turns far from their mapped marker, weakly fitted or in conflict are reported with
their lines. When most turns are not found, the recording is taken to be another one:
``AudioMismatch`` is raised unless the caller accepts the mismatch.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from align import audio, processes, timecode
from align.aligner import (
    RATE,
    Activity,
    AlignedTurn,
    Aligner,
    AlignRequest,
    available,
    default_aligner,
    workers_ready,
)
from align.aligner.base import Audio
from align.aligner.clock import ClockMap, map_clock, speech_envelope
from align.aligner.confidence import WEAK_SCORE
from align.aligner.energy import FRAME_MS
from align.errors import Diagnostic
from align.model import Turn
from align.progress import SILENT, Progress, stage
from align.refine.edges import edge_requests, whole, with_edge
from align.refine.order import (
    SLACK_MS,
    apply_results,
    clashes,
    doubtful_start,
    fit_between,
    gap_around,
    previous_ends,
    retries,
    settle,
)
from align.refine.report import (
    FAR_MS,
    LOW_CONFIDENCE,
    AudioMismatch,
    TurnReport,
    describe_clock,
    turn_diagnostics,
)
from align.refine.windows import TOLERANCE_MS, WIDE_MS, requests_for, second_chance

__all__ = [
    "FAR_MS",
    "LOW_CONFIDENCE",
    "SLACK_MS",
    "TOLERANCE_MS",
    "WIDE_MS",
    "AudioMismatch",
    "Refinement",
    "TurnReport",
    "apply_results",
    "describe_clock",
    "fit_between",
    "refine",
    "requests_for",
    "second_chance",
]

_CONFLICT_ROUNDS = 2
_FIT_SLACK = 1.0  # a search again may fit this much worse (log score per frame) and still win
_FEW = 4
_LOW_CAP = 0.4  # the confidence of a turn with a reason for doubt


@dataclass(frozen=True, slots=True)
class Refinement:
    turns: tuple[Turn, ...]
    reports: tuple[TurnReport, ...]
    diagnostics: tuple[Diagnostic, ...]
    aligner: str
    audio_ms: int
    clock: ClockMap | None = None

    @property
    def clock_lines(self) -> tuple[str, ...]:
        """How the markers relate to the recording, in words (nothing without a map)."""
        return describe_clock(self.clock, self.reports) if self.clock is not None else ()


REACH_MS = 65_000  # aligning some turns: the recording is read this far around them (markers may be 60 s off)


def refine(
    turns: Sequence[Turn], audio_path: Path, source: str, *, ffmpeg: Path | None = None, workers: int = 2,
    accept_mismatch: bool = False, progress: Progress = SILENT, only: Collection[int] | None = None,
) -> Refinement:
    """Word times from the recording where the aligner finds each turn; text-only elsewhere.

    With ``only`` (turn indexes), just those turns are aligned, in the recording read
    ``REACH_MS`` around them, and of the turns beside them only the words next to them
    (``edges``: a quote needs its turn and the words around it, not the episode); the
    other turns keep their text-only times, and none of them is reported.

    Raises ``AudioMismatch`` when most turns are not found, unless ``accept_mismatch``
    (then it is a warning and those turns keep text-only timing).
    """
    why = available()
    if why is not None:
        diag = Diagnostic(source, None, f"audio alignment is not available ({why}); captions keep text-only timing")
        return Refinement(tuple(turns), (), (diag,), "none", 0)
    ffmpeg = ffmpeg if ffmpeg is not None else audio.find_ffmpeg()
    wanted = [t for t in turns if t.words and (only is None or t.index in only)]
    diags: list[Diagnostic] = []
    if only is None or not wanted:
        samples, audio_ms = audio.decode_whole(audio_path, ffmpeg, RATE, parts=max(1, workers), progress=progress)
        lo, part = 0, list(turns)
        diags.extend(_length_warnings(turns, audio_path, source, audio_ms))
    else:
        info = audio.probe(audio_path, ffmpeg)
        audio_ms = info.duration_ms or 0
        lo = max(0, min(t.start_ms for t in wanted) - REACH_MS)
        lo -= lo % FRAME_MS
        hi = max(t.end_ms for t in wanted) + REACH_MS
        with stage(f"decoding {audio_path.name} around the turns", progress):
            samples = audio.read_pcm(info, lo, hi, ffmpeg, rate=RATE, channels=1).reshape(-1)
        part = [_shifted(t, -lo) for t in turns if t.words and t.end_ms > lo and t.start_ms < hi]
    # the aligner's workers start while the clock is mapped (a third of a second; started
    # before the audio was decoded, they cost the decoding process 10 MB and saved no more)
    # and serve every search; they stop once the last one is done
    with workers_ready(workers if only is None else 1):
        part_ms = len(samples) * 1000 // RATE
        activity = Activity.measure(samples, RATE)  # once, for the clock map and every search
        clock = map_clock([[(w.start_ms, w.end_ms) for w in t.words] for t in part],
                          speech_envelope(activity.speech, FRAME_MS))
        mapped = [_shifted(t, clock.offset_ms(k)) for k, t in enumerate(part)]
        aligner = default_aligner()
        keep = {t.index for t in wanted}
        requests = [r for r in requests_for(mapped, part_ms) if r.index in keep]
        first_workers = _workers_for(len(requests), workers)
        results = {r.index: r for r in aligner.align(samples, RATE, requests, workers=first_workers, progress=progress,
                                                     activity=activity)}
        retry = second_chance(requests, results, part_ms)
        if retry:
            results.update((r.index, r) for r in aligner.align(samples, RATE, retry, workers=workers, activity=activity)
                           if r.ok)
        searched = _settle_clashes(aligner, samples, requests, results, part_ms, workers, activity)
        searched |= _settle_doubts(aligner, samples, requests, results, part_ms, workers, activity)
        refined_part, trimmed = apply_results(mapped, results)
        edged = (_edges(aligner, samples, mapped, refined_part, results, keep, part_ms, activity)
                 if only is not None else set())
    by_index = {t.index: (t, m, _shifted(r, lo)) for t, m, r in zip(part, mapped, refined_part, strict=True)}
    chosen = [t for t in turns if t.index in by_index and (only is None or t.index in keep)]
    reports = _reports(chosen, [_shifted(by_index[t.index][1], lo) for t in chosen],
                       [by_index[t.index][2] for t in chosen], results, trimmed, searched)
    low = {r.index for r in reports if r.low}
    refined = [by_index[t.index][2] if t.index in by_index and (only is None or t.index in keep | edged) else t
               for t in turns]
    refined = [replace(t, confidence=min(t.confidence, _LOW_CAP)) if t.index in low and t.aligned else t
               for t in refined]
    diags.extend(turn_diagnostics(source, audio_path.name, reports))
    spoken = [r for r, t in zip(reports, chosen, strict=True) if t.words]
    missing = sum(r.aligned_start_ms is None for r in spoken)
    if spoken and 2 * missing > len(spoken):
        if not accept_mismatch:
            raise AudioMismatch(audio_path, missing, len(spoken))
        diags.append(Diagnostic(source, None, f"{missing} of {len(spoken)} turns were not found in "
                                              f"{audio_path.name}; does the recording match the transcript?"))
    return Refinement(tuple(refined), tuple(reports), tuple(diags), aligner.name, audio_ms,
                      clock if only is None else None)


def _length_warnings(turns: Sequence[Turn], audio_path: Path, source: str, audio_ms: int) -> list[Diagnostic]:
    """A recording much shorter or longer than the transcript is probably another one."""
    last = max((t.end_ms for t in turns if t.words), default=0)
    if audio_ms < 0.9 * last:
        return [Diagnostic(source, None, f"{audio_path.name} lasts {timecode.clock(audio_ms)} but the transcript "
                                         f"runs to {timecode.clock(last)}; is it the right recording?")]
    if audio_ms > 1.5 * last + 60_000:
        return [Diagnostic(source, None, f"{audio_path.name} lasts {timecode.clock(audio_ms)}, much longer than "
                                         f"the transcript ({timecode.clock(last)}); is it the right recording?")]
    return []


def _shifted(turn: Turn, offset_ms: int) -> Turn:
    """The turn on the recording's clock: its marker and text-only times moved by ``offset_ms``."""
    if not offset_ms:
        return turn
    words = tuple(replace(w, start_ms=max(0, w.start_ms + offset_ms), end_ms=max(0, w.end_ms + offset_ms))
                  for w in turn.words)
    marker = None if turn.marker_ms is None else max(0, turn.marker_ms + offset_ms)
    return replace(turn, words=words, marker_ms=marker)


def _settle_clashes(aligner: Aligner, samples: Audio, requests: Sequence[AlignRequest],
                    results: dict[int, AlignedTurn], audio_ms: int, workers: int,
                    activity: Activity | None = None) -> set[int]:
    """Search each pair of overlapping turns again, each in the gap the other leaves, and keep
    the search that ends the overlap with the least loss of fit. Returns the turns searched."""
    searched: set[int] = set()
    for _ in range(_CONFLICT_ROUNDS):
        found = clashes(requests, results)
        if not found:
            break
        tries: dict[int, AlignRequest] = {}
        for clash in found:
            for request in retries(requests, results, clash, audio_ms):
                if request is not None:
                    tries.setdefault(request.index, request)
        again = {r.index: r for r in aligner.align(samples, RATE, list(tries.values()),
                                                   workers=_workers_for(len(tries), workers), activity=activity)}
        for clash in found:
            new = settle(clash, requests, results, again)
            if new is not None:
                results[new.index] = new
                searched.add(new.index)
    return searched


def _settle_doubts(aligner: Aligner, samples: Audio, requests: Sequence[AlignRequest],
                   results: dict[int, AlignedTurn], audio_ms: int, workers: int,
                   activity: Activity | None = None) -> set[int]:
    """Search each turn whose first word looks misplaced again, alone, between its found
    neighbours; keep the new search when its first word is no longer in doubt and it fits
    about as well. Returns the turns changed."""
    before = previous_ends(requests, results)
    tries = [again for k, r in enumerate(requests) if doubtful_start(r, results.get(r.index), before[k])
             and (again := gap_around(requests, results, k, audio_ms)) is not None]
    if not tries:
        return set()
    changed = set()
    for new in aligner.align(samples, RATE, tries, workers=_workers_for(len(tries), workers), activity=activity):
        old = results[new.index]
        k = next(k for k, r in enumerate(requests) if r.index == new.index)
        if new.ok and not doubtful_start(requests[k], new, before[k]) and new.fit >= old.fit - _FIT_SLACK:
            results[new.index] = new
            changed.add(new.index)
    return changed


def _edges(aligner: Aligner, samples: Audio, mapped: Sequence[Turn], refined: list[Turn],
           results: Mapping[int, AlignedTurn], keep: Collection[int], audio_ms: int,
           activity: Activity | None = None) -> set[int]:
    """The words of the neighbours next to the turns in ``keep`` aligned too, in place in
    ``refined``; returns the neighbours so timed (one whose edge is not found keeps its
    text-only times)."""
    edges = {e.request.index: e for e in edge_requests(mapped, results, keep, audio_ms)}
    done: set[int] = set()
    for attempt in range(2):  # an edge not found: the neighbour whole, in its own window
        if attempt:
            own = {r.index: r for r in requests_for(mapped, audio_ms) if r.index in edges and r.index not in done}
            edges = {i: whole(edges[i], own[i]) for i in own}
        if not edges:
            break
        for result in aligner.align(samples, RATE, [e.request for e in edges.values()], workers=1,
                                    activity=activity):
            if not result.ok:
                continue
            k = next(k for k, t in enumerate(refined) if t.index == result.index)
            if edges[result.index].before:  # its last words, before the turn that follows
                bound = next(t.start_ms for t in refined[k + 1 :] if t.words)
            else:
                bound = next(t.end_ms for t in reversed(refined[:k]) if t.words)
            refined[k] = with_edge(mapped[k], edges[result.index], result, bound)
            done.add(result.index)
    return done


def _workers_for(requests: int, workers: int) -> int:
    """A few searches run here rather than on new worker processes (starting those costs
    more); on workers already started, any number run there (the decoder's model then
    stays out of this process, which holds the recording)."""
    return workers if requests > _FEW or processes.started(workers) else 1


def _reports(turns: Sequence[Turn], mapped: Sequence[Turn], refined: Sequence[Turn],
             results: Mapping[int, AlignedTurn], trimmed: set[int], searched: set[int]) -> list[TurnReport]:
    out = []
    for turn, moved, done in zip(turns, mapped, refined, strict=True):
        result = results.get(turn.index)
        found = result is not None and result.ok and bool(done.words)
        notes: list[str] = []
        expected = moved.marker_ms if moved.marker_ms is not None else (moved.start_ms if moved.words else None)
        if found and result is not None:
            if moved.marker_ms is not None and abs(done.start_ms - moved.marker_ms) >= FAR_MS:
                off = done.start_ms - moved.marker_ms
                notes.append(f"found {abs(off) / 1000:.1f} s {'after' if off > 0 else 'before'} its mapped marker")
            if result.fit < WEAK_SCORE and "weak fit" not in result.reason:
                notes.append(f"weak fit (score {result.fit:.1f})")
            if turn.index in trimmed:
                notes.append("overlaps a neighbouring turn")
        reason = "; ".join(x for x in (result.reason if result is not None else "no words", *notes) if x)
        confidence = result.confidence if result is not None else 0.0
        if found and (notes or (result is not None and "weak fit" in result.reason)):
            confidence = min(confidence, _LOW_CAP)
        out.append(TurnReport(
            index=turn.index, speaker=turn.speaker.key, line=turn.line, marker_ms=turn.marker_ms,
            text_start_ms=turn.start_ms, aligned_start_ms=done.start_ms if found else None,
            confidence=confidence, reason=reason, expected_ms=expected, notes=tuple(notes),
        ))
    return out


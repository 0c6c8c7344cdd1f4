"""What ``info`` says about a transcript: speakers, talk time, the speaking rate, warnings,
and with a recording where each turn was found against its marker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from align.errors import Diagnostic, shown
from align.pipeline import Captions
from align.refine import LOW_CONFIDENCE, TurnReport
from align.timing import Rate


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    key: str
    name: str
    turns: int
    talk_ms: int
    labels: tuple[str, ...]  # as written in the transcript


@dataclass(frozen=True, slots=True)
class AlignmentSummary:
    aligner: str
    reports: tuple[TurnReport, ...]
    clock: tuple[str, ...] = ()  # how the markers relate to the recording, in words

    @property
    def found(self) -> int:
        return sum(1 for r in self.reports if r.aligned_start_ms is not None)

    @property
    def median_offset_ms(self) -> int | None:
        """How early the markers are on the median (negative: late); None without markers."""
        offsets = sorted(r.offset_ms for r in self.reports if r.offset_ms is not None)
        return offsets[len(offsets) // 2] if offsets else None

    @property
    def low_confidence(self) -> tuple[int, ...]:
        return tuple(r.index for r in self.reports
                     if r.aligned_start_ms is not None and r.confidence < LOW_CONFIDENCE)


@dataclass(frozen=True, slots=True)
class Summary:
    source: str
    reader: str
    turns: int
    words: int
    cues: int
    profile: str
    ends_ms: int
    speakers: tuple[SpeakerSummary, ...]
    words_per_minute: float  # while speaking
    rate: Rate
    diagnostics: tuple[Diagnostic, ...]
    alignment: AlignmentSummary | None


def summarize(captions: Captions) -> Summary:
    timed = captions.timed
    turns = timed.turns
    speakers = []
    for sp in timed.speakers:
        own = [t for t in turns if t.speaker == sp]
        speakers.append(SpeakerSummary(
            sp.key, sp.name, len(own), sum(t.end_ms - t.start_ms for t in own),
            tuple(sorted({timed.label(t) for t in own})),
        ))
    words = sum(len(t.words) for t in turns)
    speech_ms = sum(w.end_ms - w.start_ms for t in turns for w in t.words)
    alignment = None
    if timed.alignment is not None and timed.alignment.reports:
        alignment = AlignmentSummary(timed.alignment.aligner, timed.alignment.reports, timed.alignment.clock_lines)
    return Summary(
        source=shown(timed.source),
        reader=timed.transcript.reader,
        turns=len(turns),
        words=words,
        cues=len(captions.cues),
        profile=captions.profile.name,
        ends_ms=turns[-1].end_ms if turns else 0,
        speakers=tuple(speakers),
        words_per_minute=words / max(speech_ms / 1000, 1e-3) * 60,
        rate=timed.rate,
        diagnostics=timed.diagnostics,
        alignment=alignment,
    )


def as_dict(summary: Summary) -> dict[str, Any]:
    """The summary as plain data (``info --json``): times in ms, rates in seconds."""
    rate = summary.rate
    out: dict[str, Any] = {
        "source": summary.source,
        "reader": summary.reader,
        "turns": summary.turns,
        "words": summary.words,
        "cues": summary.cues,
        "profile": summary.profile,
        "end_ms": summary.ends_ms,
        "speakers": [
            {"key": s.key, "name": s.name, "turns": s.turns, "talk_ms": s.talk_ms, "labels": list(s.labels)}
            for s in summary.speakers
        ],
        "rate": {
            "words_per_minute": round(summary.words_per_minute, 1),
            "sentence_pause_s": round(rate.sentence_pause_s, 3),
            "clause_pause_s": round(rate.clause_pause_s, 3),
            "turn_gap_s": round(rate.turn_gap_s, 3),
            "fitted_on_spans": rate.fitted_on,
        },
        "warnings": [
            {"path": shown(d.path), "line": d.line, "message": d.message} for d in summary.diagnostics
        ],
    }
    if summary.alignment is not None:
        a = summary.alignment
        out["alignment"] = {
            "aligner": a.aligner,
            "found": a.found,
            "turns": [
                {"index": r.index, "line": r.line, "speaker": r.speaker, "marker_ms": r.marker_ms,
                 "found_ms": r.aligned_start_ms, "offset_ms": r.offset_ms, "confidence": r.confidence,
                 "note": r.reason}
                for r in a.reports
            ],
            "median_offset_ms": a.median_offset_ms,
            "clock": list(a.clock),
            "low_confidence": list(a.low_confidence),
        }
    return out

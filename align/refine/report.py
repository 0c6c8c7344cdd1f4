"""What alignment found, turn by turn and for the transcript's clock as a whole."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align import timecode
from align.aligner.clock import ClockMap
from align.errors import AlignError, Diagnostic

LOW_CONFIDENCE = 0.5  # below this a found turn is reported as uncertain
FAR_MS = 2000  # a turn found this far from its mapped marker is uncertain


class AudioMismatch(AlignError):
    """Most turns of the transcript are not in the recording: it is likely another one."""

    def __init__(self, path: Path | str, missing: int, total: int) -> None:
        self.path = Path(path)
        self.missing = missing
        self.total = total
        super().__init__(f"{self.path}: the audio does not match the transcript: {missing} of {total} turns "
                         "not found; check the file or the markers")


@dataclass(frozen=True, slots=True)
class TurnReport:
    """How one turn's alignment went: its marker against where it was found.

    ``expected_ms`` is the marker on the recording's clock (the clock map applied), or
    for a turn without a marker its text-only start there. ``notes`` say why a turn is
    uncertain (far from its marker, a weak fit, a conflict with a neighbour, not found);
    ``reason`` joins them with the aligner's own remarks.
    """

    index: int
    speaker: str
    line: int
    marker_ms: int | None
    text_start_ms: int
    aligned_start_ms: int | None
    confidence: float
    reason: str
    expected_ms: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def offset_ms(self) -> int | None:
        """Aligned start minus marker: positive when the marker is early."""
        if self.marker_ms is None or self.aligned_start_ms is None:
            return None
        return self.aligned_start_ms - self.marker_ms

    @property
    def low(self) -> bool:
        return self.aligned_start_ms is None or self.confidence < LOW_CONFIDENCE


def describe_clock(clock: ClockMap, reports: Sequence[TurnReport]) -> tuple[str, ...]:
    """The clock map in words, one line a piece, with each piece's offset as the found turns
    show it (the median of their starts against their markers), else as mapped.

    ``reports`` are in the order of the turns the map was made for.
    """
    lines = []
    for k, piece in enumerate(clock.pieces):
        last = clock.pieces[k + 1].first if k + 1 < len(clock.pieces) else len(reports)
        found = [r.offset_ms for r in reports[piece.first : last] if r.offset_ms is not None]
        offset = round(statistics.median(found)) if found else piece.offset_ms
        size = f"{abs(offset) / 1000:.1f} s {'early' if offset > 0 else 'late'}"
        if k == 0:
            if abs(offset) < 50:
                lines.append("markers match the recording" + (" throughout" if len(clock.pieces) == 1 else " at first"))
            else:
                lines.append(f"markers run {size}" + (" throughout" if len(clock.pieces) == 1 else " at first"))
        else:
            first = reports[piece.first] if piece.first < len(reports) else None
            at = timecode.clock(first.marker_ms) if first is not None and first.marker_ms is not None else None
            where = f"from {at} on (line {first.line})" if first is not None and at else (
                f"from line {first.line} on" if first is not None else "from then on")
            lines.append(f"{where}, " + (f"markers are {size}" if abs(offset) >= 50 else "markers match the recording"))
    return tuple(lines)


def turn_diagnostics(source: str, audio_name: str, reports: Sequence[TurnReport]) -> list[Diagnostic]:
    """A warning, with its line, for each turn not found or found with low confidence."""
    out = []
    for r in reports:
        where = f"[{timecode.clock(r.marker_ms)}] " if r.marker_ms is not None else ""
        if r.aligned_start_ms is None:
            out.append(Diagnostic(source, r.line, f"turn {where}{r.speaker} was not found in {audio_name} "
                                                  f"({r.reason}); it keeps text-only timing"))
        elif r.low:
            out.append(Diagnostic(source, r.line, f"turn {where}{r.speaker} aligned with low confidence "
                                                  f"({r.confidence:.2f}: {r.reason})"))
    return out

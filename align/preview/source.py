"""What the preview shows, taken from the pipeline's result in one place.

``from_captions`` is the only code in the preview that knows the pipeline's types
(``Captions``, its turns, cues and alignment reports); everything else works on the
small types below, so a change in the pipeline is met here alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from align.cues import Profile
from align.errors import Diagnostic
from align.pipeline import Captions
from align.refine import LOW_CONFIDENCE
from align.writers import vtt


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Turn:
    """A turn with words. ``uncertain`` says why its timing needs a look ('' when it does not)."""

    line: int
    speaker: int  # index into Episode.speakers
    words: tuple[Word, ...]
    paragraph_starts: tuple[int, ...]
    uncertain: str = ""

    @property
    def start_ms(self) -> int:
        return self.words[0].start_ms

    @property
    def end_ms(self) -> int:
        return self.words[-1].end_ms


@dataclass(frozen=True, slots=True)
class Cue:
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    turn: int  # index into Episode.turns
    first_word: int  # in the turn
    word_count: int


@dataclass(frozen=True, slots=True)
class Speaker:
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Episode:
    """One transcript, timed and cut, as the preview page lays it out."""

    source: Path
    speakers: tuple[Speaker, ...]
    turns: tuple[Turn, ...]
    cues: tuple[Cue, ...]
    vtt: str  # the WebVTT text the page plays, cue for cue the same as ``cues``
    profile: Profile
    duration_ms: int
    aligned_by: str  # the aligner's name, '' for text-only timing
    diagnostics: tuple[Diagnostic, ...]


def from_captions(captions: Captions) -> Episode:
    """The preview's view of what ``make_captions`` returned."""
    speakers = captions.speakers
    speaker_at = {s: k for k, s in enumerate(speakers)}
    alignment = captions.timed.alignment
    reports = {r.index: r for r in alignment.reports} if alignment else {}
    spoken = [t for t in captions.turns if t.words]
    turn_at = {t.index: k for k, t in enumerate(spoken)}
    turns = []
    for t in spoken:
        report = reports.get(t.index)
        uncertain = ""
        if report is not None and report.aligned_start_ms is None:
            uncertain = f"not found in the recording ({report.reason}); timed from the text"
        elif report is not None and report.confidence < LOW_CONFIDENCE:
            uncertain = f"aligned with low confidence {report.confidence:.2f}" + (f" ({report.reason})"
                                                                                  if report.reason else "")
        elif report is None and t.confidence < LOW_CONFIDENCE:
            uncertain = f"timed from the text with low confidence {t.confidence:.2f}"
        turns.append(Turn(t.line, speaker_at[t.speaker], tuple(Word(w.text, w.start_ms, w.end_ms) for w in t.words),
                          t.paragraph_starts, uncertain))
    cues = tuple(Cue(c.start_ms, c.end_ms, c.lines, turn_at[c.turn], c.first_word, c.word_count)
                 for c in captions.cues)
    end = max([t.end_ms for t in turns] + [c.end_ms for c in cues])
    return Episode(
        source=captions.timed.source,
        speakers=tuple(Speaker(s.key, s.name) for s in speakers),
        turns=tuple(turns),
        cues=cues,
        vtt=vtt.render(captions),
        profile=captions.profile,
        duration_ms=max(end, alignment.audio_ms if alignment else 0),
        aligned_by=alignment.aligner if alignment and alignment.reports else "",
        diagnostics=captions.diagnostics,
    )

"""Timing a transcript: when each word is said.

    from align.timing import time_transcript
    timed = time_transcript(transcript)                          # from the text alone
    timed = time_transcript(transcript, audio="episode.mp3")     # refined against the recording

Speaker labels are resolved to people first (``align.speakers``); ``estimate`` then
times every word from the markers and the text, and with a recording ``align.refine``
moves each turn's words to where they are heard. The result, ``Timed``, is what every
later step takes: cutting captions, clips, quotes and ``info``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from align.errors import Diagnostic, InputError
from align.model import Speaker, Turn
from align.progress import SILENT, Progress, stage
from align.readers import Transcript
from align.refine import Refinement, refine
from align.speakers import resolve_speakers
from align.timing.estimate import DEFAULT_RATE, Rate, estimate_times, fit_rate

__all__ = ["DEFAULT_RATE", "Rate", "Timed", "aligned", "estimate_times", "fit_rate", "time_transcript"]


@dataclass(frozen=True, slots=True)
class Timed:
    """A transcript with a time for every word: text-only, or refined against ``alignment``."""

    source: Path
    transcript: Transcript
    turns: tuple[Turn, ...]
    rate: Rate
    diagnostics: tuple[Diagnostic, ...]
    alignment: Refinement | None = None

    @property
    def speakers(self) -> tuple[Speaker, ...]:
        """Everyone who speaks, in the order they first do."""
        return tuple(dict.fromkeys(t.speaker for t in self.turns))

    def label(self, turn: Turn) -> str:
        """The label ``turn`` was written with in the transcript."""
        return self.transcript.turns[turn.index].label


def time_transcript(
    transcript: Transcript,
    *,
    speaker_map: Mapping[str, str] | None = None,
    audio: Path | str | None = None,
    ffmpeg: Path | None = None,
    workers: int = 2,
    progress: Progress = SILENT,
    accept_mismatch: bool = False,
) -> Timed:
    """Every word of ``transcript`` timed; with ``audio``, refined against the recording
    (turns the aligner cannot place keep their text-only times and are reported). When
    most turns are not in the recording, ``AudioMismatch`` is raised unless
    ``accept_mismatch`` (then it is a warning).

    ``speaker_map`` renames or merges labels (``{"SF": "SM"}``) before anything else.
    """
    source = Path(transcript.path)
    if not transcript.turns:
        raise InputError(source, "holds no turns to caption; expected lines like '[00:01:02] Name: text'")
    speakers, speaker_diags = resolve_speakers(transcript.turns, transcript.path, speaker_map)
    with stage("timing from the text"):
        turns, rate = estimate_times(transcript.turns, speakers)
    diags = (*transcript.diagnostics, *speaker_diags, *_too_dense(turns, transcript.path))
    timed = Timed(source, transcript, tuple(turns), rate, diags)
    if audio is None:
        return timed
    return aligned(timed, audio, ffmpeg=ffmpeg, workers=workers, progress=progress, accept_mismatch=accept_mismatch)


def aligned(timed: Timed, audio: Path | str, *, ffmpeg: Path | None = None, workers: int = 2,
            progress: Progress = SILENT, accept_mismatch: bool = False,
            only: Collection[int] | None = None) -> Timed:
    """Text-only ``timed`` refined against the recording; with ``only`` (turn indexes), just
    those turns, in the part of the recording around them (see ``align.refine.refine``)."""
    alignment = refine(timed.turns, Path(audio), timed.transcript.path, ffmpeg=ffmpeg, workers=workers,
                       progress=progress, accept_mismatch=accept_mismatch, only=only)
    return replace(timed, turns=alignment.turns, diagnostics=(*timed.diagnostics, *alignment.diagnostics),
                   alignment=alignment)


FASTEST_WORDS_PER_S = 8.0  # faster than anyone speaks: the markers around the turn are off


def _too_dense(turns: Sequence[Turn], path: str) -> list[Diagnostic]:
    """A warning for each turn whose words its markers leave no time to say."""
    out = []
    for t in turns:
        seconds = (t.end_ms - t.start_ms) / 1000
        if len(t.words) >= 8 and len(t.words) > FASTEST_WORDS_PER_S * seconds:
            out.append(Diagnostic(path, t.line, f"{len(t.words)} words in {seconds:.1f} s "
                                                f"({len(t.words) / max(seconds, 0.001):.0f} a second) before the "
                                                "next marker, faster than anyone speaks; check the markers"))
    return out

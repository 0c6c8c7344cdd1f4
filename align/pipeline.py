"""The whole captioning job: read → resolve speakers → time → cut → write."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.cues import make_cues
from align.errors import Diagnostic, InputError
from align.model import Cue, Speaker, Turn
from align.profiles import DEFAULT_PROFILE, Profile, get_profile
from align.reader import Transcript, read_transcript
from align.refine import Refinement, refine
from align.speakers import resolve_speakers
from align.timing import Rate, estimate_times
from align.writers import (
    LabelMode,
    check_targets,
    speaker_changes,
    srt_label,
    to_json,
    to_srt,
    to_vtt,
    write_atomic,
)


class Format(enum.Enum):
    SRT = "srt"
    VTT = "vtt"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Captions:
    """Everything the job produced, ready to write or inspect."""

    source: Path
    transcript: Transcript
    turns: tuple[Turn, ...]
    cues: tuple[Cue, ...]
    rate: Rate
    profile: Profile
    labels: LabelMode
    diagnostics: tuple[Diagnostic, ...]
    alignment: Refinement | None = None

    @property
    def speakers(self) -> tuple[Speaker, ...]:
        return tuple(dict.fromkeys(t.speaker for t in self.turns))


def make_captions(
    path: Path | str,
    *,
    profile: str | Profile = DEFAULT_PROFILE,
    labels: LabelMode = LabelMode.INITIALS,
    speaker_map: Mapping[str, str] | None = None,
    strict: bool = False,
    audio: Path | str | None = None,
    ffmpeg: Path | None = None,
    workers: int = 2,
    accept_mismatch: bool = False,
) -> Captions:
    """Read a transcript and cut it into timed cues.

    With ``audio``, word times are refined against the recording (turns the
    aligner cannot place keep their text-only times and are reported). When most
    turns are not in the recording, ``AudioMismatch`` is raised unless
    ``accept_mismatch``.
    """
    path = Path(path)
    prof = profile if isinstance(profile, Profile) else get_profile(profile)
    transcript = read_transcript(path, strict=strict)
    if not transcript.turns:
        raise InputError(path, "holds no turns to caption; expected lines like '[00:01:02] Name: text'")
    speakers, speaker_diags = resolve_speakers(transcript.turns, str(path), speaker_map)
    turns, rate = estimate_times(transcript.turns, speakers)
    diags = (*transcript.diagnostics, *speaker_diags)
    alignment = None
    if audio is not None:
        alignment = refine(turns, Path(audio), str(path), ffmpeg=ffmpeg, workers=workers,
                           accept_mismatch=accept_mismatch)
        turns = list(alignment.turns)
        diags = (*diags, *alignment.diagnostics)
    cues = cut_cues(turns, prof, labels)
    return Captions(path, transcript, tuple(turns), tuple(cues), rate, prof, labels, diags, alignment)


def cut_cues(turns: Sequence[Turn], profile: Profile, labels: LabelMode) -> list[Cue]:
    """Cues for timed turns, leaving room on the first line for SRT speaker labels."""
    changed = speaker_changes(turns)

    def label_width(turn: Turn, k: int) -> int:
        return len(srt_label(turn, k, turn.index in changed, labels))

    return make_cues(turns, profile, label_width)


def to_document(captions: Captions) -> dict[str, Any]:
    """The JSON form: speakers, the fitted rate, turns with word times, cues, warnings."""
    rate = captions.rate
    return {
        "source": str(captions.source),
        "profile": captions.profile.name,
        "speakers": [{"key": s.key, "name": s.name} for s in captions.speakers],
        "rate": {
            "seconds_per_unit": round(rate.syllable_s, 4),
            "sentence_pause_s": round(rate.sentence_pause_s, 3),
            "clause_pause_s": round(rate.clause_pause_s, 3),
            "paragraph_pause_s": round(rate.paragraph_pause_s, 3),
            "turn_gap_s": round(rate.turn_gap_s, 3),
            "speakers": {k: round(v, 4) for k, v in rate.speaker_syllable_s.items()},
            "fitted_on_spans": rate.fitted_on,
        },
        "turns": [
            {
                "index": t.index,
                "speaker": t.speaker.key,
                "line": t.line,
                "marker_ms": t.marker_ms,
                "start_ms": t.start_ms,
                "end_ms": t.end_ms,
                "confidence": t.confidence,
                "aligned": t.aligned,
                "words": [[w.text, w.start_ms, w.end_ms] for w in t.words],
            }
            for t in captions.turns
        ],
        "cues": [
            {
                "start_ms": c.start_ms,
                "end_ms": c.end_ms,
                "speaker": c.speaker.key,
                "turn": c.turn,
                "lines": list(c.lines),
            }
            for c in captions.cues
        ],
        "warnings": [str(d) for d in captions.diagnostics],
    }


def write_captions(
    captions: Captions,
    out_dir: Path,
    formats: Iterable[Format] = (Format.SRT, Format.VTT),
    *,
    force: bool = False,
) -> list[Path]:
    """Write the chosen formats into ``out_dir`` as ``<transcript name>.<ext>``."""
    written = []
    chosen = list(dict.fromkeys(formats))
    texts = {
        Format.SRT: lambda: to_srt(captions.cues, captions.turns, captions.labels),
        Format.VTT: lambda: to_vtt(captions.cues),
        Format.JSON: lambda: to_json(to_document(captions)),
    }
    targets = [out_dir / f"{captions.source.stem}.{fmt.value}" for fmt in chosen]
    check_targets(targets, [captions.source], force=force)  # all before any, so nothing is half done
    for fmt, target in zip(chosen, targets, strict=True):
        write_atomic(target, texts[fmt](), protect=(captions.source,), force=force)
        written.append(target)
    return written

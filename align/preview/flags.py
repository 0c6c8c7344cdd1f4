"""What the preview asks a person to look at: uncertain timing and caption problems."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from align.check import CheckReport, Severity
from align.preview.source import Episode


class FlagKind(enum.Enum):
    TIMING = "timing"  # a turn aligned weakly or not at all
    CAPTION = "caption"  # a cue that breaks a rule of the caption style
    TRANSCRIPT = "transcript"  # something the transcript reader reported


@dataclass(frozen=True, slots=True)
class Flag:
    """One thing to look at, where it is (``anchor``: the id of a turn or cue in the page)."""

    kind: FlagKind
    severity: Severity
    time_ms: int | None
    turn: int | None
    anchor: str
    label: str  # a few words for the badge in the transcript
    message: str


def turn_anchor(turn: int) -> str:
    return f"turn-{turn}"


def cue_anchor(cue: int) -> str:
    return f"cue-{cue}"


def collect_flags(episode: Episode, check: CheckReport) -> list[Flag]:
    """Flags in the order of the recording (those without a time last)."""
    flags = []
    for k, turn in enumerate(episode.turns):
        if turn.uncertain:
            flags.append(Flag(FlagKind.TIMING, Severity.WARNING, turn.start_ms, k, turn_anchor(k),
                              "uncertain timing", turn.uncertain))
    for f in check.findings:
        if f.cue is None:
            flags.append(Flag(FlagKind.CAPTION, f.severity, None, None, "", f.rule.value,
                              f"{episode.source.stem}.vtt line {f.line}, {f.rule.value}: {f.message}"))
            continue
        cue = episode.cues[f.cue]
        flags.append(Flag(FlagKind.CAPTION, f.severity, cue.start_ms, cue.turn, cue_anchor(f.cue), f.rule.value,
                          f"caption {f.cue + 1} ({episode.source.stem}.vtt line {f.line}), {f.rule.value}: "
                          f"{f.message}"))
    starts = [t.line for t in episode.turns]
    for d in episode.diagnostics:
        within = [k for k, line in enumerate(starts) if d.line is not None and line <= d.line]
        if within:
            at = within[-1]
            flags.append(Flag(FlagKind.TRANSCRIPT, Severity.WARNING, episode.turns[at].start_ms, at,
                              turn_anchor(at), "transcript warning", str(d)))
        else:
            flags.append(Flag(FlagKind.TRANSCRIPT, Severity.WARNING, None, None, "", "transcript warning", str(d)))
    flags.sort(key=lambda f: (f.time_ms is None, f.time_ms or 0))
    return flags

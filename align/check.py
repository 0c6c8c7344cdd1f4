"""Checking a caption file against a caption style, ours or anyone's.

Every finding names its line and the rule it breaks. An **error** is something a
viewer gets wrong or never sees: a cue players drop or cut short, text a browser
hides, cues out of order or on screen together, a line too long for the screen or a
cue with more lines than the style allows. A **warning** is a departure from the
style's comfort limits that a person should look at but that does not break the
file: reading speed, durations, gaps under two frames, top-heavy line pairs, SRT
numbering and loosely written SRT timestamps.
"""

from __future__ import annotations

import enum
import html.entities
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.cues import Profile
from align.readers.captionfile import CaptionCue, CaptionFile, CaptionFormat, Syntax, read_caption_file


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Rule(enum.Enum):
    SYNTAX = "syntax"
    TIMESTAMP = "timestamp"
    NUMBERING = "numbering"
    BLANK_LINE = "blank-line"
    EMPTY = "empty-cue"
    ESCAPE = "escape"
    ORDER = "order"
    OVERLAP = "overlap"
    DURATION = "duration"
    LINE_LENGTH = "line-length"
    LINES = "lines"
    READING_SPEED = "reading-speed"
    MIN_DURATION = "min-duration"
    MAX_DURATION = "max-duration"
    GAP = "gap"
    TOP_HEAVY = "top-heavy"

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self in _WARNINGS else Severity.ERROR


_WARNINGS = frozenset({Rule.TIMESTAMP, Rule.NUMBERING, Rule.READING_SPEED, Rule.MIN_DURATION,
                       Rule.MAX_DURATION, Rule.GAP, Rule.TOP_HEAVY})

_SYNTAX_RULES = {
    Syntax.HEADER: Rule.SYNTAX,
    Syntax.TIMING: Rule.SYNTAX,
    Syntax.NO_BLANK: Rule.SYNTAX,
    Syntax.STRAY: Rule.SYNTAX,
    Syntax.TIMESTAMP: Rule.TIMESTAMP,
    Syntax.NUMBERING: Rule.NUMBERING,
    Syntax.BLANK_LINE: Rule.BLANK_LINE,
}

TOP_HEAVY_RATIO = 1.5  # a top line this many times as long as the line below it


@dataclass(frozen=True, slots=True)
class Finding:
    """One broken rule at one line. ``cue`` counts cues in the file from 0 (None: no cue)."""

    source: str
    line: int
    rule: Rule
    message: str
    cue: int | None = None

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.rule.value}: {self.message}"


@dataclass(frozen=True, slots=True)
class CheckReport:
    file: CaptionFile
    profile: Profile
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def summary(self) -> str:
        """One line: how many cues, errors and warnings, against which style."""
        cues = f"{len(self.file.cues)} cue{'s' if len(self.file.cues) != 1 else ''}"
        if not self.findings:
            return f"{self.file.source}: {cues}, no problems ({self.profile.name})"
        parts = []
        for severity, count in ((Severity.ERROR, self.errors), (Severity.WARNING, self.warnings)):
            rules = sorted({f.rule.value for f in self.findings if f.severity is severity})
            word = f"{severity.value}{'s' if count != 1 else ''}"
            parts.append(f"{count} {word}" + (f" ({', '.join(rules)})" if rules else ""))
        return f"{self.file.source}: {cues}, {', '.join(parts)} ({self.profile.name})"

    def to_document(self) -> dict[str, Any]:
        return {
            "file": self.file.source,
            "format": self.file.format.value,
            "profile": self.profile.name,
            "cues": len(self.file.cues),
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [
                {"line": f.line, "rule": f.rule.value, "severity": f.severity.value, "message": f.message,
                 "cue": f.cue + 1 if f.cue is not None else None}
                for f in self.findings
            ],
        }


def check_file(path: Path | str, profile: Profile) -> CheckReport:
    """Read an SRT or WebVTT file and check it against ``profile``."""
    return check_captions(read_caption_file(path), profile)


def check_captions(captions: CaptionFile, profile: Profile) -> CheckReport:
    """Every rule on every cue; findings in the order of the file."""
    source = captions.source
    found: list[Finding] = []
    cue_at = {c.line: k for k, c in enumerate(captions.cues)}
    for p in captions.problems:
        found.append(Finding(source, p.line, _SYNTAX_RULES[p.kind], p.message, cue_at.get(p.line)))
    for k, cue in enumerate(captions.cues):
        found.extend(Finding(source, line, rule, message, k) for line, rule, message in _cue_rules(cue, profile))
        if captions.format is CaptionFormat.VTT:
            found.extend(Finding(source, line, Rule.ESCAPE, message, k) for line, message in _escapes(cue))
    for k, (before, cue) in enumerate(itertools.pairwise(captions.cues), start=1):
        found.extend(Finding(source, cue.line, rule, message, k) for rule, message in _pair_rules(before, cue, profile))
    found.sort(key=lambda f: f.line)
    return CheckReport(captions, profile, tuple(found))


def _seconds(ms: int) -> str:
    return f"{ms / 1000:.3f} s"


def _clock(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _cue_rules(cue: CaptionCue, profile: Profile) -> list[tuple[int, Rule, str]]:
    out: list[tuple[int, Rule, str]] = []
    name = profile.name
    duration = cue.end_ms - cue.start_ms
    if duration <= 0:
        out.append((cue.line, Rule.DURATION, f"ends at {_clock(cue.end_ms)}, not after it starts "
                                             f"({_clock(cue.start_ms)}): it is never shown"))
    shown = [(n, s) for n, s in zip(cue.line_numbers, cue.shown, strict=True)]
    if not any(s for _, s in shown):
        out.append((cue.line, Rule.EMPTY, "the cue has no text: nothing is shown, and some players "
                                          "misread what follows"))
        return out
    while shown and not shown[-1][1]:
        shown.pop()  # empty lines at the end of a cue: reported as blank lines, never shown
    for number, text in shown:
        if len(text) > profile.max_chars:
            out.append((number, Rule.LINE_LENGTH, f"{len(text)} characters on the line; {name} allows "
                                                  f"{profile.max_chars}"))
    if len(shown) > profile.max_lines:
        out.append((shown[0][0], Rule.LINES, f"{len(shown)} lines in the cue; {name} allows {profile.max_lines}"))
    if duration > 0:
        chars = sum(len(text) for _, text in shown)
        needed = round(chars * 1000 / profile.max_cps)
        if duration < needed:
            out.append((cue.line, Rule.READING_SPEED,
                        f"{chars * 1000 / duration:.1f} characters a second ({chars} in {_seconds(duration)}); "
                        f"{name} allows {profile.max_cps:g}, so {_seconds(needed)} on screen"))
        if duration < profile.min_duration_ms:
            out.append((cue.line, Rule.MIN_DURATION, f"on screen {_seconds(duration)}; {name} asks for at least "
                                                     f"{_seconds(profile.min_duration_ms)}"))
        if duration > profile.max_duration_ms:
            out.append((cue.line, Rule.MAX_DURATION, f"on screen {_seconds(duration)}; {name} allows at most "
                                                     f"{_seconds(profile.max_duration_ms)}"))
    for (_, upper), (number, lower) in itertools.pairwise(shown):
        if lower and len(upper) > TOP_HEAVY_RATIO * len(lower):
            out.append((number - 1, Rule.TOP_HEAVY, f"top line of {len(upper)} characters over one of {len(lower)}; "
                                                    "break it so the lower line is the longer"))
    return out


def _pair_rules(before: CaptionCue, cue: CaptionCue, profile: Profile) -> list[tuple[Rule, str]]:
    """Rules between a cue and the one before it in the file."""
    if cue.start_ms < before.start_ms:
        return [(Rule.ORDER, f"starts at {_clock(cue.start_ms)}, before the cue above "
                             f"({_clock(before.start_ms)}, line {before.line}); players show cues in time order")]
    gap = cue.start_ms - before.end_ms
    if gap < 0:
        return [(Rule.OVERLAP, f"starts at {_clock(cue.start_ms)} while the cue above (line {before.line}) is on "
                               f"screen until {_clock(before.end_ms)}: both show at once")]
    if gap < profile.min_gap_ms:
        return [(Rule.GAP, f"{gap} ms after the cue above: under 2 frames the eye sees a flicker; leave "
                           f"{profile.min_gap_ms} ms or more")]
    return []


# The tags WebVTT cue text may hold: <c>, <i>, <b>, <u>, <ruby>, <rt>, <v>, <lang> (with classes
# and annotations) and their end tags, and <00:01:02.500> timestamps.
_TAG = re.compile(r"</?(?:c|i|b|u|ruby|rt|v|lang)(?:\.[^\s>]*)?(?:[ \t][^>]*)?>|<(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}>")
_REFERENCE = re.compile(r"&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def _escapes(cue: CaptionCue) -> list[tuple[int, str]]:
    """WebVTT text with a ``<`` that opens no tag or an ``&`` that starts no character reference."""
    out = []
    for number, line in zip(cue.line_numbers, cue.lines, strict=True):
        bare = _TAG.sub("", line)
        if "<" in bare:
            out.append((number, "'<' that opens no tag: a browser hides the text after it; write &lt;"))
        refs = [m for m in _REFERENCE.finditer(bare) if m.group(1).startswith("#") or m.group(1) in _NAMED]
        if bare.count("&") > len(refs):
            out.append((number, "'&' that starts no character reference: not valid WebVTT, and "
                                "browsers may turn the text after it into another character; write &amp;"))
    return out


_NAMED = frozenset(name for name in html.entities.html5 if name.endswith(";"))


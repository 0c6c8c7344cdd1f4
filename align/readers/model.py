"""What every reader produces: a transcript of turns, paragraphs and tokens, as written."""

from __future__ import annotations

from dataclasses import dataclass, field

from align.errors import Diagnostic


@dataclass(frozen=True, slots=True)
class Token:
    """A word as it will appear in captions.

    ``anchor_ms`` is set where the transcript states the time of this token
    (an inline stamp, or a marker without a speaker label), with the
    stamp's precision in ``anchor_precision_ms``. ``until_ms`` is set where it
    states when the token ends (the last word of a caption cue: the cue's end).
    ``note`` marks bracketed annotations such as ``[inaudible]`` that are shown
    but not spoken words. ``opens_cue`` marks the first word of a caption in the
    caption file the transcript was read from: a cue that still fits begins there again.
    """

    text: str
    anchor_ms: int | None = None
    anchor_precision_ms: int = 1000
    note: bool = False
    until_ms: int | None = None
    opens_cue: bool = False

    def __post_init__(self) -> None:
        if not self.text or any(c.isspace() for c in self.text):
            raise ValueError(f"a token is one non-empty word: {self.text!r}")


@dataclass(frozen=True, slots=True)
class Paragraph:
    line: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class RawTurn:
    """A turn as written: label, marker (None when absent or unusable), paragraphs."""

    label: str
    line: int
    marker_ms: int | None
    marker_precision_ms: int
    paragraphs: tuple[Paragraph, ...]

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(t for p in self.paragraphs for t in p.tokens)


@dataclass(frozen=True, slots=True)
class Transcript:
    """A file read by ``reader``: its turns, what was odd about it, the lines left out."""

    path: str
    encoding: str
    turns: tuple[RawTurn, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    dropped_lines: tuple[int, ...] = field(default=())
    reader: str = ""

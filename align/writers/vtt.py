"""WebVTT, written with webvtt-py: every cue names its voice (``<v Connor Leahy>``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import webvtt

from align import timecode
from align.model import Cue
from align.writers.lines import escape_vtt, safe_line
from align.writers.registry import Writer

if TYPE_CHECKING:
    from align.pipeline import Captions


def render(captions: Captions) -> str:
    return render_cues(captions.cues)


def render_cues(cues: Sequence[Cue]) -> str:
    """The WebVTT file of ``cues``, each naming its speaker's voice."""
    out = []
    for cue in cues:
        text = "\n".join(escape_vtt(safe_line(line)) for line in cue.lines)
        out.append(
            webvtt.Caption(
                timecode.caption(cue.start_ms), timecode.caption(cue.end_ms), f"<v {voice(cue.speaker.name)}>{text}"
            )
        )
    return str(webvtt.WebVTT(captions=out).content)


def voice(name: str) -> str:
    """A speaker's name as a WebVTT voice: one line, markup escaped, never empty."""
    return escape_vtt(" ".join(name.split())) or "?"


WRITER = Writer("vtt", ".vtt", "WebVTT captions; speakers as voices", render)

"""WebVTT, written with webvtt-py: every cue names its voice (``<v Connor Leahy>``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import webvtt

from align import timecode
from align.model import Cue
from align.writers.lines import escape_vtt
from align.writers.registry import Writer

if TYPE_CHECKING:
    from align.pipeline import Captions


def render(captions: Captions) -> str:
    return render_cues(captions.cues)


def render_cues(cues: Sequence[Cue]) -> str:
    """The WebVTT file of ``cues``, each naming its speaker's voice."""
    out = []
    for cue in cues:
        # Escaping '>' is enough to keep '-->' from ending the cue: the words stay as written.
        text = "\n".join(escape_vtt(line) for line in cue.lines)
        out.append(
            webvtt.Caption(
                timecode.caption(cue.start_ms), timecode.caption(cue.end_ms), f"<v {voice(cue.speaker.name)}>{text}"
            )
        )
    return str(webvtt.WebVTT(captions=out).content)


def voice(name: str) -> str:
    """A speaker's name as a WebVTT voice: one line, markup escaped, never empty, and never
    ending in '--' (with the '>' that closes the tag it would make '-->', which ends a cue):
    the last dash is then a character reference, which the voice reads back as a dash."""
    escaped = escape_vtt(" ".join(name.split())) or "?"
    return escaped[:-1] + "&#45;" if escaped.endswith("--") else escaped


WRITER = Writer("vtt", ".vtt", "WebVTT captions; speakers as voices", render)

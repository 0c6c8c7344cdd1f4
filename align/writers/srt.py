"""SubRip (SRT), written with pysrt: numbered cues, speaker labels on the first line."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pysrt

from align.model import Cue
from align.writers.lines import safe_line
from align.writers.registry import Writer

if TYPE_CHECKING:
    from align.pipeline import Captions


def render(captions: Captions) -> str:
    return render_cues(captions.cues)


def render_cues(cues: Sequence[Cue]) -> str:
    """The SRT file of ``cues``: numbered from 1, each label before its first line."""
    items = []
    for number, cue in enumerate(cues, start=1):
        lines = list(cue.lines)
        if cue.label:
            lines[0] = f"{cue.label} {lines[0]}"
        items.append(
            pysrt.SubRipItem(
                number,
                pysrt.SubRipTime.from_ordinal(int(cue.start_ms)),
                pysrt.SubRipTime.from_ordinal(int(cue.end_ms)),
                "\n".join(safe_line(line) for line in lines),
            )
        )
    buffer = io.StringIO()
    pysrt.SubRipFile(items=items).write_into(buffer, eol="\n")
    return buffer.getvalue()


WRITER = Writer("srt", ".srt", "SubRip captions; speakers labelled on the first line", render)

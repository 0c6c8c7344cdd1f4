"""A readable transcript: a paragraph a turn's paragraph, each turn opened by its time and speaker.

It is written in the ``[HH:MM:SS] Name: text`` dialect align reads, with the times
where the words are (refined against the recording when there was one), so it is
also the transcript re-timed.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from align import timecode
from align.writers.registry import Writer

if TYPE_CHECKING:
    from align.pipeline import Captions


def render(captions: Captions) -> str:
    blocks = []
    for turn in captions.turns:
        if not turn.words:
            continue
        bounds = (*turn.paragraph_starts, len(turn.words))
        paragraphs = [" ".join(w.text for w in turn.words[a:b]) for a, b in itertools.pairwise(bounds) if b > a]
        blocks.append(f"[{timecode.clock(turn.start_ms)}] {turn.speaker.name}: {paragraphs[0]}")
        blocks.extend(paragraphs[1:])
    return "\n\n".join(blocks) + "\n"


WRITER = Writer("txt", ".txt", "a readable transcript, [HH:MM:SS] Name: text, a paragraph a paragraph", render)

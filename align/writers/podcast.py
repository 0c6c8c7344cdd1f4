"""The Podcasting 2.0 JSON transcript (``podcast:transcript`` type ``application/json``).

``{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime", "body"}, ...]}``
with times in seconds, as podcast apps read it. align knows when every word is said,
so each segment is one word, the finest the format allows (players highlight word by
word); the last word of each paragraph ends in a newline, as the format's examples do.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from align.writers.registry import Writer

if TYPE_CHECKING:
    from align.pipeline import Captions

VERSION = "1.0.0"


def document(captions: Captions) -> dict[str, Any]:
    segments = []
    for turn in captions.turns:
        ends = {k - 1 for k in turn.paragraph_starts[1:]} | {len(turn.words) - 1}
        for k, word in enumerate(turn.words):
            segments.append({
                "speaker": turn.speaker.name,
                "startTime": round(word.start_ms / 1000, 3),
                "endTime": round(max(word.end_ms, word.start_ms + 1) / 1000, 3),
                "body": word.text + ("\n" if k in ends else ""),
            })
    return {"version": VERSION, "segments": segments}


def render(captions: Captions) -> str:
    return json.dumps(document(captions), ensure_ascii=False, indent=1) + "\n"


WRITER = Writer("podcast", ".podcast.json",
                "Podcasting 2.0 JSON transcript: a segment a word, with speaker and times", render)

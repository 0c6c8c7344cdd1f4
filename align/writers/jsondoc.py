"""align's own JSON: speakers, the fitted rate, every turn's word times, the cues, warnings."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from align.errors import shown
from align.writers.registry import Writer

if TYPE_CHECKING:
    from align.pipeline import Captions


def document(captions: Captions) -> dict[str, Any]:
    """The JSON form as a dict."""
    timed = captions.timed
    rate = timed.rate
    return {
        "source": shown(timed.source),
        "profile": captions.profile.name,
        "speakers": [{"key": s.key, "name": s.name} for s in timed.speakers],
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
            for t in timed.turns
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
        "warnings": [str(d) for d in timed.diagnostics],
    }


def render(captions: Captions) -> str:
    return json.dumps(document(captions), ensure_ascii=False, indent=1) + "\n"


WRITER = Writer("json", ".json", "align's JSON: turns with word times, cues and warnings", render)

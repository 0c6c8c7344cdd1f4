"""align.writers.jsondoc: align's own JSON, with every word's time, the cues and the warnings."""

from __future__ import annotations

import json

from align.pipeline import make_captions
from align.writers import jsondoc
from tests.support import SAMPLE


def test_the_document_holds_turns_words_cues_and_warnings() -> None:
    captions = make_captions(SAMPLE)
    text = jsondoc.render(captions)
    doc = json.loads(text)
    assert text.endswith("}\n") and "Tomás" in text  # UTF-8 as it is, not \\u escapes
    assert list(doc) == ["source", "profile", "speakers", "rate", "turns", "cues", "warnings"]
    assert doc["source"] == str(SAMPLE) and doc["profile"] == "netflix"
    assert doc["speakers"][:2] == [{"key": "MO", "name": "Maya Okafor"}, {"key": "TR", "name": "Tomás Reyes"}]
    assert doc["rate"]["fitted_on_spans"] == 13 and set(doc["rate"]["speakers"]) <= {"MO", "TR", "MA", "ANNOUNCER"}
    assert len(doc["turns"]) == len(captions.turns) and len(doc["cues"]) == len(captions.cues)
    first = captions.turns[0]
    assert doc["turns"][0]["words"][0] == [first.words[0].text, first.words[0].start_ms, first.words[0].end_ms]
    assert doc["turns"][0] | {"words": []} == {
        "index": 0, "speaker": "MO", "line": first.line, "marker_ms": 0, "start_ms": first.start_ms,
        "end_ms": first.end_ms, "confidence": first.confidence, "aligned": False, "words": []}
    cue = captions.cues[-1]
    assert doc["cues"][-1] == {"start_ms": cue.start_ms, "end_ms": cue.end_ms, "speaker": cue.speaker.key,
                               "turn": cue.turn, "lines": list(cue.lines)}
    assert doc["warnings"] == [str(d) for d in captions.diagnostics] and len(doc["warnings"]) == 4

"""align.writers.podcast: the Podcasting 2.0 JSON transcript, a segment a word."""

from __future__ import annotations

import json
from pathlib import Path

from align.readers import read_transcript
from tests.support import SAMPLE, run_cli


def test_podcast_json_has_the_documented_fields(tmp_path: Path) -> None:
    code, _, _ = run_cli("captions", str(SAMPLE), "-o", str(tmp_path), "--format", "podcast,json", "--speaker", "MA=MO")
    assert code == 0
    doc = json.loads((tmp_path / "sample.podcast.json").read_text(encoding="utf-8"))
    ours = json.loads((tmp_path / "sample.json").read_text(encoding="utf-8"))
    assert set(doc) == {"version", "segments"} and doc["version"] == "1.0.0"
    segments = doc["segments"]
    assert all(set(s) == {"speaker", "startTime", "endTime", "body"} for s in segments)
    assert all(isinstance(s["startTime"], int | float) and s["endTime"] > s["startTime"] for s in segments)
    assert [s["startTime"] for s in segments] == sorted(s["startTime"] for s in segments)
    words = [w[0] for t in ours["turns"] for w in t["words"]]
    assert [s["body"].rstrip("\n") for s in segments] == words
    paragraphs = sum(len(t.paragraphs) for t in read_transcript(SAMPLE).turns)
    assert sum(s["body"].endswith("\n") for s in segments) == paragraphs
    assert {s["speaker"] for s in segments} == {"Maya Okafor", "Tomás Reyes", "Announcer"}

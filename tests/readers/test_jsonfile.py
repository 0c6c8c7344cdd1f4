"""align.readers.jsonfile: transcripts as JSON, from the Podcasting 2.0 format to align's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.readers import NotATranscriptError, Transcript, read_transcript

from .support import DATA, read, turns


def _timed(t: Transcript) -> list[tuple[str, int | None, int | None]]:
    return [(w.text, w.anchor_ms, w.until_ms) for x in t.turns for w in x.tokens]


def test_podcasting_20_words_and_phrases() -> None:
    t = read("podcasting20.json")
    assert t.reader == "json"
    assert turns(t) == [("Darth Vader", 500, "I am your father."), ("Luke", 2_750, "Nooooo"),
                        ("Darth Vader", 4_000, "Search your feelings, you know it to be true.")]
    assert _timed(t)[:4] == [("I", None, 750), ("am", 1_000, 1_250), ("your", 1_500, 2_000),
                             ("father.", 2_250, 2_500)]
    assert t.turns[2].tokens[-1].until_ms == 6_500


def test_whisper_segments_with_and_without_word_times() -> None:
    t = read("whisper.json")
    assert turns(t) == [("Unknown", 0, "Hello there. General Kenobi."), ("Unknown", 6_200, "You are a bold one.")]
    assert _timed(t)[:4] == [("Hello", None, 620), ("there.", 700, 1_500), ("General", 2_000, None),
                             ("Kenobi.", None, 3_400)]


def test_speakers_of_whisperx_assemblyai_deepgram_and_rev() -> None:
    assert [label for label, _, _ in turns(read("whisperx.json"))] == ["SPEAKER_00", "SPEAKER_01"]
    assert turns(read("assemblyai.json")) == [("Speaker A", 250, "Hello there."), ("Speaker B", 1_900, "Hi.")]
    assert turns(read("deepgram.json")) == [("Speaker 0", 80, "Hello there."), ("Speaker 1", 1_500, "Hi.")]
    assert turns(read("rev.json")) == [("Maya Okafor", 500, "Welcome back."), ("Speaker 1", 1_800, "Thanks!")]


def test_aligns_own_json_reads_back_every_word_time(tmp_path: Path) -> None:
    doc = {"speakers": [{"key": "MO", "name": "Maya Okafor"}],
           "turns": [{"index": 0, "speaker": "MO", "line": 3, "marker_ms": 0, "words": [["Hello", 500, 900],
                                                                                         ["there.", 950, 1400]]}],
           "cues": []}
    path = tmp_path / "episode.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    t = read_transcript(path)
    assert turns(t) == [("Maya Okafor", 500, "Hello there.")]
    assert _timed(t) == [("Hello", None, 900), ("there.", 950, 1_400)]


def test_json_of_another_kind_is_refused_with_what_it_holds() -> None:
    with pytest.raises(NotATranscriptError) as err:
        read_transcript(DATA / "package.json")
    assert str(err.value) == (f"{DATA / 'package.json'}: is JSON of another kind (an object with name, version, "
                              "dependencies), not a transcript; align reads bracketed, captions, json, segments, "
                              "otter, speaker-time, markdown, webpage, plain")

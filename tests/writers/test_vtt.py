"""align.writers.vtt: WebVTT with every cue's voice, markup escaped, read back by webvtt-py."""

from __future__ import annotations

from pathlib import Path

import webvtt

from align.model import Cue
from align.writers import vtt
from tests.writers.cases import cues_and_turns


def to_vtt(cues: list[Cue]) -> str:
    return vtt.render_cues(cues)


def test_vtt_escapes_and_names_voices(tmp_path: Path) -> None:
    cues, _ = cues_and_turns()
    text = to_vtt(cues)
    assert "<v Connor Leahy>Tom &amp; &lt;Jerry&gt;\n--&gt;\n" in text  # '-->' as written: '>' escaped
    assert "00:00:02.000 --> 00:00:03.333\n<v Stefano Maffulli>Yes." in text
    assert "\n\n\n" not in text
    path = tmp_path / "x.vtt"
    path.write_text(text, encoding="utf-8")
    read = webvtt.read(str(path))
    assert len(read.captions) == 3 and read.captions[2].start == "00:00:02.000"

"""What the fuzz harness found in the text path, each reduced to the smallest input that shows it."""

from __future__ import annotations

from align.cues import LabelMode
from align.pipeline import Captions, cut_captions
from align.readers import parse_transcript
from align.timing import time_transcript
from align.writers import vtt

from .captionfiles import read_vtt


def _captions(text: str, labels: LabelMode = LabelMode.INITIALS) -> Captions:
    return cut_captions(time_transcript(parse_transcript(text, path="t.txt")), labels=labels)


def test_webvtt_keeps_an_arrow_as_written() -> None:
    # '-->' was written '->' in WebVTT too, though escaping '>' already keeps it from ending the cue.
    out = vtt.render(_captions("[00:00:01] Ann Lee: We go --> there ---> now.\n"))
    assert "<v Ann Lee>We go --&gt; there ---&gt; now." in out
    assert [c.text for c in read_vtt(out)] == ["We go --> there ---> now."]

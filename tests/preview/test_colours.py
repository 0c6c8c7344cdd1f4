"""align.preview.colours: speaker colours readable as text on every background."""

from __future__ import annotations

from align.preview.colours import BACKGROUNDS, contrast, speaker_colours


def test_speaker_colours_are_distinct_and_readable_as_text() -> None:
    colours = speaker_colours(24)
    assert len(set(colours)) == 24
    assert all(contrast(c, bg) >= 4.5 for c in colours for bg in BACKGROUNDS)

"""One segment a line, as speech-to-text tools write them: ``[Speaker 1] [00:01] text``.

As Whisper-based tools with speaker detection write them
(``../shared/formats/whisper-speakers-oxide-on-code-review.md``)::

    [Speaker 1] [00:09] So, you know, really excited.
    [Speaker 2] [00:28] Are

Also read: ``[00:01:07] [Speaker 4] text``, ``[SPEAKER_00]: text`` (no stamp), the
lines Whisper prints, ``[00:00.000 --> 00:04.000]  text``, with or without a ``Name:``
after the range, and ``0:03 general kenobi`` as a video site's transcript is copied.
Every line is a turn: segments of one speaker in a row stay separate turns, each with
its own time.
"""

from __future__ import annotations

from align.readers import page
from align.readers.heads import Shape
from align.readers.model import Transcript
from align.readers.registry import Context, Reader

NAME = "segments"
LAYOUT = page.Layout({Shape.BRACKET_NAME_STAMP: 1.0, Shape.STAMP_RANGE: 1.0, Shape.BRACKET_NAME: 0.9,
                      Shape.STAMP_TEXT: 0.9},
                     anchors=False, footer=False)


def sniff(text: str) -> float:
    return page.sniff(text, LAYOUT)


def parse(text: str, ctx: Context) -> Transcript:
    return page.parse(text, ctx, LAYOUT, NAME)


READER = Reader(NAME, "a segment a line: [Speaker 1] [00:01:02] text, or [00:00.000 --> 00:04.000] text",
                "[Speaker 1] [00:09] So, you know, really excited.", sniff, parse)

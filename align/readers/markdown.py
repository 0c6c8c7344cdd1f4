"""Markdown transcripts with bold names: ``**Name:** text``.

As the Changelog publishes its shows (``../shared/formats/changelog-go-time-100.md``)::

    **Rob Pike:** \\[04:22\\] 45 minutes.

    **Robert Griesemer:** Okay, 45 minutes, and you were not particularly happy.

    \\[08:23\\] So we had worked together a lot with him as manager…

The name is bold, the colon inside or outside the bold; stamps (``\\[MM:SS\\]``,
``[HH:MM:SS]``, ``[100:08]``, ``[00:44:03:20]``) stand at the start or end of a paragraph,
inside it, or on a line of their own, and each anchors the word after it; a stamp just
after the name is the turn's. Also read: ``**Name (00:01):**``, ``**[00:00:40]** text`` and
``0:00:36.2 **Name** text``. Headings, images and lines of links are dropped and reported;
a turn with no words (``**Break:** \\[24:27\\]``) is reported and skipped.
"""

from __future__ import annotations

from align.readers import page
from align.readers.heads import Shape
from align.readers.model import Transcript
from align.readers.registry import Context, Reader

NAME = "markdown"
LAYOUT = page.Layout({
    Shape.BOLD_NAME_COLON: 1.0,
    Shape.BOLD_NAME_TEXT: 1.0,
    Shape.BOLD_STAMP: 1.0,
    Shape.BOLD_NAME_STAMP: 0.5,  # "**Name** [00:01:02] text" is the speaker-time layout's, and read here too
})


def sniff(text: str) -> float:
    return page.sniff(text, LAYOUT)


def parse(text: str, ctx: Context) -> Transcript:
    return page.parse(text, ctx, LAYOUT, NAME)


READER = Reader(NAME, "markdown with bold names: **Name:** text, stamps such as \\[04:22\\] anywhere",
                "**Rob Pike:** \\[04:22\\] 45 minutes.", sniff, parse)

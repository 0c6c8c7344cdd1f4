"""Transcripts copied or saved from a web page: the name alone on a line, then paragraphs.

::

    ### 00:12:36 - Why Go has no exceptions

    **Rob Pike**

    We wanted the errors to be values…

The name is bold or plain, alone on its line, and names a speaker only if it does so
more than once (or the front matter lists it): a short line that heads one paragraph
could be a section's title. Time stamps stand on chapter headings
(``### 00:12:36 - Title``) or on some paragraphs (``[00:12:36]`` at the start or end, or
on a line of its own), and each anchors the word after it. Menus, share buttons,
sponsor lists and headings around the transcript are dropped and reported.
"""

from __future__ import annotations

from align.readers import page
from align.readers.heads import Shape
from align.readers.model import Transcript
from align.readers.registry import Context, Reader

NAME = "webpage"
LAYOUT = page.Layout({Shape.BOLD_NAME_ALONE: 1.0, Shape.NAME_ALONE: 1.0}, before="page text before the transcript")


def sniff(text: str) -> float:
    return page.sniff(text, LAYOUT)


def parse(text: str, ctx: Context) -> Transcript:
    return page.parse(text, ctx, LAYOUT, NAME)


READER = Reader(NAME, "a web page's transcript: the name alone on a line, then paragraphs; stamps on headings",
                "**Rob Pike**\n\nWe wanted the errors to be values.", sniff, parse)

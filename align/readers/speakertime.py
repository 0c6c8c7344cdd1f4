"""A name with its time stamp beside it: ``Name: 00:00:00`` or ``Name (00:01):``, the words after.

As btctranscripts.com publishes them (``../shared/formats/btctranscripts-chaincode-nesting.md``),
YAML front matter first::

    Tim Ruffing: 00:00:00

    Just as a warning, don't do this at home.

and as Rev and others write them: ``Speaker 1 (00:01):`` with the words on the line or
below, ``Name [M:SS]: text``, ``Name: [M:SS] text``, ``Name - 00:01:02``, ``[Name] 00:01:02``,
``00:01:02 Name: text`` and ``**Name** [HH:MM:SS] text``. Front matter and headings are
dropped and reported; a stamp on a heading or a line of its own anchors the next word.
"""

from __future__ import annotations

from align.readers import page
from align.readers.heads import Shape
from align.readers.model import Transcript
from align.readers.registry import Context, Reader

NAME = "speaker-time"
LAYOUT = page.Layout({Shape.NAME_STAMP: 1.0, Shape.STAMP_NAME_COLON: 1.0, Shape.BOLD_NAME_STAMP: 1.0})


def sniff(text: str) -> float:
    return page.sniff(text, LAYOUT)


def parse(text: str, ctx: Context) -> Transcript:
    return page.parse(text, ctx, LAYOUT, NAME)


READER = Reader(NAME, "a name with its time beside it: Name: 00:00:00 or Name (00:01):, the words after",
                "Tim Ruffing: 00:00:00\n\nJust as a warning, don't do this at home.", sniff, parse)

"""Plain text: paragraphs, with or without ``Name:`` labels, with few time stamps or none.

::

    Interviewer: How did you get into clocks?

    Tomás Reyes: By accident, honestly.

A label (``Name:`` before the words, or alone on the line above them) names a speaker
when it heads more than one paragraph, or is the full name of a label that does; a
paragraph without one goes on in the voice before it. A file that names no one is
read a turn a paragraph, in an unnamed voice. Stamps on lines of their own or inside
the text are anchors. With no stamps at all the text is timed from 00:00:00 at the
default speaking rate, unless a recording times it.
"""

from __future__ import annotations

from align.readers import page
from align.readers.heads import Shape
from align.readers.model import Transcript
from align.readers.registry import Context, Reader

NAME = "plain"
LAYOUT = page.Layout({Shape.NAME_COLON: 1.0, Shape.NAME_COLON_ALONE: 1.0}, paragraph_turns=True)
FALLBACK = 0.02  # any text can be read as paragraphs of one voice: more than the bracketed reader's floor


def sniff(text: str) -> float:
    return max(page.sniff(text, LAYOUT), FALLBACK if text.strip() else 0.0)


def parse(text: str, ctx: Context) -> Transcript:
    return page.parse(text, ctx, LAYOUT, NAME)


READER = Reader(NAME, "plain text: paragraphs, with or without Name: labels", "Interviewer: How did it start?",
                sniff, parse)

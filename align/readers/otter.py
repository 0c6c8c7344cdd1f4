"""Otter.ai exports: ``Name  0:00`` on a line of its own, the words below.

As Otter writes them (``../shared/formats/otter-ladybug-62-security.md``)::

    Emma  0:37
    And I'm Emma. And we're debugging the tech industry.

    Unknown Speaker  2:57
    Just before lunch.

The name and the time are two spaces (or a tab) apart, the time ``M:SS`` or ``H:MM:SS``.
``Unknown Speaker`` and ``Speaker 1`` are names like any other. An export without
speaker names has the time alone on the line: each such paragraph is a turn of an
unnamed voice. The footer (``Transcribed by https://otter.ai``) is dropped and reported.
"""

from __future__ import annotations

from align.readers import page
from align.readers.heads import Shape
from align.readers.model import Transcript
from align.readers.registry import Context, Reader

NAME = "otter"
# Otter never brackets its times: "[00:00:01]" alone on a line belongs to another layout.
LAYOUT = page.Layout({Shape.NAME_SPACED_STAMP: 1.0, Shape.STAMP_ALONE: 0.9}, anchors=False,
                     bracketed_stamps=False)


def sniff(text: str) -> float:
    return page.sniff(text, LAYOUT)


def parse(text: str, ctx: Context) -> Transcript:
    return page.parse(text, ctx, LAYOUT, NAME)


READER = Reader(NAME, "Otter.ai exports: 'Name  0:00' on its own line, the words below",
                "Emma  0:37\nAnd I'm Emma.", sniff, parse)

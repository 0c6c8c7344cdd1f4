"""Cues the writer tests share: markup, a cue-ending arrow, two speakers."""

from __future__ import annotations

from align.model import Cue, Turn, Word
from tests.support import CL, SM


def cues_and_turns() -> tuple[list[Cue], list[Turn]]:
    """Three cues of three turns; the first holds ``&``, ``<Jerry>`` and ``-->``."""
    turns = [
        Turn(0, CL, 1, 0, (Word("Tom", 0, 100), Word("&", 100, 200), Word("<Jerry>", 200, 300), Word("-->", 300, 400))),
        Turn(1, CL, 3, 1000, (Word("More.", 1000, 1500),)),
        Turn(2, SM, 5, 2000, (Word("Yes.", 2000, 2500),)),
    ]
    cues = [
        Cue(0, 999, ("Tom & <Jerry>", "-->"), CL, 0, 0, 4),
        Cue(1000, 1900, ("More.",), CL, 1, 0, 1),
        Cue(2000, 3333, ("Yes.",), SM, 2, 0, 1),
    ]
    return cues, turns

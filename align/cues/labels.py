"""Speaker labels on captions: which cue names its speaker, and how.

WebVTT names every cue's voice (``<v Connor Leahy>``). SRT has no voices, so a label
goes at the start of a cue's first line; it is decided here, before cutting, because
it takes room on that line and time to read.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from align.model import Turn


class LabelMode(enum.Enum):
    """How SRT names speakers (WebVTT always uses ``<v Full Name>``)."""

    NONE = "none"
    INITIALS = "initials"  # "CL: …" when the speaker changes
    NAMES = "names"  # "[Connor Leahy] …" when the speaker changes
    EVERY = "every"  # "[Connor Leahy] …" on every cue


def label_for(turn: Turn, first_word: int, changed: bool, mode: LabelMode) -> str:
    """The label a cue starting at ``first_word`` of ``turn`` carries ('' for none).

    ``changed`` says whether ``turn`` is spoken by someone else than the turn before.
    """
    if mode is LabelMode.NONE:
        return ""
    if mode is LabelMode.EVERY:
        return f"[{turn.speaker.name}]"
    if first_word != 0 or not changed:
        return ""
    return f"{turn.speaker.key}:" if mode is LabelMode.INITIALS else f"[{turn.speaker.name}]"


def speaker_changes(turns: Sequence[Turn]) -> set[int]:
    """Indices of the turns whose speaker differs from the turn spoken before."""
    changed: set[int] = set()
    previous = None
    for t in turns:
        if not t.words:
            continue
        if previous is None or t.speaker != previous:
            changed.add(t.index)
        previous = t.speaker
    return changed

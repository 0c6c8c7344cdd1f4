"""Cutting timed turns into captions: where cues and lines break, how long each stays.

    from align.cues import LabelMode, get_profile, make_cues
    cues = make_cues(timed.turns, get_profile("bbc"), LabelMode.INITIALS)

``profiles`` holds the caption styles (line length, reading speed, durations),
``linebreak`` prices each place a line or a cue may break, ``labels`` decides which
cue names its speaker, and ``cutter`` cuts each turn by dynamic programming and times
the cues.
"""

from __future__ import annotations

from align.cues.cutter import cut_turn, make_cues
from align.cues.labels import LabelMode, label_for, speaker_changes
from align.cues.linebreak import break_cost, layout
from align.cues.profiles import DEFAULT_PROFILE, PROFILES, Profile, UnknownProfileError, get_profile

__all__ = [
    "DEFAULT_PROFILE",
    "PROFILES",
    "LabelMode",
    "Profile",
    "UnknownProfileError",
    "break_cost",
    "cut_turn",
    "get_profile",
    "label_for",
    "layout",
    "make_cues",
    "speaker_changes",
]

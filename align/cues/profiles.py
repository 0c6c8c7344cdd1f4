"""Caption style profiles: how long lines are, how fast text may go by."""

from __future__ import annotations

from dataclasses import dataclass

from align.errors import AlignError


@dataclass(frozen=True, slots=True)
class Profile:
    """Limits for one caption style. Characters count letters, spaces and punctuation."""

    name: str
    description: str
    max_chars: int  # per line
    max_lines: int
    max_cps: float  # characters per second on screen
    min_duration_ms: int
    max_duration_ms: int
    min_gap_ms: int  # between two cues that are not chained
    chain_gap_ms: int  # a gap shorter than this is closed down to min_gap_ms

    def __post_init__(self) -> None:
        if self.max_chars < 1 or self.max_lines < 1 or self.max_cps <= 0:
            raise ValueError(f"profile {self.name!r}: lines of at least one character, at least one line, "
                             "and a reading speed above zero")
        if not 0 <= self.min_duration_ms <= self.max_duration_ms:
            raise ValueError(f"profile {self.name!r}: the shortest cue ({self.min_duration_ms} ms) must not be "
                             f"longer than the longest ({self.max_duration_ms} ms)")


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(
            "netflix",
            "Netflix English timed text: 42 characters a line, 2 lines, 20 characters a second, "
            "5/6 s to 7 s on screen, 2 frames between cues, gaps under 1/2 s closed to 2 frames",
            max_chars=42,
            max_lines=2,
            max_cps=20.0,
            min_duration_ms=834,
            max_duration_ms=7000,
            min_gap_ms=84,
            chain_gap_ms=500,
        ),
        Profile(
            "bbc",
            "BBC subtitle guidelines: 37 characters a line, 2 lines, about 160-180 words a minute "
            "(15 characters a second), at least 1.2 s and at most 7 s on screen",
            max_chars=37,
            max_lines=2,
            max_cps=15.0,
            min_duration_ms=1200,
            max_duration_ms=7000,
            min_gap_ms=84,
            chain_gap_ms=500,
        ),
        Profile(
            "dcmp",
            "DCMP Captioning Key (adult programmes): 32 characters a line, 2 lines, about 150-160 "
            "words a minute (13 characters a second), at least 1.5 s and at most 6 s on screen",
            max_chars=32,
            max_lines=2,
            max_cps=13.0,
            min_duration_ms=1500,
            max_duration_ms=6000,
            min_gap_ms=84,
            chain_gap_ms=500,
        ),
    )
}
DEFAULT_PROFILE = "netflix"


class UnknownProfileError(AlignError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"unknown profile '{name}'; choose one of {', '.join(PROFILES)}")


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name.lower()]
    except KeyError:
        raise UnknownProfileError(name) from None

"""align.cues.profiles: the caption styles and their limits."""

from __future__ import annotations

import pytest

from align.cues import DEFAULT_PROFILE, PROFILES, UnknownProfileError, get_profile


def test_the_profiles_and_their_limits() -> None:
    assert DEFAULT_PROFILE == "netflix" and list(PROFILES) == ["netflix", "bbc", "dcmp"]
    assert [(p.max_chars, p.max_lines, p.max_cps, p.min_duration_ms, p.max_duration_ms) for p in PROFILES.values()] \
        == [(42, 2, 20.0, 834, 7000), (37, 2, 15.0, 1200, 7000), (32, 2, 13.0, 1500, 6000)]
    for p in PROFILES.values():
        assert p.min_gap_ms == 84 and p.chain_gap_ms == 500  # two frames; gaps under 1/2 s closed
        assert p.description.split(":")[0] and str(p.max_chars) in p.description


def test_get_profile_any_case() -> None:
    assert get_profile("BBC") is PROFILES["bbc"]
    with pytest.raises(UnknownProfileError, match=r"^unknown profile 'itv'; choose one of netflix, bbc, dcmp$"):
        get_profile("itv")


def test_a_style_whose_shortest_cue_is_longer_than_its_longest_is_refused() -> None:
    from align.cues import Profile

    with pytest.raises(ValueError, match=r"shortest cue \(2099 ms\) must not be longer than the longest \(1699"):
        Profile("odd", "odd", 22, 1, 31.0, 2099, 1699, 11, 1000)
    with pytest.raises(ValueError, match="at least one line"):
        Profile("none", "none", 22, 0, 31.0, 800, 1699, 11, 1000)

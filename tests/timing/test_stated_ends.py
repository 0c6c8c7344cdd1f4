"""A word whose end the transcript states (a caption cue's last word) ends there."""

from __future__ import annotations

import itertools

from align.model import Speaker
from align.readers import Paragraph, RawTurn, Token
from align.timing import estimate_times

ANN = Speaker("Ann", "Ann")


def _turn(tokens: tuple[Token, ...], marker: int) -> RawTurn:
    return RawTurn("Ann", 1, marker, 0, (Paragraph(1, tokens),))


def test_the_stated_end_is_kept_and_words_before_it_fill_the_span() -> None:
    words = (Token("one"), Token("two"), Token("three.", until_ms=4_000),
             Token("four", anchor_ms=9_000, anchor_precision_ms=0), Token("five.", until_ms=9_800))
    timed, _ = estimate_times([_turn(words, 1_000)], {"Ann": ANN})
    got = [(w.text, w.start_ms, w.end_ms) for w in timed[0].words]
    assert got[0][1] == 1_000 and got[2][2] == 4_000
    assert got[3][1] == 9_000 and got[4][2] == 9_800
    assert all(a[2] <= b[1] for a, b in itertools.pairwise(got))


def test_without_a_stated_end_the_words_keep_their_own_pace() -> None:
    words = (Token("one"), Token("two"), Token("three."), Token("four", anchor_ms=9_000, anchor_precision_ms=0))
    timed, _ = estimate_times([_turn(words, 1_000)], {"Ann": ANN})
    assert timed[0].words[2].end_ms < 4_000  # three short words take well under eight seconds


def test_a_stated_end_past_the_next_anchor_stops_short_of_it() -> None:
    words = (Token("one", until_ms=5_000), Token("two", anchor_ms=3_000, anchor_precision_ms=0))
    timed, _ = estimate_times([_turn(words, 1_000)], {"Ann": ANN})
    assert timed[0].words[0].end_ms < timed[0].words[1].start_ms == 3_000

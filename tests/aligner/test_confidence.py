"""align.aligner.confidence: how far to trust one aligned turn."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.confidence import GOOD_SCORE, SHORT_CONFIDENCE, judge
from align.aligner.decoder import RATE
from align.aligner.energy import Activity
from align.aligner.walk import BAD_SCORE, SCORED_WORDS, TurnResult


def _result(found: int, total: int, per_frame: float, *, widened: bool = False, reason: str = "") -> TurnResult:
    times = tuple((1000 + 300 * k, 1250 + 300 * k) if k < found else None for k in range(total))
    return TurnResult(0, times, per_frame * 100, 100, widened, reason)


def test_a_full_good_fit_is_trusted_fully() -> None:
    verdict = judge(_result(10, 10, GOOD_SCORE + 1), 10, None)
    assert (verdict.ok, verdict.confidence, verdict.reason) == (True, 1.0, "")


def test_nothing_or_too_little_found_fails() -> None:
    nothing = judge(_result(0, 10, -3.0, reason="no alignment found"), 10, None)
    assert (nothing.ok, nothing.confidence, nothing.reason) == (False, 0.0, "no alignment found")
    assert judge(_result(0, 0, -3.0), 0, None).reason == "no word found"
    few = judge(_result(7, 10, -3.0, reason="lost the turn"), 10, None)
    assert (few.ok, few.reason) == (False, "only 70% of the words found (lost the turn)")


def test_a_long_turn_that_does_not_fit_the_audio_fails_and_a_short_one_is_only_doubted() -> None:
    bad = judge(_result(SCORED_WORDS, SCORED_WORDS, BAD_SCORE - 0.5), SCORED_WORDS, None)
    assert (bad.ok, bad.reason) == (False, f"text does not match the audio (score {BAD_SCORE - 0.5:.1f})")
    short = judge(_result(3, 3, BAD_SCORE - 0.5), 3, None)
    assert short.ok and short.confidence <= SHORT_CONFIDENCE and short.reason.startswith("weak fit (score ")


def test_each_doubt_lowers_the_confidence_and_is_named() -> None:
    full = judge(_result(10, 10, GOOD_SCORE), 10, None).confidence
    partly = judge(_result(9, 10, GOOD_SCORE, reason="ran out of audio"), 10, None)
    assert partly.confidence == pytest.approx(0.9 * full)
    assert partly.reason == "90% of the words found (ran out of audio)"
    wide = judge(_result(10, 10, GOOD_SCORE, widened=True), 10, None)
    assert wide.confidence == pytest.approx(0.9 * full) and wide.reason == "needed a wider search"


def test_speech_barely_above_the_noise_halves_the_confidence() -> None:
    rng = np.random.default_rng(3)
    noisy = rng.normal(0, 3000, 5 * RATE).astype(np.int16)  # as loud as anything said in it
    verdict = judge(_result(10, 10, GOOD_SCORE), 10, Activity.measure(noisy, RATE))
    assert verdict.ok and verdict.confidence == 0.5 and verdict.reason.startswith("low SNR (")

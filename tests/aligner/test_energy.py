"""align.aligner.energy: speech and pauses from frame levels, the onset rule."""

from __future__ import annotations

import numpy as np

from align.aligner.decoder import RATE
from align.aligner.energy import Activity, audible_starts, snr_db, speech_frames
from tests.support import Int16


def _bursts(noise: float) -> Int16:
    """1 s silence, 1 s tone, 1 s silence, 1 s tone, 0.5 s silence, plus noise."""
    rng = np.random.default_rng(1)
    t = np.arange(RATE) / RATE
    tone = 8000 * np.sin(2 * np.pi * 220 * t)
    quiet = np.zeros(RATE)
    sig = np.concatenate([quiet, tone, quiet, tone, quiet[: RATE // 2]])
    return (sig + rng.normal(0, noise, sig.size)).astype(np.int16)


def test_speech_frames_find_the_bursts() -> None:
    mask = speech_frames(_bursts(30), RATE)
    assert len(mask) == 450
    assert mask[110:190].all() and mask[310:390].all()
    assert not mask[10:90].any() and not mask[210:290].any() and not mask[410:].any()


def test_snr_is_high_for_clean_speech_and_low_for_noisy() -> None:
    assert snr_db(_bursts(30), RATE, 1000, 2000) > 30
    assert snr_db(_bursts(3000), RATE, 1000, 2000) < 10
    assert Activity.measure(_bursts(30), RATE).speech_share(1000, 2000) > 0.9


def test_a_word_starts_shortly_before_its_sound() -> None:
    speech = np.zeros(100, dtype=bool)
    speech[40:60] = True  # sound from 400 ms to 600 ms
    spans = [(150, 600), (700, 760), (420, 600), (380, 430)]
    moved = audible_starts(spans, speech, lead_ms=30)
    assert moved[0] == (370, 600)  # the pause it swallowed is given back, less the lead
    assert moved[1] == (700, 760)  # no sound inside it at all: left alone
    assert moved[2] == (420, 600)  # already audible at its start
    assert moved[3] == (380, 430)  # moving it would leave less than 60 ms of word
    assert audible_starts([(150, 600)], speech, lead_ms=0) == [(400, 600)]

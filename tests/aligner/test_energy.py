"""align.aligner.energy: speech and pauses from frame levels, the onset rule."""

from __future__ import annotations

import numpy as np

from align.aligner.decoder import RATE
from align.aligner.energy import Activity, across_pauses, audible_starts, snr_db, speech_frames
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


def test_a_word_on_the_end_of_the_word_before_a_pause_starts_after_the_pause() -> None:
    speech = np.zeros(300, dtype=bool)
    speech[50:103] = speech[130:200] = True  # "thing." ends at 1.03 s; "The" sounds from 1.3 s
    # "The" found from 1.0 s: 30 ms of the sound before, then a 270 ms pause, then its own
    assert audible_starts([(1000, 1450)], speech, lead_ms=30) == [(1270, 1450)]
    # a word whose own sound comes first and then a pause keeps its start
    speech2 = np.zeros(300, dtype=bool)
    speech2[100:115] = speech2[140:200] = True
    assert audible_starts([(1000, 1450)], speech2, lead_ms=30) == [(1000, 1450)]


def test_a_short_word_squeezed_before_a_pause_moves_across_it() -> None:
    speech = np.zeros(400, dtype=bool)
    speech[100:200] = speech[280:360] = True  # "developer" to 2.0 s, a pause, "As this" from 2.8 s
    spans = [(1000, 1990), (1990, 2080), (2950, 3600)]  # "as" put on the end of "developer"
    assert across_pauses(spans, speech, 30) == [(1000, 1990), (2770, 2950), (2950, 3600)]
    # when the next word starts where the sound does, nothing is uncovered: nothing moves
    assert across_pauses([(1000, 1990), (1990, 2080), (2790, 3600)], speech, 30)[1] == (1990, 2080)
    # nor does a word with room before it, or a long one
    assert across_pauses([(1000, 1900), (1990, 2080), (2950, 3600)], speech, 30)[1] == (1990, 2080)
    assert across_pauses([(1000, 1990), (1990, 2400), (2950, 3600)], speech, 30)[1] == (1990, 2400)

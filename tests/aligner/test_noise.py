"""align.aligner.noise and squeeze: clapping and breaths are not words, and are cut out of
what the decoder hears with times mapped back."""

from __future__ import annotations

import numpy as np

from align.aligner.decoder import RATE
from align.aligner.noise import voiced_starts
from align.aligner.squeeze import KEEP_FRAMES, Squeeze, squeeze


def test_noise_is_cut_out_of_what_the_decoder_hears_and_times_map_back() -> None:
    audio = np.arange(3 * RATE, dtype=np.int64).astype(np.int16)  # 3 s, every sample different
    noise = np.zeros(300, dtype=bool)
    noise[100:200] = True  # one second of clapping from 1 s on
    heard, cut = squeeze(audio, noise, RATE)
    kept_ms = KEEP_FRAMES * 10
    assert len(heard) == len(audio) - (1000 - 2 * kept_ms) * RATE // 1000
    assert cut.pieces == ((0, 0, 1000 + kept_ms), (2000 - kept_ms, 1000 + kept_ms, 1000 + kept_ms))
    for ms in (0, 500, 1000 + kept_ms - 1, 2000 - kept_ms, 2500, 2999):
        assert cut.full(cut.squeezed(ms)) == ms
        assert heard[cut.squeezed(ms) * RATE // 1000] == audio[ms * RATE // 1000]
    assert cut.squeezed(1500) == 1000 + kept_ms  # a time cut out lies where the cut is
    assert squeeze(audio, np.zeros(300, dtype=bool), RATE)[1] == Squeeze.whole(3000)


def test_a_word_stretched_back_over_clapping_starts_where_its_voicing_allows() -> None:
    voiced = np.zeros(300, dtype=bool)
    voiced[120:150] = voiced[160:200] = True  # "yes" voiced from 1.2 s, "so" from 1.6 s
    audible = np.zeros(300, dtype=bool)
    audible[115:150] = audible[150:200] = True  # heard from 1.15 s; "so"'s hiss from 1.5 s
    spans = [(300, 1500), (1500, 2000)]  # "yes" put on 0.9 s of clapping before it
    assert voiced_starts(spans, ["Y", "S"], voiced, audible, 30) == [(1140, 1500), (1500, 2000)]
    # a word with no voiced frame, 300 ms or longer, moves up to the next word's voicing
    assert voiced_starts([(300, 1100), (1300, 1500)], ["AE", "N"], voiced, audible, 30) == [
        (1140, 1300), (1300, 1500)]
    # nothing moves without a known first phone; over audible sound, not by 100 ms or less
    assert voiced_starts(spans, ["", "S"], voiced, audible, 30)[0] == (300, 1500)
    heard = np.ones(300, dtype=bool)
    assert voiced_starts([(1100, 1500)], ["Y"], voiced, heard, 30) == [(1100, 1500)]
    assert voiced_starts([(1100, 1500)], ["Y"], voiced, audible, 30) == [(1140, 1500)]  # over silence: moves


def test_a_word_found_late_inside_voicing_that_had_just_begun_starts_with_it() -> None:
    voiced = np.zeros(300, dtype=bool)
    voiced[100:140] = True  # voicing from 1.0 s, after a stretch without any
    audible = np.ones(300, dtype=bool)
    assert voiced_starts([(1080, 1400)], ["Y"], voiced, audible, 30) == [(980, 1400)]
    # not when the word before ends inside that voicing, nor when it began long before
    assert voiced_starts([(900, 1050), (1080, 1400)], ["N", "Y"], voiced, audible, 30)[1] == (1080, 1400)
    assert voiced_starts([(1300, 1400)], ["Y"], voiced, audible, 30) == [(1300, 1400)]
    hum = np.ones(300, dtype=bool)  # a periodic background: voicing without a beginning
    assert voiced_starts([(1080, 1400)], ["Y"], hum, audible, 30) == [(1080, 1400)]

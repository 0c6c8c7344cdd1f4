"""The aligner's pure parts: pronunciations, grammar, spans, speech/pause frames, walking."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import pronounce
from align.aligner.base import AlignedTurn, AlignRequest, fill_spans
from align.aligner.decoder import RATE, Hit, Path
from align.aligner.energy import Activity, audible_starts, snr_db, speech_frames
from align.aligner.grammar import Chain, base_word, is_filler
from align.aligner.tokens import TurnSpec, Vocabulary, pronunciations, tokens_of
from align.aligner.walk import WalkSettings, walk_job

# ---------------------------------------------------------------- pronunciations


def test_ipa_maps_to_model_phones() -> None:
    assert pronounce.ipa_to_arpabet("ɡˈɪt hˈʌb") == "G IH T HH AH B"
    assert pronounce.ipa_to_arpabet("m_ˈæ_f_ʊ_l_i") == "M AE F UH L IY"
    assert pronounce.ipa_to_arpabet("f_ˈoːɹ") == "F AO R"
    assert pronounce.ipa_to_arpabet("dʒ_ˌʊɹ_ɹ_ɪ_s") == "JH UH R IH S"  # r said once


def test_spelling_rules_give_model_phones() -> None:
    phones = pronounce.spelling_rules("Maffulli").split()
    assert phones[0] == "M" and set(phones) <= pronounce.PHONES
    assert pronounce.spelling_rules("!!") == "AH"


def test_without_espeak_words_are_guessed_from_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pronounce, "espeak_program", lambda: None)
    assert pronounce.guess(["Leahy"]) == {"Leahy": pronounce.spelling_rules("Leahy")}


@pytest.mark.espeak
def test_espeak_pronounces_unknown_words() -> None:
    if pronounce.espeak_program() is None:
        pytest.skip("espeak-ng is not installed")
    found = pronounce.guess(["Maffulli", "GitHub", "2019", "—"])
    assert found["Maffulli"].split()[:3] == ["M", "AE", "F"]
    assert found["GitHub"] == "G IH T HH AH B"
    assert "TH AW Z AH N D" in found["2019"]  # eSpeak NG says "two thousand nineteen"
    assert set(found["—"].split()) <= pronounce.PHONES  # nothing said: a guess, not a gap


def test_made_up_tokens_get_one_pronunciation_per_reading() -> None:
    vocab = Vocabulary()
    tokens, owners = tokens_of(["[laughs]", "AI", "coffee"], lambda w: w in {"ai", "coffee"}, vocab)
    assert owners == (1, 2) and tokens[1] == "coffee" and tokens[0].startswith("~")
    lookup = {"ai": "AY", "coffee": "K AA F IY"}.get
    assert pronunciations(vocab.readings[tokens[0]], lookup, {}) == ["EY AY", "AY"]


# ---------------------------------------------------------------- grammar


def test_chain_arcs_enter_in_the_tail_and_leave_in_the_head() -> None:
    chain = Chain(("so", "yes", "no", "then"), entries=(0, 1), exits=(3, 4), loose=(1,))
    arcs = chain.transitions()
    assert (0, 1, 1.0, "so") in arcs and (3, 4, 1.0, "then") in arcs
    assert (chain.start_state, 0, 1.0) in arcs and (chain.start_state, 1, 1.0) in arcs
    assert (3, chain.final_state, 1.0) in arcs
    assert any(a[:2] == (1, 1) and a[3] == "+noise+" for a in arcs if len(a) == 4)
    assert chain.locate(["yes", "no"]) == 1
    assert chain.locate(["so", "yes", "no", "then"]) == 0
    assert chain.locate(["no"]) is None  # would start outside the entries
    with pytest.raises(ValueError):
        Chain(("a",), entries=(), exits=(1,))


def test_decoder_word_names() -> None:
    assert base_word("the(2)") == "the" and base_word("(NULL)") == "(NULL)"
    assert base_word("~3(12)") == "~3"
    assert is_filler("<sil>") and is_filler("+noise+") and is_filler("(NULL)")
    assert not is_filler("~3") and not is_filler("coffee")


# ---------------------------------------------------------------- spans and results


def test_fill_spans_puts_unspoken_words_between_neighbours() -> None:
    words = ["hello", "[laughs]", "world", "again"]
    assert fill_spans(words, [(0, 400), None, (1000, 1500), None]) == (
        (0, 400), (400, 1000), (1000, 1500), (1500, 1500))
    assert fill_spans(words, [None] * 4) is None


@given(st.lists(st.booleans(), min_size=1, max_size=30), st.integers(1, 5000))
def test_fill_spans_keeps_order(timed: list[bool], step: int) -> None:
    words = ["w" * (i % 5 + 1) for i in range(len(timed))]
    spans = [(i * step, i * step + step // 2) if t else None for i, t in enumerate(timed)]
    filled = fill_spans(words, spans)
    if not any(timed):
        assert filled is None
        return
    assert filled is not None and len(filled) == len(words)
    for (a, b), (c, _) in itertools.pairwise(filled):
        assert a <= b <= c


def test_requests_and_results_check_themselves() -> None:
    with pytest.raises(ValueError):
        AlignRequest(0, ("a",), 500, 500)
    with pytest.raises(ValueError):
        AlignedTurn(0, ((0, 1), None), 0.5, True)
    with pytest.raises(ValueError):
        AlignedTurn(0, (None,), 1.5, False)


# ---------------------------------------------------------------- speech and pauses


def _bursts(noise: float) -> np.ndarray:
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


# ---------------------------------------------------------------- walking a turn


class FakeDecoder:
    """Reads "speech" in which every sample holds the number of the word being said."""

    frame_ms = 10.0

    def __init__(self, script: list[str]) -> None:
        self.script = script
        self.windows = 0

    def align(self, samples: np.ndarray, chain: Chain, before: np.ndarray | None = None) -> Path | None:
        self.windows += 1
        ms = samples[:: RATE // 1000]  # one value per millisecond
        runs = []  # (word number, first ms, last ms) of words wholly inside the window
        for change in np.flatnonzero(np.diff(ms, prepend=-1, append=-1)):
            if change < len(ms) and ms[change] > 0:
                end = change + int(np.argmax(ms[change:] != ms[change])) or len(ms)
                if change > 0 and end < len(ms):
                    runs.append((int(ms[change]) - 1, change, end - 1))
        for entry in chain.entries:
            first = next((r for r in runs if self.script[r[0]] == chain.words[entry]), None)
            if first is None:
                continue
            hits, pos = [], entry
            for number, begin, last in runs[runs.index(first):]:
                if pos >= len(chain.words) or self.script[number] != chain.words[pos]:
                    break
                hits.append(Hit(pos, begin // 10, last // 10, -300.0))
                pos += 1
            if hits and pos in chain.exits:
                return Path(tuple(hits), widened=False)
        return None


@settings(deadline=None, max_examples=40)
@given(st.integers(1, 150), st.integers(250, 520), st.integers(0, 400))
def test_a_turn_of_any_length_is_walked_to_its_end(n: int, pace: int, gap: int) -> None:
    words = tuple(f"w{i}" for i in range(n))
    head = ("h0", "h1", "h2", "h3", "h4", "h5")
    script = ["t0", "t1", *words, *head, *(f"x{i}" for i in range(60))]
    audio = np.zeros((500 + len(script) * (pace + gap) + 2000) * RATE // 1000, dtype=np.int16)
    for k in range(len(script)):
        at = (500 + k * (pace + gap)) * RATE // 1000
        audio[at : at + pace * RATE // 1000] = k + 1
    end = 500 + (n + 2 + 8) * (pace + gap)
    spec = TurnSpec(0, words, tuple(range(n)), ("t0", "t1"), head, 0, end, True)
    fake = FakeDecoder(script)
    (result,) = walk_job(fake, audio, [spec], WalkSettings())
    assert result.found == n, result.reason
    starts = [t[0] for t in result.times if t is not None]
    expected = [500 + (k + 2) * (pace + gap) for k in range(n)]
    assert all(abs(a - b) <= 10 for a, b in zip(starts, expected, strict=True))
    assert fake.windows <= 3 + 2 * (n // WalkSettings().chunk_words)


def test_walk_gives_up_without_a_path() -> None:
    class Nothing:
        frame_ms = 10.0

        def align(self, samples: np.ndarray, chain: Chain, before: np.ndarray | None = None) -> Path | None:
            return None

    spec = TurnSpec(3, ("a", "b"), (0, 1), (), (), 0, 5000, True)
    audio = np.zeros(5 * RATE, dtype=np.int16)
    (result,) = walk_job(Nothing(), audio, [spec])
    assert result.found == 0 and result.reason == "no alignment found"




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


# ---------------------------------------------------------------- noise cut out, voiced onsets


def test_noise_is_cut_out_of_what_the_decoder_hears_and_times_map_back() -> None:
    from align.aligner.squeeze import KEEP_FRAMES, Squeeze, squeeze

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
    from align.aligner.noise import voiced_starts

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
    from align.aligner.noise import voiced_starts

    voiced = np.zeros(300, dtype=bool)
    voiced[100:140] = True  # voicing from 1.0 s, after a stretch without any
    audible = np.ones(300, dtype=bool)
    assert voiced_starts([(1080, 1400)], ["Y"], voiced, audible, 30) == [(980, 1400)]
    # not when the word before ends inside that voicing, nor when it began long before
    assert voiced_starts([(900, 1050), (1080, 1400)], ["N", "Y"], voiced, audible, 30)[1] == (1080, 1400)
    assert voiced_starts([(1300, 1400)], ["Y"], voiced, audible, 30) == [(1300, 1400)]
    hum = np.ones(300, dtype=bool)  # a periodic background: voicing without a beginning
    assert voiced_starts([(1080, 1400)], ["Y"], hum, audible, 30) == [(1080, 1400)]


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
    from align.aligner.energy import across_pauses

    speech = np.zeros(400, dtype=bool)
    speech[100:200] = speech[280:360] = True  # "developer" to 2.0 s, a pause, "As this" from 2.8 s
    spans = [(1000, 1990), (1990, 2080), (2950, 3600)]  # "as" put on the end of "developer"
    assert across_pauses(spans, speech, 30) == [(1000, 1990), (2770, 2950), (2950, 3600)]
    # when the next word starts where the sound does, nothing is uncovered: nothing moves
    assert across_pauses([(1000, 1990), (1990, 2080), (2790, 3600)], speech, 30)[1] == (1990, 2080)
    # nor does a word with room before it, or a long one
    assert across_pauses([(1000, 1900), (1990, 2080), (2950, 3600)], speech, 30)[1] == (1990, 2080)
    assert across_pauses([(1000, 1990), (1990, 2400), (2950, 3600)], speech, 30)[1] == (1990, 2400)

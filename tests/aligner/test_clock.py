"""Mapping the transcript's clock onto the recording's, from speech and pauses alone."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner.clock import BIN_MS, ClockMap, Piece, map_clock, speech_envelope

Spans = list[list[tuple[int, int]]]


def _episode(seed: int, turns: int = 40) -> Spans:
    """Turns of words and pauses, as text-only timing would place them (ms)."""
    rng = np.random.default_rng(seed)
    out: Spans = []
    at = 1000
    for _ in range(turns):
        words = []
        for _ in range(int(rng.integers(3, 60))):
            length = int(rng.integers(150, 500))
            words.append((at, at + length))
            at += length + int(rng.choice([30, 60, 400, 900], p=[0.6, 0.2, 0.15, 0.05]))
        out.append(words)
        at += int(rng.integers(400, 2500))
    return out


def _heard(spans: Spans, offsets: list[int], seed: int, extra_ms: int = 5000,
           noise: float = 0.1) -> np.ndarray:
    """The speech flags (10 ms frames) of a recording where turn k is ``offsets[k]`` ms later,
    with a few stray sounds and speech that text-only timing did not predict exactly."""
    rng = np.random.default_rng(seed)
    end = max(w[1] + o for turn, o in zip(spans, offsets, strict=True) for w in turn) + extra_ms
    flags = np.zeros(end // 10 + 1, np.bool_)
    for turn, offset in zip(spans, offsets, strict=True):
        drift = 0.0
        for start, stop in turn:
            drift += rng.normal(0, 15)  # text-only timing wanders within a turn
            a, b = (start + offset + round(drift)) // 10, (stop + offset + round(drift)) // 10
            flags[max(0, a) : max(0, b)] = True
    flags ^= rng.random(flags.size) < noise
    return flags


def _map(spans: Spans, flags: np.ndarray) -> ClockMap:
    return map_clock(spans, speech_envelope(flags, 10))


@pytest.mark.parametrize("shift", [-60_000, -8000, 2500, 5200, 25_000, 60_000])
def test_a_constant_offset_is_found_to_within_half_a_second(shift: int) -> None:
    spans = _episode(1)
    flags = _heard(spans, [shift] * len(spans), 2, extra_ms=max(0, shift) + 5000)
    if shift < 0:  # the recording starts later than the transcript's clock: cut its head
        spans = [[(a - shift, b - shift) for a, b in t] for t in spans]
        flags = _heard(spans, [shift] * len(spans), 2)
    found = _map(spans, flags)
    assert len(found.pieces) == 1
    assert abs(found.pieces[0].offset_ms - shift) <= 500


@pytest.mark.parametrize("shift", [0, 700])
def test_markers_that_hold_are_kept(shift: int) -> None:
    spans = _episode(1)
    assert _map(spans, _heard(spans, [shift] * len(spans), 2)) == ClockMap.identity(len(spans))


@pytest.mark.parametrize(("at", "ad"), [(12, 90_000), (25, 120_000), (3, 30_000)])
def test_an_ad_inserted_starts_a_new_piece_at_its_turn(at: int, ad: int) -> None:
    spans = _episode(3)
    offsets = [0 if k < at else ad for k in range(len(spans))]
    found = _map(spans, _heard(spans, offsets, 4))
    assert [p.first for p in found.pieces] == [0, at]
    assert abs(found.pieces[0].offset_ms) <= 500 and abs(found.pieces[1].offset_ms - ad) <= 500
    assert found.offsets_ms[at - 1] == found.pieces[0].offset_ms
    assert found.offsets_ms[at] == found.pieces[1].offset_ms


def test_an_ad_cut_from_the_recording_starts_a_new_piece_after_its_turns() -> None:
    spans = _episode(12)
    gone = range(20, 23)  # the ad's turns: in the transcript, not in the recording
    cut = spans[gone.stop][0][0] - spans[gone.start][0][0]
    kept = [t for k, t in enumerate(spans) if k not in gone]
    flags = _heard(kept, [0 if k < gone.start else -cut for k in range(len(kept))], 13)
    found = _map(spans, flags)
    assert len(found.pieces) == 2 and gone.start <= found.pieces[1].first <= gone.stop
    assert abs(found.offsets_ms[gone.stop] + cut) <= 500 and abs(found.offsets_ms[0]) <= 500


def test_one_odd_turn_does_not_make_a_piece() -> None:
    spans = _episode(5)
    offsets = [0] * len(spans)
    offsets[17] = 40_000  # one turn's sound somewhere else entirely
    found = _map(spans, _heard(spans, offsets, 6))
    assert len(found.pieces) == 1 and abs(found.pieces[0].offset_ms) <= 500


def test_a_recording_without_the_pattern_keeps_the_markers() -> None:
    spans = _episode(7)
    rng = np.random.default_rng(8)
    flags = rng.random(len(_heard(spans, [0] * len(spans), 9)) ) < 0.6  # sound with no pauses that fit
    assert _map(spans, flags) == ClockMap.identity(len(spans))


def test_turns_without_words_take_the_piece_of_the_turn_before() -> None:
    spans = _episode(10, turns=30)
    spans[10] = []
    offsets = [0 if k < 20 else 80_000 for k in range(len(spans))]
    found = _map(spans, _heard(spans, offsets, 11))
    assert len(found.offsets_ms) == 30 and found.offsets_ms[10] == found.offsets_ms[9]
    assert [p.first for p in found.pieces] == [0, 20]


def test_nothing_to_go_on_is_the_identity() -> None:
    assert map_clock([[], []], np.zeros(100, np.float32)) == ClockMap.identity(2)
    assert map_clock([[(0, 500)]], np.zeros(0, np.float32)) == ClockMap.identity(1)


def test_a_map_is_pieces_in_turn_order() -> None:
    with pytest.raises(ValueError):
        ClockMap((Piece(3, 0),), 5)
    with pytest.raises(ValueError):
        ClockMap((Piece(0, 0), Piece(4, 100), Piece(2, 0)), 5)
    m = ClockMap((Piece(0, 100), Piece(3, -BIN_MS)), 5)
    assert m.offsets_ms == (100, 100, 100, -BIN_MS, -BIN_MS) and m.piece_of(4) == 1

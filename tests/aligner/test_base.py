"""align.aligner.base: requests, results and the spans of words not heard."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.aligner.base import AlignedTurn, AlignRequest, fill_spans


def test_fill_spans_puts_unspoken_words_between_neighbours() -> None:
    words = ["hello", "[laughs]", "world", "again"]
    assert fill_spans(words, [(0, 400), None, (1000, 1500), None]) == (
        (0, 400), (400, 1000), (1000, 1500), (1500, 1500))
    assert fill_spans(words, [None] * 4) is None


@given(st.lists(st.booleans(), min_size=1, max_size=30), st.integers(1, 5000))
def test_fill_spans_keeps_order(timed: list[bool], step: int) -> None:
    words = ["w" * (i % 5 + 1) for i in range(len(timed))]
    spans: list[tuple[int, int] | None] = [(i * step, i * step + step // 2) if t else None
                                           for i, t in enumerate(timed)]
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

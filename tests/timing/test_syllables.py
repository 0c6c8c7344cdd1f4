"""align.timing.syllables: how long a written word takes to say."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.timing.syllables import speech_units, syllables


@pytest.mark.parametrize(("word", "count"), [
    ("cat", 1), ("coffee,", 2), ("make", 1), ("released", 2), ("wanted", 2), ("little", 2),
    ("GPT", 3), ("AI", 2), ("WWW", 9), ("NASA", 4), ("UNESCO", 3),  # short capitals are spelled
    ("EleutherAI", 5), ("datastax.com", 5),  # Eleuther A I; data stax dot com
    ("0", 2), ("7", 2), ("20", 2), ("21", 3), ("100", 3), ("2020", 4), ("1999", 5), ("3000", 3),
    ("1,000,000", 3), ("2,000,000,000", 3), ("50%", 4), ("1234567890123", 15),  # digit by digit
    ("&", 2), ("@", 1), ("—", 0),
    ("[inaudible]", 0), ("[laughs].", 0),
])
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_speech_units_weigh_syllables_letters_and_the_word() -> None:
    assert speech_units("[laughs]") == 0.0
    assert speech_units("cat") == pytest.approx(1 + 0.8 * 3 + 0.35)
    assert speech_units("21") == pytest.approx(3 + 0.8 * 3 * 3 + 0.35)  # digits count as their words' letters


@given(st.text(min_size=1, max_size=20))
def test_any_word_has_a_count_and_units_that_agree(word: str) -> None:
    count, units = syllables(word), speech_units(word)
    assert count >= 0 and units >= 0
    assert (units == 0) == (count == 0)


@pytest.mark.parametrize("word", ["m²", "CO₂", "x³.", "①"])
def test_superscript_and_subscript_digits_are_timed_like_any_word(word: str) -> None:
    assert speech_units(word) > 0

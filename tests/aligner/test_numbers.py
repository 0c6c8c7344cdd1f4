"""align.aligner.numbers: numbers, years and ordinals as words."""

from __future__ import annotations

import pytest

from align.aligner.numbers import cardinal, number_readings, ordinal, year


def test_cardinals_and_years() -> None:
    assert cardinal(0) == ["zero"]
    assert cardinal(1234) == ["one", "thousand", "two", "hundred", "thirty", "four"]
    assert cardinal(2_000_005) == ["two", "million", "five"]
    assert year(1984) == ["nineteen", "eighty", "four"]
    assert year(2019) == ["twenty", "nineteen"]
    assert year(2005) == ["two", "thousand", "five"]
    assert year(1900) == ["nineteen", "hundred"]
    assert year(1905) == ["nineteen", "oh", "five"]
    assert ordinal(21) == ["twenty", "first"]
    assert ordinal(40) == ["fortieth"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("2019", "twenty nineteen"),
        ("1,000", "one thousand"),
        ("3.5", "three point five"),
        ("50%", "fifty percent"),
        ("$5", "five dollars"),
        ("1st", "first"),
        ("1990s", "nineteen nineties"),
        ("'90s", "nineties"),
        ("007", "zero zero seven"),
    ],
)
def test_number_readings(text: str, first: str) -> None:
    assert " ".join(number_readings(text)[0]) == first


def test_a_year_may_also_be_read_as_a_number() -> None:
    assert ["two", "thousand", "nineteen"] in number_readings("2019")
    assert number_readings("GPT") == []

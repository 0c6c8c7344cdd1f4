"""align.timecode.parse_stamp: stamps as transcripts write them, beyond parse's forms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.timecode import parse, parse_stamp


@pytest.mark.parametrize(("text", "expected"), [
    ("100:08", (6_008_000, 1000)),  # minutes past the hour, no hours field
    ("999:59", (59_999_000, 1000)),
    ("75:30", (4_530_000, 1000)),
    ("00:44:03:20", (2_643_000, 1000)),  # frames: known to the second
    ("00:44:03;20", (2_643_000, 1000)),
    ("100:08.5", (6_008_500, 1)),
])
def test_forms_beyond_parse(text: str, expected: tuple[int, int]) -> None:
    assert parse_stamp(text) == expected


@pytest.mark.parametrize("bad", ["100:60", "1000:00", "01:02:03:75", "00:61:00", "0:1:02", "abc", "", "1:2"])
def test_refused(bad: str) -> None:
    assert parse_stamp(bad) is None


@given(st.from_regex(r"\d{1,2}(:\d{2}){1,2}([.,]\d{1,3})?", fullmatch=True))
def test_every_form_parse_reads_is_read_the_same(text: str) -> None:
    assert parse_stamp(text) == parse(text)

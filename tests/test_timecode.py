"""align.timecode: times as text and text as times, in one place."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align import timecode
from align.timecode import parse as parse_time


def test_parse_time_forms() -> None:
    assert parse_time("00:13:36") == (816_000, 1000)
    assert parse_time("1:02:03") == (3_723_000, 1000)
    assert parse_time("13:36") == (816_000, 1000)
    assert parse_time("00:00:01.250") == (1250, 1)
    assert parse_time("00:00:01,5") == (1500, 1)
    for bad in ("00:61:00", "00:00:75", "1:2", "00:1:4O", "abc"):
        assert parse_time(bad) is None


@given(st.integers(min_value=0, max_value=100 * 3_600_000 - 1))
def test_every_time_reads_back_from_its_caption_form(ms: int) -> None:
    vtt, srt = timecode.caption(ms), timecode.caption(ms, ",")
    assert parse_time(vtt) == (ms, 1) == parse_time(srt)
    assert srt == vtt.replace(".", ",")


@given(st.integers(min_value=0, max_value=100 * 3_600_000 - 1))
def test_clock_floors_to_the_second_and_reads_back(ms: int) -> None:
    assert parse_time(timecode.clock(ms)) == (ms // 1000 * 1000, 1000)


@pytest.mark.parametrize(("ms", "clock", "dashed", "tenths", "caption", "seconds"), [
    (0, "00:00:00", "00-00-00", "00:00:00.0", "00:00:00.000", "0.000"),
    (999, "00:00:00", "00-00-00", "00:00:00.9", "00:00:00.999", "0.999"),
    (3_723_456, "01:02:03", "01-02-03", "01:02:03.4", "01:02:03.456", "3723.456"),
    (-5, "00:00:00", "00-00-00", "00:00:00.0", "00:00:00.000", "0.000"),  # never a negative time
    (100 * 3_600_000, "100:00:00", "100-00-00", "100:00:00.0", "100:00:00.000", "360000.000"),
])
def test_formats(ms: int, clock: str, dashed: str, tenths: str, caption: str, seconds: str) -> None:
    assert timecode.clock(ms) == clock
    assert timecode.clock(ms, "-") == dashed
    assert timecode.clock_tenths(ms) == tenths
    assert timecode.caption(ms) == caption
    assert timecode.caption(ms, ",") == caption.replace(".", ",")
    assert timecode.seconds(ms) == seconds


@pytest.mark.parametrize(("text", "expected"), [
    (" 00:13:36 ", (816_000, 1000)),
    ("99:59:59", (359_999_000, 1000)),
    ("0:00", (0, 1000)),
    ("00:00:01.5", (1500, 1)),
    ("00:00:01.05", (1050, 1)),
    ("59:59.999", (3_599_999, 1)),
])
def test_parse_edges(text: str, expected: tuple[int, int]) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("bad", ["", "1", "00:60", "0:1:02", "01:02:03:04", "00:00:01.1234", "00 :00", "-1:00"])
def test_parse_refuses(bad: str) -> None:
    assert parse_time(bad) is None


def test_the_stamp_pattern_is_what_parse_reads() -> None:
    assert re.fullmatch(timecode.STAMP, "00:13:36,250") and not re.fullmatch(timecode.STAMP, "13")

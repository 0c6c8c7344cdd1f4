"""align.timecode: times as text and text as times, in one place."""

from __future__ import annotations

from align.timecode import parse as parse_time


def test_parse_time_forms() -> None:
    assert parse_time("00:13:36") == (816_000, 1000)
    assert parse_time("1:02:03") == (3_723_000, 1000)
    assert parse_time("13:36") == (816_000, 1000)
    assert parse_time("00:00:01.250") == (1250, 1)
    assert parse_time("00:00:01,5") == (1500, 1)
    for bad in ("00:61:00", "00:00:75", "1:2", "00:1:4O", "abc"):
        assert parse_time(bad) is None

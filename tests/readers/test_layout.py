"""align.readers.layout: turns from classified lines, the same for every text reader."""

from __future__ import annotations

import pytest

from align.errors import InputError
from align.readers.layout import Dropped, Gap, Mark, Opening, Words, assemble
from align.readers.registry import Context

CTX = Context("t.txt")


def _view(items, strict: bool = False):  # type: ignore[no-untyped-def]
    t = assemble(items, Context("t.txt", strict=strict), "test")
    return t, [(x.label, x.marker_ms, [(w.text, w.anchor_ms) for w in x.tokens]) for x in t.turns]


def test_a_stamp_that_ends_a_paragraph_anchors_the_next_words() -> None:
    _, got = _view([Opening(1, "Ann", "00:00:01", "Hello there. [00:00:04]"), Gap(2), Words(3, "Still Ann."),
                    Opening(4, "Bob", None, "Hi. [00:00:09]"), Opening(5, "Ann", None, "Bye.")])
    assert got == [("Ann", 1000, [("Hello", None), ("there.", None), ("Still", 4000), ("Ann.", None)]),
                   ("Bob", None, [("Hi.", None)]),
                   ("Ann", 9000, [("Bye.", None)])]  # a stamp before a turn's first word is the turn's


def test_a_stamp_alone_anchors_and_a_mark_is_reported() -> None:
    t, got = _view([Opening(1, "Ann", None, "One."), Gap(2), Opening(3, None, "00:01:00"), Words(4, "Two."),
                    Gap(5), Mark(6, "00:02:00", "### 00:02:00 - Part two"), Words(7, "Three.")])
    assert got == [("Ann", None, [("One.", None), ("Two.", 60_000), ("Three.", 120_000)])]
    assert [str(d) for d in t.diagnostics] == [
        "t.txt:6: a chapter heading, its time kept, not captioned: “### 00:02:00 - Part two”"]
    assert t.dropped_lines == (6,)


def test_stamps_back_in_time_or_malformed_are_reported_or_raised() -> None:
    items = [Opening(1, "Ann", "00:00:05", "One."), Opening(2, "Bob", "00:00:03", "Two."),
             Opening(3, "Ann", "99:99", "Three.")]
    t, got = _view(items)
    assert [m for _, m, _ in got] == [5000, None, None]
    assert [str(d) for d in t.diagnostics] == [
        "t.txt:2: time stamp [00:00:03] goes back in time from [00:00:05] at line 1; timed from its neighbours "
        "(check the time)",
        "t.txt:3: malformed time stamp [99:99]; timed from its neighbours (write it as HH:MM:SS)"]
    with pytest.raises(InputError, match=r"^t.txt:2: time stamp \[00:00:03\] goes back in time"):
        _view(items, strict=True)


def test_text_before_the_first_name_is_dropped_unless_a_stamp_says_it_is_speech() -> None:
    t, got = _view([Words(1, "Episode 4"), Gap(2), Opening(3, "Ann", None, "Hi."), Opening(4, "Bob", None, "Yo.")])
    assert [label for label, _, _ in got] == ["Ann", "Bob"]
    assert str(t.diagnostics[0]) == "t.txt:1: text before the first turn not captioned: “Episode 4”"
    t, got = _view([Opening(1, None, "00:00:02"), Words(2, "Cold open."), Gap(3), Opening(4, "Ann", None, "Hi.")])
    assert got[0] == ("Unknown", 2000, [("Cold", None), ("open.", None)])
    assert "the turn here has no speaker label" in str(t.diagnostics[0])


def test_a_file_that_names_no_one_opens_a_turn_at_each_stamp() -> None:
    _, got = _view([Opening(1, None, "0:00", "One."), Opening(2, None, "0:04", "Two.")])
    assert got == [("Unknown", 0, [("One.", None)]), ("Unknown", 4000, [("Two.", None)])]


def test_page_text_after_the_last_turn_is_dropped_and_reported() -> None:
    t, got = _view([Opening(1, "Ann", None, "The end, thanks all."), Gap(2), Words(3, "Subscribe to our show"),
                    Gap(4), Words(5, "Some more words about other episodes that are long enough.")])
    assert got == [("Ann", None, [("The", None), ("end,", None), ("thanks", None), ("all.", None)])]
    assert t.dropped_lines == (3, 5)
    assert str(t.diagnostics[0]).startswith("t.txt:3: page text after the last turn (2 lines) not captioned: "
                                            "“Subscribe to our show”")


def test_a_turn_without_words_is_skipped_and_says_so() -> None:
    t, got = _view([Opening(1, "Ann", None, "Hi."), Opening(2, "Break", "00:24:27"), Opening(3, "Bob", None, "Back.")])
    assert [label for label, _, _ in got] == ["Ann", "Bob"]
    assert str(t.diagnostics[0]) == "t.txt:2: turn of 'Break' at [00:24:27] has no words; skipped"


def test_runs_of_dropped_lines_are_one_warning() -> None:
    t, _ = _view([Dropped(1, "- [Home](/)", "a link"), Dropped(2, "- [About](/a)", "a link"),
                  Opening(3, "Ann", None, "Hi.")])
    assert next(str(d) for d in t.diagnostics) == ("t.txt:1: a link (2 lines) not captioned: “- [Home](/)”, "
                                                   "“- [About](/a)”")

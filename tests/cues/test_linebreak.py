"""align.cues.linebreak: the price of each break, and lines set by it."""

from __future__ import annotations

import pytest

from align.cues import break_cost, layout


def test_rules() -> None:
    assert break_cost("possible.", "Then") == 0
    assert break_cost("coffee,", "the") < break_cost("the", "coffee")
    assert break_cost("get", "to") < break_cost("to", "get")  # before a preposition, not after
    assert break_cost("Connor", "Leahy") >= 40  # first and last name
    assert break_cost("von", "Neumann") >= 40
    assert break_cost("will", "resist") >= 20  # after an auxiliary
    assert break_cost("coffee", "and") < break_cost("and", "coffee")


def test_one_line_when_it_fits() -> None:
    assert layout("Thanks so much for having me.".split(), 42, 2) == (("Thanks so much for having me.",), 0.0)


def test_breaks_after_punctuation_and_is_bottom_heavy() -> None:
    lines, _ = layout("Welcome to Deep Dive AI, a podcast from the Open Source Initiative.".split(), 42, 2)  # type: ignore[misc]
    assert lines == ("Welcome to Deep Dive AI,", "a podcast from the Open Source Initiative.")
    lines, _ = layout("It will resist. It will actively fight me to get me coffee".split(), 42, 2)  # type: ignore[misc]
    assert lines[0] == "It will resist."


def test_never_splits_a_word_and_respects_reserve() -> None:
    long = "x" * 50
    assert layout([long], 42, 2) == ((long,), 50.0)
    assert layout("one two three".split(), 10, 1) is None
    lines, _ = layout("alpha beta gamma delta".split(), 20, 2, reserve=8)  # type: ignore[misc]
    assert len(lines[0]) + 8 <= 20


def test_three_lines_when_two_will_not_do() -> None:
    words = "one two three four five six seven eight nine ten eleven twelve".split()
    assert layout(words, 24, 2) is None
    found = layout(words, 24, 3)
    assert found is not None
    lines, cost = found
    assert len(lines) == 3 and all(len(line) <= 24 for line in lines)
    assert " ".join(lines) == " ".join(words) and cost > 0
    reserved = layout(words, 24, 3, reserve=4)
    assert reserved is not None and len(reserved[0][0]) + 4 <= 24
    assert layout(words, 24, 3, reserve=8) is None  # the rest no longer fits on two lines


def test_four_lines_cost_more_than_three() -> None:
    words = "a bb ccc dddd eeeee ffffff ggggggg".split()
    three = layout(words, 14, 3)
    four = layout(words, 14, 4)
    assert three is not None and four is not None
    assert three == four  # a fourth line is never chosen when three are enough


def test_no_words_no_layout() -> None:
    assert layout([], 42, 2) is None


@pytest.mark.parametrize(("left", "right", "cost"), [
    ("possible.", "—", 0.0),  # a sentence end wins over everything
    ("well", "—", 30.0), ("well", "–so", 30.0),  # no line starts with a dash
    ("the", "“Robot”", 40.0), ("“the”", "word", 6.0),  # an article that is quoted is a word
    ("Dr", "Okafor", 40.0), ("Ann", "Lee", 40.0), ("I", "Think", 12.0), ("von", "Neumann", 40.0),
    ("with", "me", 25.0), ("and", "so", 20.0), ("was", "it", 20.0), ("they", "said", 12.0),
    ("800", "gigabytes", 15.0), ("1,000", "people", 15.0),
    ("said", "that", 3.0), ("said", "and", 3.0), ("went", "to", 4.0), ("red", "car", 6.0),
])
def test_break_costs(left: str, right: str, cost: float) -> None:
    assert break_cost(left, right) == cost


@pytest.mark.parametrize("title", ["Dr.", "Mr.", "Mrs.", "Prof."])
def test_a_title_stays_with_the_name(title: str) -> None:
    assert break_cost(title, "Okafor") >= 40

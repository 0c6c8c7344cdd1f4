"""align.cues.linebreak: the price of each break, and lines set by it."""

from __future__ import annotations

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

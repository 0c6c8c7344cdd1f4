"""align.readers.plain: paragraphs, with Name: labels or none, few stamps or none."""

from __future__ import annotations

from .support import messages, parse, read, turns


def test_labels_that_recur_name_the_speakers() -> None:
    t = read("plain-labels.txt")
    assert t.reader == "plain"
    assert turns(t) == [
        ("Interviewer", None, "How did you get into clocks?"),
        ("Tomás Reyes", None, "By accident, honestly. My grandfather left me a mantel clock. A week later I opened "
                              "it again, and took photos of everything."),
        ("Interviewer", None, "What would you tell someone with an old clock in the attic?"),
        ("Tomás Reyes", None, "Don't wind it hard. Note: that goes for watches too."),
        ("Interviewer", None, "Thank you."),
    ]
    assert messages(t)[-1].endswith(": no time stamps; timed from 00:00:00 at the default speaking rate")


def test_no_names_a_turn_a_paragraph() -> None:
    t = read("plain.txt")
    assert [(label, marker) for label, marker, _ in turns(t)] == [("Unknown", None)] * 3
    assert messages(t)[-1].endswith(": no '[HH:MM:SS] Name:' markers or speaker labels; timed from 00:00:00 at the "
                                    "default speaking rate as one voice")


def test_stamps_on_lines_of_their_own_and_a_name_alone_with_a_colon() -> None:
    t = read("lumberjack.txt")
    assert turns(t) == [
        ("Speaker 1", 0, "Transcripts start with a time stamp for the start of the clip."),
        ("SPEAKER 2", 17_000, "When a new person starts speaking they are often named on a line of their own."),
        ("Speaker 1", 35_000, "But speakers can also be named in line, followed by a colon."),
        ("SPEAKER 2", 44_000, "There is a lot of flexibility in how the stamps are written."),
    ]
    assert not any("no speaker label" in m for m in messages(t))


def test_a_sentence_with_a_colon_is_no_label() -> None:
    t = parse("Ann: Hello.\n\nBob: Hi.\n\nAnn: So here is the plan: we fix it.\n\nBob: Fine.\n\nYesterday: rain.\n")
    assert [label for label, _, _ in turns(t)] == ["Ann", "Bob", "Ann", "Bob"]
    assert turns(t)[-1][2] == "Fine. Yesterday: rain."


def test_a_guest_named_once_by_full_name() -> None:
    t = parse("Ann: Hello.\n\nBob: Hi.\n\nAnn: Welcome.\n\nBob: Thanks.\n\nCarla Diaz: Hello from me too.\n")
    assert [label for label, _, _ in turns(t)] == ["Ann", "Bob", "Ann", "Bob", "Carla Diaz"]


def test_a_time_over_a_name_with_no_words_heads_the_same_speakers_words_below() -> None:
    t = parse("[00:00:05]\nAnn Lee:\n\nAnn Lee: Dr. Okafor has the patience.\n\nBo Chen: Yes.\n")
    assert turns(t)[0] == ("Ann Lee", 5_000, "Dr. Okafor has the patience.")
    assert any(":2: turn of 'Ann Lee' at [00:00:05] has no words; skipped" in m for m in messages(t))
    other = parse("[00:00:05]\nAnn Lee:\n\nBo Chen: Yes.\n\n[00:00:09]\nAnn Lee: Right.\n\nBo Chen: Good.\n")
    assert turns(other)[0] == ("Bo Chen", None, "Yes.")  # another speaker: when Ann stopped is not known

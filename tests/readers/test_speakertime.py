"""align.readers.speakertime: a name with its time stamp beside it."""

from __future__ import annotations

from .support import messages, parse, read, turns


def test_rev_names_with_times_in_parentheses_and_text_below() -> None:
    t = read("rev.txt")
    assert t.reader == "speaker-time"
    assert turns(t) == [
        ("Speaker 1", 0, "Good morning everyone. Thanks for joining today's team meeting. We have a lot to cover, "
                         "so let's get started."),
        ("Speaker 2", 12_000, "Before we begin, can I quickly ask about the status of the Johnson project?"),
        ("Speaker 1", 18_000, "Sure. We're on track. The development team finished the first phase last week. "
                              "And we're moving into testing now."),
        ("Speaker 3", 3_752_000, "I have a question about the testing schedule."),
    ]
    assert len(t.turns[2].paragraphs) == 2


def test_stamps_in_brackets_before_or_after_the_colon() -> None:
    t = read("rev-inline.txt")
    assert turns(t) == [("Jane Doe", 0, "Welcome to the show."), ("John Roe", 4000, "Thanks, Jane."),
                        ("Jane Doe", 7000, "Let's dive right in. What are you working on?"),
                        ("John Roe", 12_000, "A new kind of sundial, believe it or not.")]


def test_front_matter_headings_and_entities() -> None:
    t = read("btc.md")
    assert turns(t) == [
        ("Maya Okafor", 0, "Welcome to Field Notes. Today we're talking escapements."),
        ("Tomás Reyes", 9_000, "The escapement is the heart of the clock — it lets the gear train advance one tooth "
                               "at a time. Without it the weights would just fall."),
        ("Maya Okafor", 21_000, "And the pendulum sets the pace?"),
        ("Tomás Reyes", 24_000, "Exactly, it's the pendulum's length that decides the period."),
    ]
    found = [m.split(":", 1)[1] for m in messages(t)]
    assert found[0].startswith("1: front matter (10 lines) not captioned: “---”, “title: 'Clocks, Chimes &amp;")
    assert found[1:] == ["16: a heading not captioned: “## Escapements”"]
    assert t.dropped_lines == (*range(1, 11), 16)


def test_other_ways_to_set_a_time_beside_a_name() -> None:
    t = parse("Ann Lee - 00:00:01\nHello.\n\n[Bob Ray] 00:00:04\nHi.\n\n00:00:07 Ann Lee: Bye.\n\n"
              "**Bob Ray** [00:00:09] Bye now.\n")
    assert t.reader == "speaker-time"
    assert turns(t) == [("Ann Lee", 1000, "Hello."), ("Bob Ray", 4000, "Hi."), ("Ann Lee", 7000, "Bye."),
                        ("Bob Ray", 9000, "Bye now.")]


def test_a_stamp_on_a_heading_anchors_the_words_after_it() -> None:
    t = parse("Ann Lee: 00:00:00\n\nHello.\n\n## 00:01:30 Part two\n\nStill Ann here.\n\nBob Ray: 00:02:00\n\nHi.\n")
    assert [(x.label, len(x.paragraphs)) for x in t.turns] == [("Ann Lee", 2), ("Bob Ray", 1)]
    assert t.turns[0].paragraphs[1].tokens[0].anchor_ms == 90_000


def test_show_notes_before_a_bold_name_with_its_stamp() -> None:
    t = read("shownotes.md")
    assert t.reader == "speaker-time"
    assert [(label, marker) for label, marker, _ in turns(t)] == [
        ("Maya", 0), ("Tomás", 30_000), ("Maya", 33_000), ("Tomás", 40_000), ("Maya", 45_000), ("Tomás", 763_000),
        ("Maya", 767_000)]
    assert turns(t)[4][2] == 'At a guild meeting, honestly. Someone handed me a "broken" pocket watch and a loupe.'
    found = [m.split(":", 1)[1] for m in messages(t)]
    assert found[0].startswith("2: text before the first turn (3 lines) not captioned: “00:40 - How Maya")
    assert "21: page markup not captioned: “<div class=\"transcript\">”" in found
    assert not any("no speaker label" in m for m in found)

"""align.readers.markdown: **Name:** text, stamps wherever a markdown transcript writes them."""

from __future__ import annotations

from .support import anchors, messages, parse, read, turns


def test_bold_names_and_every_stamp_form() -> None:
    t = read("changelog.md")
    assert t.reader == "markdown"
    got = turns(t)
    assert [(label, marker) for label, marker, _ in got] == [
        ("Adam Stacoviak", None),
        ("Jerod Santo", None),
        ("Priya Natarajan", None),
        ("Adam Stacoviak", 72_000),  # \[01:12\] just after the name: the turn's own
        ("Priya Natarajan", None),
        ("Jerod Santo", 220_000),  # \[03:40\] ended the paragraph before: where the next words begin
        ("Adam Stacoviak", None),  # after the break, whose \[04:02\] anchors no words
        ("Priya Natarajan", 6_008_000),  # \[100:08\] on a line of its own: minutes past the hour
        ("Jerod Santo", 6_041_000),
        ("Priya Natarajan", 6_063_000),  # \[01:41:03:12\]: a frame count, read to the second
        ("Adam Stacoviak", None),
    ]
    assert got[2][2] == "[laughs] Mostly fixed them. Thanks for having me."
    assert got[4][2].startswith("Because people want loops.")
    assert "somebody wants a for loop over the list" in got[4][2]  # `for`: code marks are not words
    assert "then you have a language with no debugger." in got[4][2]  # a link's text, not its address
    assert "three ways to write an if statement." in got[4][2] and "[03:40]" not in got[4][2]
    assert got[8][2] == "Is that true for small projects too?"
    assert got[9][2] == "Less so. Small projects should keep it & simple."
    assert anchors(t) == []  # every stamp here opens a turn
    assert any(":15: turn of 'Break' at [00:04:02] has no words; skipped" in m for m in messages(t))


def test_stamp_before_bold_name_and_several_speakers_at_once() -> None:
    t = read("orbit.md")
    assert turns(t) == [
        ("Safia Abdalla", 2_100, "Hi, welcome to the Book Club podcast. I'm Safia."),
        ("Jen Luker", 5_800, "And I'm Jen."),
        ("Safia Abdalla", 7_300, "This week we're reading the second half of the book, the chapters on testing. "
                                 "It's the part I was most looking forward to."),
        ("Jen Luker & Safia Abdalla", 15_900, "(laughing)"),
        ("Jen Luker", 18_000, "I have so many notes on chapter nine."),
    ]
    assert [len(x.paragraphs) for x in t.turns] == [1, 1, 2, 1, 1]


def test_colon_outside_the_bold_and_a_stamp_inside_it() -> None:
    t = parse("**Ann Lee**: Hello there.\n\n**Bob Ray (00:00:04):** Hi.\n\n**Ann Lee:** Bye \\[00:00:09\\] now.\n")
    assert t.reader == "markdown"
    assert turns(t) == [("Ann Lee", None, "Hello there."), ("Bob Ray", 4000, "Hi."), ("Ann Lee", None, "Bye now.")]
    assert anchors(t) == [("now.", 9000)]


def test_headings_images_and_links_alone_are_dropped_and_reported() -> None:
    text = ("# Episode 100\n\n![cover](cover.png)\n\n**Ann Lee:** Hello.\n\n- [Show notes](https://x.y/notes)\n\n"
            "**Bob Ray:** Hi.\n\n**Ann Lee:** Bye.\n")
    t = parse(text)
    assert turns(t) == [("Ann Lee", None, "Hello."), ("Bob Ray", None, "Hi."), ("Ann Lee", None, "Bye.")]
    assert t.dropped_lines == (1, 3, 7)
    assert messages(t) == ["t.txt:1: a heading not captioned: “# Episode 100”",
                           "t.txt:3: an image not captioned: “![cover](cover.png)”",
                           "t.txt:7: a link not captioned: “- [Show notes](https://x.y/notes)”",
                           "t.txt: no time stamps; timed from 00:00:00 at the default speaking rate"]


def test_an_unintelligible_passage_with_its_time_in_hundredths() -> None:
    t = parse("**Mat Ryer:** Hi.\n\n**Pavel Strobl:** And \\[unintelligible 00:02:21.25\\] digging is my hobby.\n\n"
              "**Mat Ryer:** \\[laughs\\]\n")
    assert turns(t)[1] == ("Pavel Strobl", None, "And [unintelligible] digging is my hobby.")
    note = t.turns[1].tokens[1]
    assert (note.anchor_ms, note.anchor_precision_ms, note.note) == (141_250, 1, True)
    assert t.turns[2].tokens[0].note

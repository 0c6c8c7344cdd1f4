"""align.readers.webpage: a web page's transcript, with its menus, buttons and sponsors around it."""

from __future__ import annotations

from .support import anchors, messages, parse, read, turns


def test_a_markdown_page_with_chapter_stamps_menus_and_sponsors() -> None:
    t = read("webpage.md")
    assert t.reader == "webpage"
    assert turns(t) == [
        ("Maya Okafor", 0, "Welcome to Field Notes, a show about the people who keep old machines running. "
                           "Today I'm talking with Tomás Reyes, who restores mechanical clocks."),
        ("Tomás Reyes", None, "Thanks for having me, Maya."),
        ("Maya Okafor", 72_000, "How did you get into clocks?"),
        ("Tomás Reyes", None, "By accident, honestly. My grandfather left me a mantel clock. A week later I opened "
                              "it again, and took photos of everything."),
        ("Maya Okafor", None, "What should someone do with an old clock in the attic?"),
        ("Tomás Reyes", None, "Don't wind it hard, and find a local guild."),
    ]
    assert anchors(t) == [("A", 160_000)]
    found = [m.split(":", 1)[1] for m in messages(t)]
    assert found[0].startswith("1: a link (3 lines) not captioned: “- [Home](https://example.com/)”")
    assert "7: a button not captioned: “Share | Tweet | Email”" in found
    assert "11: a chapter heading, its time kept, not captioned: “### 00:00:00 - Introduction”" in found
    assert "43: a heading not captioned: “## Sponsors”" in found
    assert any(f.startswith("45: a link (2 lines) not captioned: “* [Brightwell Tools]") for f in found)
    assert any(f.startswith("48: page text after the last turn (2 lines) not captioned: “Subscribe to Field Notes”")
               for f in found)


def test_copied_page_text_with_plain_names_alone_on_a_line() -> None:
    t = read("webpage.txt")
    assert [(label, marker) for label, marker, _ in turns(t)] == [
        ("Maya Okafor", None), ("Tomás Reyes", None), ("Maya Okafor", 17_000), ("Tomás Reyes", None),
        ("Maya Okafor", None)]
    assert messages(t)[0].endswith(":1: page text before the transcript (4 lines) not captioned: “Field Notes”, "
                                   "“Episodes”, “About” and 1 more")


def test_a_title_alone_on_a_line_is_not_a_speaker() -> None:
    text = ("**Ann Lee**\n\nHello there, how are you?\n\n**Bob Ray**\n\nFine.\n\nThe Early Days\n\n"
            "We started in 1999.\n\n**Ann Lee**\n\nAnd then?\n\n**Bob Ray**\n\nThen it grew.\n")
    t = parse(text)
    assert t.reader == "webpage"
    assert turns(t)[1] == ("Bob Ray", None, "Fine. The Early Days We started in 1999.")


def test_names_alone_and_each_paragraph_stamped_in_parentheses() -> None:
    text = ("Lex Fridman\n\n(00:00:00) The following is a conversation with a clock maker.\n\n"
            "(00:00:09) This is the Lex Fridman podcast.\n\nTomás Reyes\n\n(00:00:15) Thanks for having me.\n\n"
            "Lex Fridman\n\n(00:00:20) So how did it start?\n\nTomás Reyes\n\n(00:00:24) By accident.\n")
    t = parse(text)
    assert t.reader == "webpage"
    assert turns(t) == [
        ("Lex Fridman", 0, "The following is a conversation with a clock maker. This is the Lex Fridman podcast."),
        ("Tomás Reyes", 15_000, "Thanks for having me."), ("Lex Fridman", 20_000, "So how did it start?"),
        ("Tomás Reyes", 24_000, "By accident.")]
    assert anchors(t) == [("This", 9_000)]

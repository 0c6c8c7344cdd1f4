"""align.readers.otter: 'Name  0:00' on its own line, the words below."""

from __future__ import annotations

from .support import messages, parse, read, turns


def test_names_times_past_the_hour_and_the_footer() -> None:
    t = read("otter.txt")
    assert t.reader == "otter"
    assert turns(t) == [
        ("Maya Okafor", 0, "Welcome to Field Notes. Today I'm talking with a clock restorer."),
        ("Tomás Reyes", 6_000, "Thanks for having me. It's a pleasure to be here."),
        ("Unknown Speaker", 11_000, "Sorry, is this thing on?"),
        ("Maya Okafor", 13_000, "It is. So how did you get into clocks?"),
        ("Tomás Reyes", 17_000, "By accident, honestly. My grandfather left me a mantel clock that hadn't ticked "
                                "in thirty years."),
        ("Maya Okafor", 3_598_000, "And we're nearly out of time."),
        ("Tomás Reyes", 3_604_000, "Then I'll be quick. Don't wind it hard, and take photos of everything."),
    ]
    assert t.dropped_lines == (22,)
    assert [m.split(":", 1)[1] for m in messages(t)] == [
        "22: page text after the last turn not captioned: “Transcribed by https://otter.ai”"]


def test_an_export_without_names_is_a_turn_a_paragraph() -> None:
    t = read("otter-nameless.txt")
    assert [(label, marker) for label, marker, _ in turns(t)] == [("Unknown", 0), ("Unknown", 15_000),
                                                                   ("Unknown", 21_000)]
    assert t.dropped_lines == (10,)


def test_a_tab_between_name_and_time_and_a_paragraph_break_inside_a_turn() -> None:
    t = parse("Ann Lee\t0:00\nHello there.\n\nStill me.\n\nBob Ray\t0:05\nHi.\n\nAnn Lee\t0:09\nBye.\n")
    assert t.reader == "otter"
    assert turns(t) == [("Ann Lee", 0, "Hello there. Still me."), ("Bob Ray", 5000, "Hi."), ("Ann Lee", 9000, "Bye.")]
    assert len(t.turns[0].paragraphs) == 2


def test_a_video_sites_transcript_stamps_alone_and_read_out() -> None:
    text = ("Transcript\nSearch in video\n0:00\nso today we are building a tiny house\n0:04\n4 seconds\n[Music]\n"
            "0:07\nand it has to be done\nin thirty days\n1:02:45\n1 hour, 2 minutes, 45 seconds\nthat is a wrap\n")
    t = parse(text)
    assert t.reader == "otter"
    assert turns(t) == [("Unknown", 0, "so today we are building a tiny house"), ("Unknown", 4000, "[Music]"),
                        ("Unknown", 7000, "and it has to be done in thirty days"),
                        ("Unknown", 3_765_000, "that is a wrap")]
    assert messages(t)[1:] == ["t.txt:6: a time written out not captioned: “4 seconds”",
                               "t.txt:12: a time written out not captioned: “1 hour, 2 minutes, 45 seconds”",
                               "t.txt:3: no speaker labels; captioned as one voice, 'Unknown'"]

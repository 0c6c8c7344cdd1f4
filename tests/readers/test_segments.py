"""align.readers.segments: a segment a line, with a bracketed speaker, a stamp, or both."""

from __future__ import annotations

from .support import messages, parse, read, turns


def test_numbered_speakers_a_turn_a_line() -> None:
    t = read("segments.txt")
    assert t.reader == "segments"
    assert turns(t) == [
        ("Speaker 1", 0, "Alright. Excellent. We're here. The app seems to be working."),
        ("Speaker 1", 9_000, "So, you know, really excited about this one."),
        ("Speaker 2", 28_000, "Are"),
        ("Speaker 1", 31_000, "we the last people to have done an in person code review?"),
        ("Speaker 3", 42_000, "I still do them, when a review is very large."),
        ("Speaker 1", 3_598_000, "Well, that's the hour."),
        ("Speaker 3", 3_602_000, "Thanks for having me."),
    ]


def test_whisper_prints_a_range_the_end_of_which_ends_the_words() -> None:
    t = read("whisper-print.txt")
    assert turns(t)[1] == ("Unknown", 4_200, "Ask what you can do for your country.")
    assert [(x.marker_ms, x.tokens[-1].until_ms) for x in t.turns] == [(0, 4_200), (4_200, 8_840), (9_500, 12_000)]
    assert t.turns[0].marker_precision_ms == 1


def test_speaker_tags_without_times() -> None:
    t = read("speaker-tags.txt")
    assert [label for label, _, _ in turns(t)] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_01"]
    assert messages(t)[-1].endswith("no time stamps; timed from 00:00:00 at the default speaking rate")


def test_stamp_first_then_speaker_and_a_copied_video_transcript() -> None:
    t = parse("[00:00:01] [Ann Lee] Hello.\n[00:00:04] [Bob Ray] Hi.\n")
    assert turns(t) == [("Ann Lee", 1000, "Hello."), ("Bob Ray", 4000, "Hi.")]
    t = parse("0:00 hello there\n0:03 general kenobi\n0:09 you are a bold one\n")
    assert t.reader == "segments"
    assert turns(t) == [("Unknown", 0, "hello there"), ("Unknown", 3000, "general kenobi"),
                        ("Unknown", 9000, "you are a bold one")]


def test_music_in_brackets_is_no_speaker() -> None:
    t = parse("[Speaker 1] [00:00] Hello.\n[Music]\n[Speaker 2] [00:05] Hi.\n")
    assert turns(t) == [("Speaker 1", 0, "Hello. [Music]"), ("Speaker 2", 5000, "Hi.")]

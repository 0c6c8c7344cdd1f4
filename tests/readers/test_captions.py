"""align.readers.captions: SRT and WebVTT files read as transcripts, every cue's time an anchor."""

from __future__ import annotations

from .support import messages, parse, read, turns


def test_zoom_names_every_cue_and_a_speaker_goes_on_over_cues() -> None:
    t = read("zoom.vtt")
    assert t.reader == "captions"
    assert turns(t) == [
        ("Maya Okafor", 3_870, "Hello everyone, and welcome to the monthly meeting. Tomás, do you want to start?"),
        ("Tomás Reyes", 12_900, "Sure. The clock tower repair is finished. We replaced the escapement: it keeps "
                                "time now."),
        ("Maya Okafor", 20_500, "Wonderful."),
    ]
    assert t.turns[0].marker_precision_ms == 0  # a cue's time is exact
    words = t.turns[0].tokens
    assert [(w.text, w.anchor_ms, w.until_ms) for w in words if w.anchor_ms is not None or w.until_ms] == [
        ("meeting.", None, 8_470), ("Tomás,", 9_120, None), ("start?", None, 12_000)]
    # 16.350 is two frames before the next cue: held up to it, so the words keep their own end.
    assert all(w.until_ms is None for w in t.turns[1].tokens[:-1])


def test_voices_named_where_they_change() -> None:
    t = read("voices.vtt")
    assert [(label, marker) for label, marker, _ in turns(t)] == [("John", 0), ("Tom", 5_000), ("John", 15_000)]
    assert turns(t)[1][2] == ("Yeah, absolutely. The new features are incredible. It's amazing how it's empowering "
                              "creators like never before.")
    assert turns(t)[2][2] == "Exactly, Tom. It's & revolutionizing the industry."


def test_rolling_auto_captions_are_read_a_line_once_with_their_word_times() -> None:
    t = read("youtube-auto.vtt")
    assert turns(t) == [("Unknown", 0, "hello everyone welcome to the show [Music] today we fix a clock")]
    got = [(w.text, w.anchor_ms) for w in t.turns[0].tokens if w.anchor_ms is not None]
    assert got == [("everyone", 480), ("welcome", 960), ("to", 2_360), ("the", 2_800), ("show", 3_100),
                   ("[Music]", 5_010), ("today", 8_010), ("we", 8_400), ("fix", 8_700), ("a", 9_100),
                   ("clock", 9_300)]
    found = messages(t)
    assert any("the cues roll" in m for m in found)
    assert any("a line of only spaces inside a cue" in m and "(and 3 more like it)" in m for m in found)


def test_double_chevrons_change_the_speaker_even_inside_a_cue() -> None:
    t = read("broadcast.srt")
    assert turns(t) == [
        ("Unknown", 1_000, "GOOD EVENING, AND WELCOME TO THE EVENING NEWS."),
        ("Unknown", 3_600, "THANK YOU. IT'S GOOD TO BE HERE. ESPECIALLY ON A NIGHT LIKE THIS."),
        ("Unknown", None, "INDEED."),
    ]


def test_srt_names_where_the_speaker_changes_and_a_guest_named_once() -> None:
    t = read("labels.srt")
    assert [(label, marker) for label, marker, _ in turns(t)] == [("Sarah", 0), ("Gillian", 19_080),
                                                                  ("Sarah", 26_000)]
    assert turns(t)[0][2].startswith("In today's episode, you'll learn whether or not you should have")
    # the pause before 19.080 ends the first turn's words at its cue's end
    assert t.turns[0].tokens[-1].until_ms == 11_610


def test_a_caption_file_under_another_name_is_still_captions() -> None:
    assert turns(read("srt-saved-as.txt")) == turns(read("labels.srt"))


def test_labels_that_do_not_recur_and_sounds_are_words() -> None:
    text = ("1\n00:00:01,000 --> 00:00:02,000\n[Music]\n\n2\n00:00:02,500 --> 00:00:04,000\nTomorrow: rain.\n\n"
            "3\n00:00:04,500 --> 00:00:06,000\n[Applause]\n")
    t = parse(text)
    assert t.reader == "captions"
    assert turns(t) == [("Unknown", 1_000, "[Music] Tomorrow: rain. [Applause]")]


def test_a_long_pause_ends_a_turn_when_no_one_is_named() -> None:
    text = ("00:00:01.000 --> 00:00:02.000\nOne.\n\n00:00:02.100 --> 00:00:03.000\nTwo.\n\n"
            "00:00:09.000 --> 00:00:10.000\nThree.\n")
    t = parse(text)
    assert turns(t) == [("Unknown", 1_000, "One. Two."), ("Unknown", 9_000, "Three.")]

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from align.captionfile import CaptionFormat, Syntax, parse_caption_text, read_caption_file
from align.cues import LabelMode, label_for
from align.errors import InputError
from align.model import Cue, Speaker, Turn, Word
from align.writers import srt, vtt

ANN = Speaker("AO", "Ann Oduya")
BEN = Speaker("BK", "Ben Kato")


def test_vtt_cues_keep_lines_voices_and_text() -> None:
    text = ("WEBVTT\n\nNOTE made by hand\n\nintro\n00:00:01.000 --> 00:00:02.500 line:0\n"
            "<v Ann Oduya>Tom &amp; <i>Jerry</i>\nagain.\n")
    f = parse_caption_text(text, CaptionFormat.VTT, "x.vtt")
    assert f.problems == ()
    (cue,) = f.cues
    assert (cue.line, cue.start_ms, cue.end_ms, cue.identifier, cue.voice) == (6, 1000, 2500, "intro", "Ann Oduya")
    assert cue.lines == ("<v Ann Oduya>Tom &amp; <i>Jerry</i>", "again.")
    assert cue.shown == ("Tom & Jerry", "again.") and cue.line_numbers == (7, 8)
    assert cue.text == "Tom & Jerry again."


def test_srt_labels_name_the_speaker_and_stay_out_of_the_text() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nAO: Hello there.\n\n2\n00:00:03,000 --> 00:00:04,000\n" \
           "[Ben Kato] <i>Hi.</i>\n\n3\n00:00:05,000 --> 00:00:06,000\n{\\an8}Still Ben.\n"
    f = parse_caption_text(text, CaptionFormat.SRT, "x.srt")
    assert f.problems == ()
    assert [(c.voice, c.label, c.text) for c in f.cues] == [
        ("AO", "AO:", "Hello there."), ("Ben Kato", "[Ben Kato]", "Hi."), (None, "", "Still Ben.")]
    assert f.cues[1].shown == ("[Ben Kato] Hi.",)


def test_an_empty_line_inside_a_cue_is_reported_and_its_text_kept() -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\nFirst line,\n\nsecond line.\n\n2\n00:00:04,000 --> 00:00:05,000\nNext.\n"
    f = parse_caption_text(text, CaptionFormat.SRT, "x.srt")
    assert [(p.line, p.kind) for p in f.problems] == [(4, Syntax.BLANK_LINE)]
    assert f.cues[0].shown == ("First line,", "second line.") and f.cues[0].line_numbers == (3, 5)
    assert len(f.cues) == 2 and str(f.diagnostics[0]).startswith("x.srt:4: an empty line inside a cue ends it")


def test_a_cue_without_an_empty_line_before_it_is_still_read() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nOne.\n2\n00:00:03,000 --> 00:00:04,000\nTwo.\n"
    f = parse_caption_text(text, CaptionFormat.SRT, "x.srt")
    assert [(p.line, p.kind) for p in f.problems] == [(4, Syntax.NO_BLANK)]
    assert [(c.line, c.text) for c in f.cues] == [(2, "One."), (5, "Two.")]


def test_unreadable_timings_drop_the_cue_and_say_where() -> None:
    srt = "1\n00:00:xx,000 --> 00:00:02,000\nLost.\n\n2\n0:00:03.5 --> 00:00:04,000\nLoose.\n"
    f = parse_caption_text(srt, CaptionFormat.SRT, "x.srt")
    assert [(p.line, p.kind) for p in f.problems] == [(2, Syntax.TIMING), (6, Syntax.TIMESTAMP)]
    assert [(c.start_ms, c.text) for c in f.cues] == [(3005, "Loose.")]  # as pysrt reads it: 5 ms
    vtt = "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nComma.\n"
    f = parse_caption_text(vtt, CaptionFormat.VTT, "x.vtt")
    assert [(p.line, p.kind) for p in f.problems] == [(3, Syntax.TIMING)] and f.cues == ()


def test_files_of_any_encoding_and_line_ending(tmp_path: Path) -> None:
    path = tmp_path / "crlf.vtt"
    path.write_bytes("\ufeffWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Zoë>Ça va.\r\n".encode("utf-8"))
    f = read_caption_file(path)
    assert f.format is CaptionFormat.VTT and f.problems == () and f.cues[0].text == "Ça va."
    guessed = tmp_path / "captions.txt"
    guessed.write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nShort stamps.\n", encoding="utf-8")
    assert read_caption_file(guessed).cues[0].start_ms == 1000
    empty = tmp_path / "empty.srt"
    empty.write_text("\n")
    assert [p.kind for p in read_caption_file(empty).problems] == [Syntax.STRAY]
    prose = tmp_path / "notes.txt"
    prose.write_text("Just some notes.\n")
    with pytest.raises(InputError, match="is not a caption file"):
        read_caption_file(prose)


_words = st.lists(st.text(alphabet="abcdefghij<>&-,.’é", min_size=1, max_size=8), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_words, st.integers(1, 5000), st.integers(1, 8000), st.booleans()), min_size=1,
                max_size=8))
@example([(["-->"], 1, 1, False)])  # WebVTT keeps "-->" as written; SRT writes "->"
def test_what_the_writers_write_reads_back(spec: list[tuple[list[str], int, int, bool]]) -> None:
    """Any cues align writes read back with their times, text, voice and timing lines."""
    cues, turns, at = [], [], 0
    for k, (words, gap, length, second) in enumerate(spec):
        speaker = BEN if second else ANN
        start = at + gap
        turns.append(Turn(k, speaker, k + 1, start, tuple(Word(w, start, start + length) for w in words)))
        half = max(1, len(words) // 2)
        lines = tuple(" ".join(part) for part in (words[:half], words[half:]) if part)
        cues.append(Cue(start, start + length, lines, speaker, k, 0, len(words)))
        at = start + length
    # SRT has no escape for "-->" and writes "->"; WebVTT escapes ">" and keeps the words as written.
    written = {CaptionFormat.SRT: [[line.replace("-->", "->") for line in c.lines] for c in cues],
               CaptionFormat.VTT: [list(c.lines) for c in cues]}
    labelled = [replace(c, label=label_for(turns[c.turn], 0, True, LabelMode.EVERY)) for c in cues]
    for fmt, text in ((CaptionFormat.VTT, vtt.render_cues(cues)), (CaptionFormat.SRT, srt.render_cues(labelled))):
        f = parse_caption_text(text, fmt, "x")
        assert f.problems == ()
        assert [(c.start_ms, c.end_ms) for c in f.cues] == [(c.start_ms, c.end_ms) for c in cues]
        source = text.split("\n")
        assert all("-->" in source[c.line - 1] for c in f.cues)
        assert [c.voice for c in f.cues] == [c.speaker.name for c in cues]
        # SRT cannot escape: "<a>" on a line is a tag to every SRT reader.
        tags = re.compile(r"<[^>]*?>" if fmt is CaptionFormat.SRT else r"(?!)")
        assert [c.text for c in f.cues] == [" ".join(s for s in (tags.sub("", x).strip() for x in t) if s)
                                            for t in written[fmt]]

"""What the fuzz harness found in the text path, each reduced to the smallest input that shows it."""

from __future__ import annotations

import dataclasses
import difflib
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import webvtt

from align.cues import LabelMode, Profile, linebreak
from align.errors import AlignError, Diagnostic, SpeakerError
from align.pipeline import Captions, cut_captions
from align.readers import RawTurn, parse_transcript, read_transcript, tokenize
from align.speakers import resolve_speakers
from align.timing import estimate, time_transcript
from align.writers import vtt

from .captionfiles import read_vtt


def _captions(text: str, labels: LabelMode = LabelMode.INITIALS) -> Captions:
    return cut_captions(time_transcript(parse_transcript(text, path="t.txt")), labels=labels)


def test_webvtt_keeps_an_arrow_as_written() -> None:
    # '-->' was written '->' in WebVTT too, though escaping '>' already keeps it from ending the cue.
    out = vtt.render(_captions("[00:00:01] Ann Lee: We go --> there ---> now.\n"))
    assert "<v Ann Lee>We go --&gt; there ---&gt; now." in out
    assert [c.text for c in read_vtt(out)] == ["We go --> there ---> now."]


def test_a_label_with_an_odd_space_or_an_invisible_character_names_its_speaker() -> None:
    # Labels with a no-break or ideographic space, a line separator, a zero-width space or joiner
    # raised "a speaker's key and name are one printable line".
    text = ("[00:00:01] Ann\u00a0Lee: Hello.\n\n[00:00:03] Bo\u3000Chen: Hi.\n\n[00:00:05] Cy\u2028Dee: Hey.\n\n"
            "[00:00:07] Ann\u200bLee: Yes.\n\n[00:00:09] مهر\u200cنوش: سلام\n\n[00:00:11] Ann Lee: Again.\n")
    captions = _captions(text, LabelMode.NAMES)
    assert [(c.speaker.key, c.speaker.name) for c in captions.cues] == [
        ("AL", "Ann Lee"), ("BC", "Bo Chen"), ("CD", "Cy Dee"), ("Ann\u200bLee", "Ann\u200bLee"),
        ("مهر\u200cنوش", "مهر\u200cنوش"), ("AL", "Ann Lee")]
    assert "<v Bo Chen>Hi." in vtt.render(captions)


def test_a_new_name_keeps_its_invisible_characters_and_loses_undecodable_bytes() -> None:
    text = "[00:00:01] Ann Lee: Hello.\n"
    for new, name in (("مهر\u200cنوش", "مهر\u200cنوش"), ("caf\udce9", "caf\ufffd"), ("Ann\x85Lee\x07", "Ann Lee")):
        timed = time_transcript(parse_transcript(text, path="t.txt"), speaker_map={"Ann Lee": new})
        assert timed.turns[0].speaker.name == name


def test_every_warning_and_error_is_one_line(tmp_path: Path) -> None:
    # A warning quoting page text with a line separator or a vertical tab in it, or an error
    # naming a file or a speaker label with a line break, came out on several lines.
    text = "Episode\u2028twelve\x0bnotes\n\n[00:00:01] Ann\u2029Lee: Hi.\n\nShare\u2028this\n"
    timed = time_transcript(parse_transcript(text, path="t.txt"))
    assert [str(d) for d in timed.diagnostics] == [
        "t.txt:1: text before the first turn is not captioned: “Episode twelve notes”",
        "t.txt:5: 1 paragraph(s) of page text after the last turn are not captioned: “Share this”"]
    assert [d.message.splitlines() for d in timed.diagnostics] == [[d.message] for d in timed.diagnostics]
    with pytest.raises(AlignError) as caught:
        read_transcript(tmp_path / "two\nlines.txt")
    assert str(caught.value) == f"{tmp_path}/two lines.txt: no such file; check the path"
    with pytest.raises(SpeakerError) as wrong:
        time_transcript(parse_transcript(text, path="t.txt"), speaker_map={"Bo": "X"})
    assert str(wrong.value) == "no speaker 'Bo' in t.txt; the speakers are Ann Lee"


def test_a_few_stray_control_characters_do_not_make_a_transcript_binary(tmp_path: Path) -> None:
    # Three control characters in a short transcript (pasted from a PDF, a terminal) were enough
    # to refuse it as "a binary file"; they are removed and reported like one or two.
    path = tmp_path / "t.txt"
    path.write_bytes(b"[00:00:01] Ann Lee: Ring\x07 the\x07 bell\x1b today.\n\n[00:00:05] Bo Chen: Hi\x02 there.\n")
    transcript = read_transcript(path)
    assert [t.text for turn in transcript.turns for t in turn.tokens] == [
        "Ring", "the", "bell", "today.", "Hi", "there."]
    assert f"{path}:1: 4 control character(s) removed" in [str(d) for d in transcript.diagnostics]
    path.write_bytes(b"[00:00:01] Ann Lee: Hello\x00 there.\n")  # a NUL still says binary
    with pytest.raises(AlignError, match="looks like a binary file"):
        read_transcript(path)
    path.write_bytes(bytes(range(1, 32)) * 4 + b"[00:00:01] Ann Lee: Hi.\n")  # and so do many controls
    with pytest.raises(AlignError, match="looks like a binary file"):
        read_transcript(path)


def test_utf16_without_a_bom_in_a_script_beyond_latin(tmp_path: Path) -> None:
    # Only text at least 40% ASCII was recognised as UTF-16 without a byte-order mark; a
    # transcript in Chinese is less, and was refused as "a binary file".
    text = ("[00:00:01] 王伟: 我们今天讨论人工智能的未来发展，以及它对社会的影响。\n\n"
            "[00:00:09] 李娜: 好的，我们开始吧。这个话题非常重要。\n")
    path = tmp_path / "t.txt"
    for codec in ("utf-16-le", "utf-16-be"):
        path.write_bytes(text.encode(codec))
        transcript = read_transcript(path)
        assert (transcript.encoding, [t.label for t in transcript.turns]) == (codec, ["王伟", "李娜"])


def test_a_stamp_written_against_another_stays_in_its_word() -> None:
    # A stamp written right after another stamp ('[crosstalk 00:00:01][inaudible 00:00:02]') or
    # after one kept as text ('[note 00:61:00][music 00:00:02]') started a word of its own: a
    # space the transcript does not have. A stamp after a word is glued to it; so after a stamp.
    def tokens(text: str) -> list[tuple[str, int | None]]:
        return [(t.text, t.anchor_ms) for t in tokenize(text)]

    assert tokens("“[crosstalk 00:00:01][inaudible 00:00:02] yes") == [("“[crosstalk][inaudible]", 1000), ("yes", None)]
    assert tokens("is [note 00:61:00][music plays 00:00:02].") == [
        ("is", None), ("[note", None), ("00:61:00][music", 2000), ("plays].", None)]
    assert tokens("a [b 00:00:01] [c 00:00:02]") == [("a", None), ("[b]", 1000), ("[c]", 2000)]


def test_a_marker_on_a_line_of_its_own_heads_the_labelled_line_after_it() -> None:
    # '[00:00:05]' alone on its line, the label on the next: the marker became a turn of
    # 'Unknown' with no text (skipped), the labelled turn lost its time, and the file was said
    # to have no timing markers; with a label met only once, its words were dropped as page text.
    text = ("[00:00:00]\nAnn Lee: Welcome to the show.\n\n[00:00:05]\nBo Chen: Thanks.\n\n"
            "[00:00:09]\nAnn Lee: Bye.\n\n[00:00:12]\nCy Dee: so\n")
    t = parse_transcript(text, path="t.txt")
    assert [(turn.label, turn.line, turn.marker_ms, [x.text for x in turn.tokens]) for turn in t.turns] == [
        ("Ann Lee", 1, 0, ["Welcome", "to", "the", "show."]), ("Bo Chen", 4, 5000, ["Thanks."]),
        ("Ann Lee", 7, 9000, ["Bye."]), ("Cy Dee", 10, 12000, ["so"])]
    assert t.diagnostics == ()


def test_a_marker_no_word_took_times_the_next_turn() -> None:
    # A marker alone in its paragraph ('[00:00:05]', a blank line, 'Bo Chen: There.') anchored
    # nothing: at the end of a turn its time was dropped without a word, and as the first
    # paragraph of the file it became an empty turn of 'Unknown' ("captioned as 'Unknown'",
    # then "skipped") while the turn after it went without a time.
    def turns(text: str) -> list[tuple[str, int | None]]:
        return [(turn.label, turn.marker_ms) for turn in parse_transcript(text, path="t.txt").turns]

    text = "[00:00:00]\n\nJ.R.: Hello.\n\n[00:00:04] J.R.: Bye.\n"
    assert turns(text) == [("J.R.", 0), ("J.R.", 4000)]
    assert parse_transcript(text, path="t.txt").diagnostics == ()
    text = "[00:00:01] Ann Lee: Hi.\n\n[00:00:05]\n\nBo Chen: There.\n\n[00:00:09] Bo Chen: Bye.\n"
    assert turns(text) == [("Ann Lee", 1000), ("Bo Chen", 5000), ("Bo Chen", 9000)]
    # A marker followed by another before any word times nothing, and says so.
    text = "[00:00:00]\n\n[00:00:02] Ann Lee: Hi.\n"
    assert turns(text) == [("Ann Lee", 2000)]
    assert [str(d) for d in parse_transcript(text, path="t.txt").diagnostics] == [
        "t.txt:1: turn of 'Unknown' has no words; skipped"]


def test_word_times_never_go_back() -> None:
    # Three turns at one marker: the second is squeezed into the first's window and its words
    # end after the third turn's marker time, where the third turn started: its word came a few
    # milliseconds before the word said before it (428 of 3,000 fuzz cases). A word now never
    # starts before the one said before it ends, from one turn to the next as within one.
    text = "[00:00:05] Ann Lee: one two three four.\n\n[00:00:05] Bo Chen: five six.\n\n[00:00:05] Ann Lee: seven.\n"
    words = [w for turn in time_transcript(parse_transcript(text, path="t.txt")).turns for w in turn.words]
    assert all(b.start_ms >= a.end_ms for a, b in itertools.pairwise(words)), words
    assert words[-1].start_ms <= 6000 + len(words)  # within the markers' second, give or take a millisecond a word


# ---------------------------------------------------------------- work that grew with the square of the input


def _words(n: int, step: int = 7) -> str:
    vocabulary = "so the question is what we do about it and then I said well that is the point".split()
    return " ".join(vocabulary[(k * step) % len(vocabulary)] for k in range(n)) + "."


def test_page_text_is_told_from_speech_without_comparing_whole_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    # Telling a repeated footer from the last paragraphs compared them whole, in time that grows
    # with the square of their length: 287 s to read 100 KB in three long paragraphs.
    compared: list[int] = []
    real = difflib.SequenceMatcher

    def counting(junk: None, a: str, b: str, autojunk: bool = True) -> difflib.SequenceMatcher[str]:
        compared.append(len(a) * len(b))
        return real(junk, a, b, autojunk=autojunk)

    monkeypatch.setattr("align.readers.bracketed.difflib.SequenceMatcher", counting)
    text = (f"[00:00:01] Ann Lee: {_words(1500, 3)}\n\n[00:10:00] Bo Chen: {_words(1500, 5)}\n\n{_words(1500)}\n\n"
            "Subscribe\n")
    t = parse_transcript(text, path="t.txt")
    assert [d.line for d in t.diagnostics] == [7]  # 'Subscribe' is page text; the paragraph before it is speech
    assert compared and max(compared) <= 400 * 400


class _CountingDict(dict[str, float]):
    reads = 0

    def get(self, *args: object) -> object:  # type: ignore[override]
        _CountingDict.reads += 1
        return super().get(*args)  # type: ignore[call-overload]

    def items(self) -> object:  # type: ignore[override]
        _CountingDict.reads += 1
        return super().items()


def test_speaking_rates_take_one_pass_over_the_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each speaker's rate was found by reading every marker span once a speaker: with thousands
    # of labels, minutes.
    real = estimate._spans

    def spans(*args: object) -> list[object]:
        out = real(*args)  # type: ignore[arg-type]
        return [dataclasses.replace(s, speakers=_CountingDict(s.speakers)) for s in out]

    monkeypatch.setattr(estimate, "_spans", spans)
    text = "".join(f"[00:{k // 20:02d}:{k % 20 * 3:02d}] Speaker{k} Name{k}: {_words(8)}\n\n" for k in range(200))
    timed = time_transcript(parse_transcript(text, path="t.txt"))
    assert timed.rate.fitted_on == 199
    assert _CountingDict.reads <= 2 * 199


class _CountingTurns(list[RawTurn]):
    passes = 0

    def __iter__(self) -> Iterator[RawTurn]:
        _CountingTurns.passes += 1
        return super().__iter__()


def test_unknown_labels_are_found_in_a_few_passes() -> None:
    # The line of each unintroduced label was found by a scan of every turn; thousands of labels
    # took minutes.
    text = "".join(f"[00:00:{k:02d}] {chr(65 + k % 26)}{chr(65 + k // 26)}: {_words(4)}\n\n" for k in range(50))
    turns = _CountingTurns(parse_transcript(text, path="t.txt").turns)
    _, diags = resolve_speakers(turns, "t.txt")
    assert len(diags) == 50 and diags[3].line == 7
    assert _CountingTurns.passes <= 3


def test_a_style_of_three_or_more_lines_is_laid_out_without_trying_every_layout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # With more than two lines a cue, every way to break its words was priced, for every cue the
    # cutter considered: 215 kB in a four-line style took 50 s. A layout whose breaks alone cost
    # as much as the best found, or as the cutter can use, is not finished; the cues are the same.
    shaped = []
    real = linebreak._shape_cost

    def counting(widths: list[int], max_chars: int) -> float:
        shaped.append(len(widths))
        return real(widths, max_chars)

    monkeypatch.setattr(linebreak, "_shape_cost", counting)
    words = [("so the question is what we do about it and then I said well that is the point".split())[(k * 7) % 17]
             + ("." if k % 13 == 12 else "") for k in range(600)]
    text = "[00:00:01] Ann Lee: " + " ".join(words) + "\n"
    four = Profile("four", "four lines", max_chars=56, max_lines=4, max_cps=30.0, min_duration_ms=150,
                   max_duration_ms=9999, min_gap_ms=42, chain_gap_ms=922)
    captions = cut_captions(time_transcript(parse_transcript(text, path="t.txt")), four)
    assert [w for c in captions.cues for line in c.lines for w in line.split(" ")] == words
    assert len(captions.cues) == 30 and len(shaped) < 400_000  # was 1,566,373


def test_a_voice_ending_in_dashes_does_not_end_its_cue(tmp_path: Path) -> None:
    # A speaker named 'Bo--' made '<v Bo-->', an arrow that ends a WebVTT cue: webvtt-py
    # refused the caption with a ValueError (a traceback). The last dash is written as a
    # character reference, which a voice's annotation reads back as a dash.
    captions = _captions("[00:00:01] Bo--: Hello.\n\n[00:00:03] Ann Lee-: Hi.\n")
    out = vtt.render(captions)
    assert "<v Bo-&#45;>Hello." in out and "<v Ann Lee->Hi." in out
    assert [(c.voice, c.text) for c in read_vtt(out)] == [("Bo--", "Hello."), ("Ann Lee-", "Hi.")]
    path = tmp_path / "x.vtt"
    path.write_text(out, encoding="utf-8")
    assert [c.voice for c in webvtt.read(str(path)).captions] == ["Bo-&#45;", "Ann Lee-"]


def test_every_reader_reports_a_stamp_out_of_time_order() -> None:
    # A stamp inside the text later than the next marker, or a marker before the stamp in the
    # text ahead of it, was dropped by the timing without a word.
    t = parse_transcript("[00:00:01] Ann Lee: Hello [00:05:00] there.\n\n[00:00:09] Bo Chen: Hi.\n", path="t.txt")
    assert [str(d) for d in t.diagnostics] == [
        "t.txt:1: time stamp [00:05:00] in the text lies after the next marker, [00:00:09] at line 3; timed from "
        "its neighbours (check the time)"]
    assert all(tok.anchor_ms is None for tok in t.turns[0].paragraphs[0].tokens)
    with pytest.raises(AlignError, match="goes back in time"):
        parse_transcript("Ann Lee\n\n(00:01:00) Hello.\n\nBo Chen\n\n(00:00:30) Hi.\n\nAnn Lee\n\nBye.\n\nBo Chen\n\n"
                         "Bye.\n", path="t.txt", strict=True)


def test_a_stamp_alone_times_the_paragraph_or_the_name_below_it() -> None:
    plain = parse_transcript("Hello there.\n\n10:30\n\nMore words.\n", path="t.txt")
    assert [(t.line, t.marker_ms) for t in plain.turns] == [(1, None), (3, 630_000)]
    named = parse_transcript("Ann Lee: Hi.\n\nBo Chen: Hello.\n\n[00:01:00]\nAnn Lee: [laughs 00:01:02] So.\n\n"
                             "Bo Chen: Yes.\n", path="t.txt")
    assert named.reader == "plain" and named.turns[2].marker_ms == 60_000


def test_a_bare_stamp_before_a_note_with_its_own_time_is_where_it_begins() -> None:
    (token,) = tokenize("[00:00:02][inaudible 00:01:02]")
    assert (token.text, token.anchor_ms) == ("[inaudible]", 2000)


def test_a_line_of_thousands_of_stamps_is_read_without_recursion() -> None:
    # Telling "0:00:36.2 **Name** text" went one call deeper a stamp: a RecursionError.
    t = parse_transcript("[00:00:01] Ann Lee: Hi.\n\n" + "0:01 " * 5000 + "words\n", path="t.txt")
    assert t.turns[0].label == "Ann Lee"


def test_two_bare_stamps_in_a_row_use_the_first_and_say_so() -> None:
    diags: list[Diagnostic] = []
    tokens = tokenize("[00:03:36] [00:00:02] Hello.", "t.txt", 4, diags)
    assert [(t.text, t.anchor_ms) for t in tokens] == [("Hello.", 216_000)]
    assert [str(d) for d in diags] == ["t.txt:4: time stamp [00:00:02] follows another with no words between; "
                                       "the first is used"]


def test_what_is_no_time_at_the_end_of_a_paragraph_stays_its_words() -> None:
    # "[00:61:00]" ending a paragraph was cut off as the time the next words begin, though it is none.
    t = parse_transcript("Some words here.\n\nMore words word[00:61:00]\n\nAnd the end.\n", path="t.txt")
    assert [tok.text for tok in t.turns[1].paragraphs[0].tokens] == ["More", "words", "word[00:61:00]"]
    assert any("malformed time" in d.message and d.line == 3 for d in t.diagnostics)

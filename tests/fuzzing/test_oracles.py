"""The oracles find what they are there to find: each fault put into a good result is reported."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from align.cues import LabelMode
from align.readers import parse_transcript
from align.writers import WRITERS

from .oracles import (
    Result,
    check_cues,
    check_json,
    check_srt,
    check_stages,
    check_vtt,
    check_warnings,
    run_align,
    run_case,
)
from .outcome import Outcome
from .strategies import Case, encode
from .words import check_decoding, check_transcript, time_ms, words_of

TEXT = ("Episode 12: transcript\n\n[00:00:01] Ann Lee: Hello [cross talk 00:00:03] more [00:00:04] words.\n"
        "And a second line.\n\n[00:00:06] Bo Chen: Hi there, Ann.\n\nSubscribe to Field Notes\n")


def _case(text: str = TEXT, encoding: str = "utf-8") -> Case:
    data, held = encode(text, encoding)
    return Case(data, held, encoding, "lf", "netflix", LabelMode.INITIALS.value, False, None)


def _result(tmp_path: Path, text: str = TEXT) -> tuple[Result, list[str]]:
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    result = run_align(_case(text), path)
    kept = check_transcript(text, result.transcript, Outcome())
    return result, kept


def _kinds(out: Outcome) -> set[str]:
    return {f.kind for f in out.findings}


def test_a_good_result_has_no_findings(tmp_path: Path) -> None:
    for encoding in ("utf-8", "utf-16-le-bom", "cp1252"):
        outcome = run_case(_case(encoding=encoding), tmp_path)
        assert outcome.rejected is None and outcome.findings == []
    _, kept = _result(tmp_path)
    assert kept == ["Hello", "[cross", "talk]", "more", "words.", "And", "a", "second", "line.", "Hi", "there,",
                    "Ann."]


@pytest.mark.parametrize(("text", "words"), [
    ("Hello [cross talk 00:00:03] more.", ["Hello", "[cross", "talk]", "more."]),
    ("Hello[inaudible 00:00:03], more.", ["Hello[inaudible],", "more."]),
    ("a [00:00:03] b[00:00:04]c", ["a", "b", "c"]),
    ("kept [note 00:61:00] as written", ["kept", "[note", "00:61:00]", "as", "written"]),
    ("no [00:01:4O] stamp", ["no", "[00:01:4O]", "stamp"]),
    ("[ laughter\t1:02.5 ]!", ["[laughter]!"]),
])
def test_what_a_word_is(text: str, words: list[str]) -> None:
    assert words_of(text) == words


def test_marker_times() -> None:
    assert [time_ms(t) for t in ("01:02:03", "1:02:03", "75:30", "00:13:36,5", "00:61:00", "1:2:3", "00:00:60")] == [
        3723000, 3723000, 4530000, 816500, None, None, None]


def test_a_lost_word_is_found_in_every_stage(tmp_path: Path) -> None:
    result, kept = _result(tmp_path)
    turn = result.transcript.turns[0]
    para = dataclasses.replace(turn.paragraphs[0], tokens=turn.paragraphs[0].tokens[1:])
    transcript = dataclasses.replace(result.transcript, turns=(
        dataclasses.replace(turn, paragraphs=(para, *turn.paragraphs[1:])), *result.transcript.turns[1:]))
    out = Outcome()
    check_transcript(TEXT, transcript, out)
    assert "a paragraph's tokens are not its words" in _kinds(out)

    cue = result.captions.cues[0]
    cues = (dataclasses.replace(cue, lines=(cue.lines[0].split(" ", 1)[1], *cue.lines[1:])), *result.captions.cues[1:])
    lossy = dataclasses.replace(result, captions=dataclasses.replace(result.captions, cues=cues))
    files = {name: WRITERS[name].render(lossy.captions) for name in ("srt", "vtt", "json")}
    lossy = dataclasses.replace(lossy, files=files)
    out = Outcome()
    check_stages(kept, lossy, out)
    check_srt(kept, lossy, tmp_path, out)
    check_vtt(kept, lossy, tmp_path, out)
    check_json(kept, lossy, out)
    assert {"words differ in the cues", "words differ in the SRT (pysrt)", "words differ in the SRT (the strict "
            "SRT reader)", "words differ in the VTT (webvtt-py)", "words differ in the VTT (the strict WebVTT "
            "reader)", "words differ in the JSON cues"} <= _kinds(out)


def test_unreported_dropped_text_is_found(tmp_path: Path) -> None:
    result, _ = _result(tmp_path)
    quiet = dataclasses.replace(result.transcript, diagnostics=())
    out = Outcome()
    check_transcript(TEXT, quiet, out)
    assert _kinds(out) == {"dropped text not reported"}
    forgotten = dataclasses.replace(result.transcript, dropped_lines=result.transcript.dropped_lines[1:])
    out = Outcome()
    check_transcript(TEXT, forgotten, out)
    assert "words neither captioned nor reported" in _kinds(out)


def test_bad_files_and_cues_are_found(tmp_path: Path) -> None:
    result, kept = _result(tmp_path)
    first, second = result.captions.cues[:2]
    overlapping = (first, dataclasses.replace(second, start_ms=first.start_ms), *result.captions.cues[2:])
    out = Outcome()
    check_cues(dataclasses.replace(result.captions, cues=overlapping), out)
    assert {"cues out of order", "cues overlap"} <= _kinds(out)

    arrow = dataclasses.replace(result, files={**result.files, "srt": result.files["srt"].replace("Hello", "-->")})
    out = Outcome()
    check_srt(kept, arrow, tmp_path, out)
    assert {"'-->' in SRT text", "the strict SRT reader refuses the SRT", "pysrt reads other cues"} <= _kinds(out)

    mute_vtt = result.files["vtt"].replace("<v Ann Lee>", "<v >")
    mute = dataclasses.replace(result, files={**result.files, "vtt": mute_vtt})
    out = Outcome()
    check_vtt(kept, mute, tmp_path, out)
    assert {"an empty WebVTT voice", "the strict WebVTT reader refuses the VTT", "webvtt-py reads other cues"} <= (
        _kinds(out))


def test_an_error_or_warning_of_two_lines_is_found(tmp_path: Path) -> None:
    outcome = run_case(_case("\n\n   \n"), tmp_path)
    assert outcome.rejected is not None and outcome.findings == []
    result, _ = _result(tmp_path)
    out = Outcome()
    check_warnings(result.timed.diagnostics, out)
    assert out.findings == []
    check_warnings([*result.timed.diagnostics, "t.txt:3: quoted “a\u2028b”"], out)
    assert _kinds(out) == {"a warning of more than one line"}


def test_a_marker_time_lost_is_found(tmp_path: Path) -> None:
    result, _ = _result(tmp_path)
    turn = result.transcript.turns[1]
    lost = dataclasses.replace(result.transcript, turns=(
        result.transcript.turns[0], dataclasses.replace(turn, marker_ms=None)))
    out = Outcome()
    check_transcript(TEXT, lost, out)
    assert _kinds(out) == {"a marker's time not kept"}
    para = result.transcript.turns[0].paragraphs[0]  # '[00:00:04]' before 'words.' anchors it
    assert [t.anchor_ms for t in para.tokens][:5] == [None, 3000, None, None, 4000]
    text = TEXT.replace(" more [00:00:04] words.\n", "\n[00:00:04] more words.\n")
    out = Outcome()
    check_transcript(text, parse_transcript(text, path="t.txt"), out)
    assert out.findings == []
    moved = parse_transcript(text, path="t.txt")
    second = moved.turns[0].paragraphs[1]
    assert (second.line, second.tokens[0].anchor_ms) == (4, 4000)
    lost = dataclasses.replace(moved, turns=(dataclasses.replace(moved.turns[0], paragraphs=(
        moved.turns[0].paragraphs[0], dataclasses.replace(second, tokens=(
            dataclasses.replace(second.tokens[0], anchor_ms=None), *second.tokens[1:])))), moved.turns[1]))
    out = Outcome()
    check_transcript(text, lost, out)
    assert _kinds(out) == {"a marker's time not kept"}


def test_text_decoded_wrong_is_found(tmp_path: Path) -> None:
    case = _case()
    out = Outcome()
    check_decoding(dataclasses.replace(case, text=TEXT.replace("Hello", "Hallo")), TEXT, run_align(
        case, _write(tmp_path, case)).transcript, out)
    assert _kinds(out) == {"decoding: utf-8 read wrong"}
    out = Outcome()
    bell = TEXT.replace("Hello", "Hel\x07lo")
    check_decoding(_case(bell), TEXT, run_align(case, _write(tmp_path, case)).transcript, out)
    assert _kinds(out) == {"decoding: control characters removed silently"}


def _write(tmp_path: Path, case: Case) -> Path:
    path = tmp_path / "t.txt"
    path.write_bytes(case.data)
    return path


@pytest.mark.parametrize("text", [
    # a name alone on its line and its time on the next, as some web pages set a turn
    "[00:29:05]\nnd: that\n\nCy\nBo\n[00:29:07]\nnd: this\n\nCy\nBo\n\n\nShare this episode\n",
    # a stamp in brackets broken over two lines; a time opening a line, with debris after it
    "Transcript\n\nthe [ 0:20:02 ][inaudible 00:00:02] <b>bold</b>\n\nthe\n[  0:20:02\n][inaudible 00:00:02]\n"
    "<b>bold</b>\n",
    "Episode 12: transcript\n" + "[00:00:02][\n 99:59:59 ])\n\n[laughs\nwow! what ?evil\n\nthe\n"
    "[inaudible 00:01:02]\n\nwell-known\n? ³ 10:30\n\n" * 2,
    # a line of markup alone continues its paragraph; a stamp that is no time, reported; a name
    # with its stamp after it; a stamp in odd brackets alone on its line
    "Listen on Spotify\n\nPosted on 12 March 2024 by Ann Lee\nEpisode 12: transcript\n>\nword\n\n>\nword\n\n",
    "[00:00:00] Ann: hi there\n\n[00:00:05] Bo: yes\n\nword[\n00:61:00 ] e.g.\n\n[00:00:09] Bo: so\n",
    "Transcript\n\nAnn Lee [00:00:02] Hello there.\n\nBo Chen [00:00:05] Hi.\n\nAnn Lee [00:00:09] Bye.\n",
    "Transcript\n   indented menu\n\n(0:01:02]\n\n10:30 and what I\nsaid\n",
    # two stamps alone on their lines and a line of markup
    "Transcript\n\nA: so: one two\n\n[00:02:23]\n12:00:00\n>\n\nthe point\n\nA: more\n",
    # a line of "&nbsp;" is as blank on a web page as an empty one
    "Transcript\n\n[00:00:00]\nAnn Lee: one two\n\nI\n&nbsp;\n\n[00:00:05]Ann\nLee: three four\n\nI\n&nbsp;\n",
])
def test_page_layouts_the_readers_take_are_no_finding(tmp_path: Path, text: str) -> None:
    outcome = run_case(_case(text), tmp_path)
    assert outcome.rejected is None and outcome.findings == [], outcome.findings

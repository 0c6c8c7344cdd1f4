"""The strict SRT and WebVTT readers: they read every valid file cue for cue, agree with pysrt and
webvtt-py on them, and refuse what the rules do not allow."""

from __future__ import annotations

import html

import pysrt
import pytest
import webvtt
from hypothesis import given, settings

from align.pipeline import make_captions
from align.writers import srt, vtt

from ..support import SAMPLE
from .caption_strategies import CaptionCue, srt_files, vtt_files
from .captionfiles import CaptionSyntaxError, read_srt, read_vtt


@settings(max_examples=150, deadline=None)
@given(srt_files())
def test_srt_files_read_back_cue_for_cue(file: tuple[str, list[CaptionCue]]) -> None:
    text, cues = file
    read = read_srt(text)
    assert [(c.start_ms, c.end_ms, c.text) for c in read] == [(c.start_ms, c.end_ms, c.text) for c in cues]
    items = pysrt.from_string(text.removeprefix("\ufeff"))
    assert [(i.start.ordinal, i.end.ordinal, i.text) for i in items] == [(c.start_ms, c.end_ms, c.text) for c in cues]


@settings(max_examples=150, deadline=None)
@given(vtt_files())
def test_vtt_files_read_back_cue_for_cue(file: tuple[str, list[CaptionCue]]) -> None:
    text, cues = file
    read = read_vtt(text)
    assert [(c.start_ms, c.end_ms, c.text, c.voice, c.identifier, c.settings) for c in read] == [
        (c.start_ms, c.end_ms, c.text, c.voice, c.identifier, c.settings) for c in cues]
    captions = webvtt.from_string(text.removeprefix("\ufeff")).captions
    assert [(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), html.unescape(c.text))
            for c in captions] == [(c.start_ms, c.end_ms, c.text) for c in cues]


def test_what_align_writes_reads_back() -> None:
    captions = make_captions(SAMPLE)
    assert [(c.start_ms, c.end_ms) for c in read_srt(srt.render(captions))] == [
        (c.start_ms, c.end_ms) for c in captions.cues]
    read = read_vtt(vtt.render(captions))
    assert [(c.start_ms, c.end_ms, c.text, c.voice) for c in read] == [
        (c.start_ms, c.end_ms, "\n".join(c.lines), c.speaker.name) for c in captions.cues]


SRT_OK = "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n"


@pytest.mark.parametrize(("text", "problem"), [
    ("1\n00:00:01,000 --> 00:00:02,000\nHello --> there\n\n", "'-->' in cue text"),
    ("1\n00:00:01,000 --> 00:00:02,000\nHello \n\n", "ending in spaces"),
    ("1\n00:00:01,000 --> 00:00:02,000\n\u3000\n\n", "blank"),
    ("1\n00:00:01,000 --> 00:00:02,000\nHel\u2028lo\n\n", "line break"),
    ("1\n00:00:01,000 --> 00:00:02,000\rHello\n\n", "CR without LF"),
    ("2\n00:00:01,000 --> 00:00:02,000\nHello\n\n", "expected cue number 1"),
    ("1\n00:00:01.000 --> 00:00:02,000\nHello\n\n", "not a timing line"),
    ("1\n00:00:01,000 --> 00:00:01,000\nHello\n\n", "ends before it starts"),
    ("1\n00:00:01,000 --> 00:00:02,000\n\n", "without text"),
    (SRT_OK + "\n2\n00:00:03,000 --> 00:00:04,000\nHi\n\n", "more than one blank line"),
    (SRT_OK.rstrip("\n"), "does not end with a line end"),
])
def test_the_strict_srt_reader_refuses(text: str, problem: str) -> None:
    assert read_srt(SRT_OK)[0].text == "Hello"
    with pytest.raises(CaptionSyntaxError, match=problem):
        read_srt(text)


VTT_OK = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann Lee>Hello &amp; bye\n"


@pytest.mark.parametrize(("text", "problem"), [
    ("WEBVTTX\n\n00:01.000 --> 00:02.000\nHi\n", "does not start with 'WEBVTT'"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nA & B\n", "bare '&'"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nA &foo; B\n", "unknown reference"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nA < B\n", "unknown tag|opens no tag"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\n<x>A</x>\n", "unknown tag"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\n<i>A\n", "spans left open"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nA</i>\n", "closes no open span"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v >A\n", "without its annotation"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v &#32;>A\n", "without its annotation"),
    ("WEBVTT\n\n00:02.000 --> 00:01.000\nA\n", "ends before it starts"),
    ("WEBVTT\n\n00:02.000 --> 00:03.000\nA\n\n00:01.000 --> 00:04.000\nB\n", "starts before"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nA --> B\n", "'-->' in cue text"),
    ("WEBVTT\n\n00:01.000 --> 00:02.000 colour:red\nA\n", "unknown cue setting"),
    ("WEBVTT\n\n00:01.00 --> 00:02.000\nA\n", "not a timing line"),
    ("WEBVTT\n\n0:01:01.000 --> 00:01:02.000\nA\n", "not a timing line"),
    ("WEBVTT\n\nintro\n", "no cue"),
])
def test_the_strict_vtt_reader_refuses(text: str, problem: str) -> None:
    assert [(c.text, c.voice) for c in read_vtt(VTT_OK)] == [("Hello & bye", "Ann Lee")]
    with pytest.raises(CaptionSyntaxError, match=problem):
        read_vtt(text)


def test_a_voice_is_read_as_the_specification_reads_it() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v.loud \t R&amp;D  Team >Hi\n"
    assert read_vtt(text)[0].voice == "R&D Team"

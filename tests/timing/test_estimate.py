"""align.timing.estimate: every word timed from the markers and the text, with a fitted rate."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from align.model import Turn
from align.readers import RawTurn, parse_transcript, read_transcript
from align.speakers import resolve_speakers
from align.timing import DEFAULT_RATE, Rate, estimate_times, fit_rate
from tests.support import DATA


def _timed(text: str) -> tuple[list[Turn], Rate]:
    t = parse_transcript(text)
    people, _ = resolve_speakers(t.turns, "t")
    return estimate_times(t.turns, people)


@pytest.mark.needs_shared
def test_words_are_ordered_and_inside_their_spans(seed: Path) -> None:
    t = read_transcript(seed)
    people, _ = resolve_speakers(t.turns, str(seed))
    turns, rate = estimate_times(t.turns, people)
    assert rate.fitted_on > 60 and rate.sentence_pause_s >= 0
    words = [w for turn in turns for w in turn.words]
    assert len(words) == sum(len(x.tokens) for x in t.turns)
    for a, b in itertools.pairwise(words):
        assert a.start_ms <= a.end_ms <= b.start_ms + 1000  # squeezed turns may touch their neighbour
    for turn in turns:
        if turn.marker_ms is not None:
            assert turn.marker_ms <= turn.start_ms <= turn.marker_ms + 1000


def test_long_span_does_not_stretch_the_words() -> None:
    # 40 s of span for one short sentence: speech first, then silence.
    turns, _ = _timed("[00:00:00] Ann Lee: Thanks so much for having me.\n\n[00:00:40] Bob Ray: Sure.\n")
    assert turns[0].end_ms < 5000
    assert turns[1].start_ms >= 40_000


@pytest.mark.needs_shared
def test_one_second_turns_borrow_then_squeeze(seed: Path) -> None:
    t = read_transcript(seed)
    people, _ = resolve_speakers(t.turns, str(seed))
    turns, _ = estimate_times(t.turns, people)
    crowded = [x for x in turns if x.marker_ms in (413_000, 414_000, 415_000)]
    assert len(crowded) == 3
    for a, b in itertools.pairwise(crowded):
        assert a.end_ms <= b.start_ms
        assert b.start_ms <= b.marker_ms + 1000  # type: ignore[operator]


def test_inline_stamp_anchors_the_words_after_it() -> None:
    text = "[00:00:00] Ann Lee: " + "word " * 10 + "[inaudible 00:00:30] after that.\n\n[00:00:40] Bob Ray: Yes.\n"
    turns, _ = _timed(text)
    words = turns[0].words
    note = next(w for w in words if w.text == "[inaudible]")
    assert 30_000 <= note.start_ms <= 31_000
    assert words[0].start_ms < 1000


def test_no_markers_starts_at_zero_with_default_rate() -> None:
    turns, rate = _timed("Ann Lee: Hello there, friend.\n\nBob Ray: Hi.\n\nAnn Lee: Bye.\n")
    assert rate == DEFAULT_RATE
    assert turns[0].start_ms == 0 and turns[-1].start_ms > turns[0].end_ms


def test_fit_rate_falls_back_when_few_spans() -> None:
    t = parse_transcript("[00:00:00] A B: One two.\n\n[00:00:02] C D: Three.\n")
    assert fit_rate(t.turns, ["AB", "CD"]) == DEFAULT_RATE


INTERVIEW = DATA / "interview.txt"


def _interview() -> tuple[list[RawTurn], list[Turn], Rate]:
    t = read_transcript(INTERVIEW)
    people, _ = resolve_speakers(t.turns, str(INTERVIEW))
    turns, rate = estimate_times(t.turns, people)
    return list(t.turns), turns, rate


def test_interview_words_are_ordered_and_inside_their_spans() -> None:
    raw, turns, rate = _interview()
    assert rate.fitted_on == 10 and rate != DEFAULT_RATE
    assert [len(t.words) for t in turns] == [len(x.tokens) for x in raw]
    assert [w.text for t in turns for w in t.words] == [k.text for x in raw for k in x.tokens]
    words = [w for turn in turns for w in turn.words]
    for a, b in itertools.pairwise(words):
        assert a.start_ms <= a.end_ms <= b.start_ms + 1000
    for turn in turns:
        assert turn.marker_ms is not None and turn.marker_ms <= turn.start_ms <= turn.marker_ms + 1000
    note = next(w for w in words if w.text == "[inaudible]")
    assert 30_000 <= note.start_ms <= 31_000


def test_interview_one_second_turns_borrow_then_squeeze() -> None:
    _, turns, _ = _interview()
    crowded = [x for x in turns if x.marker_ms in (50_000, 51_000, 52_000)]
    assert [len(x.words) for x in crowded] == [1, 21, 1]
    for a, b in itertools.pairwise(crowded):
        assert a.end_ms <= b.start_ms
        assert b.marker_ms is not None and b.start_ms <= b.marker_ms + 1000
    assert crowded[1].confidence < 1.0  # 21 words in about two seconds: squeezed, and it says so
    assert crowded[0].confidence == 1.0


def test_paragraph_starts_index_the_words() -> None:
    _, turns, _ = _interview()
    assert turns[1].paragraph_starts == (0, 10, 23)
    assert turns[1].words[10].text == "And" and turns[1].words[23].text == "So"


def test_an_inline_stamp_before_the_marker_above_it_is_not_used() -> None:
    text = "[00:00:10] Ann Lee: one two [inaudible 00:00:05] three.\n\n[00:00:20] Bob Ray: Four.\n"
    turns, _ = _timed(text)
    times = [w.start_ms for w in turns[0].words]
    assert times == sorted(times) and times[0] >= 10_000


def test_a_given_rate_is_used_as_it_is() -> None:
    t = parse_transcript("[00:00:00] A B: One two three.\n\n[00:00:02] C D: Four.\n")
    people, _ = resolve_speakers(t.turns, "t")
    slow = Rate(syllable_s=0.14, sentence_pause_s=0.0, clause_pause_s=0.0, paragraph_pause_s=0.0, turn_gap_s=0.0)
    turns, rate = estimate_times(t.turns, people, slow)
    fast, _ = estimate_times(t.turns, people, DEFAULT_RATE)
    assert rate is slow
    assert turns[0].words[0].end_ms - turns[0].words[0].start_ms > fast[0].words[0].end_ms - fast[0].words[0].start_ms


def test_no_turns_no_times() -> None:
    assert estimate_times([], {}) == ([], DEFAULT_RATE)


def test_rate_per_speaker_falls_back_to_the_common_rate() -> None:
    rate = Rate(0.07, 0.3, 0.2, 0.5, 0.8, {"CL": 0.09})
    assert rate.for_speaker("CL") == 0.09 and rate.for_speaker("SM") == 0.07

"""align.summary: what ``info`` says, as data: speakers, talk time, rate, warnings, alignment."""

from __future__ import annotations

from dataclasses import replace

from align.pipeline import cut_captions, make_captions, read_and_time
from align.refine import Refinement, TurnReport
from align.summary import AlignmentSummary, as_dict, summarize
from tests.support import DATA

INTERVIEW = DATA / "interview.txt"


def test_summary_of_a_transcript() -> None:
    captions = make_captions(INTERVIEW)
    s = summarize(captions)
    assert (s.source, s.reader, s.turns, s.words, s.cues, s.profile) == (
        str(INTERVIEW), "bracketed", 12, 131, len(captions.cues), "netflix")
    assert s.ends_ms == captions.turns[-1].end_ms and s.alignment is None
    assert [(p.key, p.name, p.turns, p.labels) for p in s.speakers] == [
        ("CL", "Connor Leahy", 5, ("CL", "Connor", "Connor Leahy")),
        ("SM", "Stefano Maffulli", 4, ("SM", "Stefano Maffulli")),
        ("SF", "SF", 1, ("SF",)),
        ("ANNOUNCER", "Announcer", 2, ("ANNOUNCER",)),
    ]
    first = s.speakers[0]
    assert first.talk_ms == sum(t.end_ms - t.start_ms for t in captions.turns if t.speaker.key == "CL")
    speech_ms = sum(w.end_ms - w.start_ms for t in captions.turns for w in t.words)
    assert s.words_per_minute == 131 / (speech_ms / 1000) * 60
    assert s.diagnostics == captions.diagnostics and s.rate == captions.timed.rate


def test_as_dict_is_plain_data_with_times_in_ms_and_rates_rounded() -> None:
    s = summarize(make_captions(INTERVIEW, profile="bbc"))
    d = as_dict(s)
    assert list(d) == ["source", "reader", "turns", "words", "cues", "profile", "end_ms", "speakers", "rate",
                       "warnings"]
    assert d["profile"] == "bbc" and d["end_ms"] == s.ends_ms
    assert d["speakers"][0] == {"key": "CL", "name": "Connor Leahy", "turns": 5, "talk_ms": s.speakers[0].talk_ms,
                                "labels": ["CL", "Connor", "Connor Leahy"]}
    assert d["rate"] == {"words_per_minute": round(s.words_per_minute, 1),
                         "sentence_pause_s": round(s.rate.sentence_pause_s, 3),
                         "clause_pause_s": round(s.rate.clause_pause_s, 3),
                         "turn_gap_s": round(s.rate.turn_gap_s, 3), "fitted_on_spans": 10}
    assert [w["line"] for w in d["warnings"]] == [1, 33, 19, 23]
    assert d["warnings"][2] == {"path": str(INTERVIEW), "line": 19,
                                "message": "speaker 'SF' was never introduced; did you mean 'SM' (Stefano Maffulli)?"}


def _report(index: int, marker: int | None, found: int | None, confidence: float, reason: str = "") -> TurnReport:
    return TurnReport(index, "CL", 3 + 2 * index, marker, marker or 0, found, confidence, reason)


REPORTS = (
    _report(0, 0, 400, 0.9),
    _report(1, 5000, 4700, 0.3),  # found, but unsure
    _report(2, None, 9000, 0.8),  # no marker: no offset
    _report(3, 12_000, None, 0.0, "text not found"),
    _report(4, 15_000, 15_100, 0.95),
)


def test_the_alignment_summary() -> None:
    a = AlignmentSummary("pocketsphinx", REPORTS)
    assert a.found == 4 and a.low_confidence == (1,)
    assert [r.offset_ms for r in REPORTS] == [400, -300, None, None, 100]
    assert a.median_offset_ms == 100  # of -300, 100, 400
    assert AlignmentSummary("x", (_report(0, None, 10, 1.0),)).median_offset_ms is None


def test_with_a_refinement_the_summary_and_its_dict_hold_the_alignment() -> None:
    timed = read_and_time(INTERVIEW)
    refined = replace(timed, alignment=Refinement(timed.turns, REPORTS, (), "pocketsphinx", 70_000))
    s = summarize(cut_captions(refined))
    assert s.alignment == AlignmentSummary("pocketsphinx", REPORTS)
    d = as_dict(s)["alignment"]
    assert (d["aligner"], d["found"], d["median_offset_ms"], d["low_confidence"]) == ("pocketsphinx", 4, 100, [1])
    assert d["turns"][3] == {"index": 3, "line": 9, "speaker": "CL", "marker_ms": 12_000, "found_ms": None,
                             "offset_ms": None, "confidence": 0.0, "note": "text not found"}
    empty = replace(timed, alignment=Refinement(timed.turns, (), (), "none", 0))
    assert summarize(cut_captions(empty)).alignment is None  # the aligner did not run

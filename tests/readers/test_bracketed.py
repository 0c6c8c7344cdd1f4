"""align.readers.bracketed: the ``[HH:MM:SS] Name: text`` dialect with every quirk of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.errors import InputError
from align.readers import bracketed, parse_transcript, read_transcript
from tests.support import DATA, WriteTranscript


@pytest.mark.needs_shared
def test_seed_quirks(seed: Path) -> None:
    t = read_transcript(seed)
    messages = [str(d) for d in t.diagnostics]
    # The title line is not a turn; it is reported with its line.
    assert t.turns[0].label == "Connor Leahy" and t.turns[0].line == 3
    assert any(":1: text before the first turn" in m and "Episode 3: transcript" in m for m in messages)
    # Page text after the last turn, with the repeated disclaimer, is dropped and reported.
    assert t.turns[-1].label == "ANNOUNCER"
    assert any(":224: 8 paragraph(s) of page text" in m for m in messages)
    last = " ".join(tok.text for tok in t.turns[-1].tokens)
    assert "Keep up" not in last and last.count("The views expressed") == 1
    # Paragraphs without a marker continue the turn above.
    eleuther = next(x for x in t.turns if x.marker_ms == 122_000)
    assert len(eleuther.paragraphs) == 3
    # Same-second markers are two turns.
    same = [x for x in t.turns if x.marker_ms == 17 * 60_000 + 30_000]
    assert [x.label for x in same] == ["SM", "CL"]
    # Inline stamps become anchored notes.
    notes = [tok for x in t.turns for tok in x.tokens if tok.note]
    assert [(n.text, n.anchor_ms) for n in notes] == [
        ("[inaudible]", 530_000),
        ("[inaudible]", 1_202_000),
        ("[inaudible].", 1_762_000),
    ]
    # Sponsor paragraphs stay in their turn, untimed.
    sponsor = next(x for x in t.turns if x.marker_ms == 23 * 60_000 + 11_000)
    assert len(sponsor.paragraphs) == 2 and "datastax.com." in sponsor.paragraphs[1].tokens[-1].text
    # Typographic characters survive.
    words = " ".join(tok.text for x in t.turns for tok in x.tokens)
    for s in ("there’s", "“No, no, no.", "–", "tongue-in-cheek", "“Yeah, no problem.”"):
        assert s in words


@pytest.mark.needs_shared
def test_every_word_of_the_seed_is_kept(seed: Path) -> None:
    t = read_transcript(seed)
    text = seed.read_text(encoding="utf-8")
    kept = [tok.text for x in t.turns for tok in x.tokens]
    lines = text.split("\n")
    dropped = set(t.dropped_lines)
    expected = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or number in dropped:
            continue
        body = line.split("] ", 1)[1].split(": ", 1)[1] if line.startswith("[") else line
        expected.extend(body.split())
    # Inline stamps lose their time, nothing else changes.
    normalised = " ".join(expected).replace(" 00:08:50]", "]").replace(" 0:20:02]", "]").replace(" 00:29:22]", "]")
    assert " ".join(kept) == normalised


def test_marker_problems_warn_or_fail(write: WriteTranscript) -> None:
    path = write("[00:00:05] A B: one.\n\n[00:00:0x] A B: two.\n\n[00:00:03] A B: three.\n\n[00:00:09] A B: four.\n")
    t = read_transcript(path)
    messages = [str(d) for d in t.diagnostics]
    assert any(":3: malformed marker [00:00:0x]" in m for m in messages)
    assert any(":5: marker [00:00:03] goes back in time from [00:00:05] at line 1" in m for m in messages)
    assert [x.marker_ms for x in t.turns] == [5000, None, None, 9000]
    with pytest.raises(InputError, match=r"t.txt:3: malformed marker"):
        read_transcript(path, strict=True)


def test_unmarked_labels_and_no_markers(write: WriteTranscript) -> None:
    t = read_transcript(write("[00:00:01] Ann Lee: Hi.\n\nBob Ray: Hello.\n\nAL: Bye now.\n\nBob Ray: Bye.\n"))
    assert [(x.label, x.marker_ms) for x in t.turns] == [
        ("Ann Lee", 1000), ("Bob Ray", None), ("AL", None), ("Bob Ray", None)]
    t = read_transcript(write("Just some words.\nNo markers at all.\n"))
    assert len(t.turns) == 1 and t.turns[0].marker_ms is None
    assert any("no '[HH:MM:SS] Name:' markers" in str(d) for d in t.diagnostics)


def test_an_unmarked_full_name_whose_initials_have_markers_starts_a_turn(write: WriteTranscript) -> None:
    text = "[00:00:01] CL: Hello.\n\nStefano Maffulli: Welcome.\n\n[00:00:09] SM: Next.\n"
    t = read_transcript(write(text))
    assert [(x.label, x.marker_ms) for x in t.turns] == [("CL", 1000), ("Stefano Maffulli", None), ("SM", 9000)]


# ---------------------------------------------------------------- the seed's quirks, in a file of our own

INTERVIEW = DATA / "interview.txt"


def test_interview_quirks() -> None:
    t = read_transcript(INTERVIEW)
    assert t.reader == "bracketed" and t.encoding == "utf-8"
    assert [str(d) for d in t.diagnostics] == [
        f"{INTERVIEW}:1: text before the first turn is not captioned: “Episode 7: transcript”",
        f"{INTERVIEW}:33: 2 paragraph(s) of page text after the last turn are not captioned: "
        "“The views expressed are those of the…”, “Subscribe to the show Share this epis…”",
    ]
    assert t.dropped_lines == (1, 33, 35)
    assert [(x.label, x.line, x.marker_ms) for x in t.turns] == [
        ("Connor Leahy", 3, 0), ("Stefano Maffulli", 5, 9000), ("CL", 11, 17000), ("SM", 13, 26000),
        ("CL", 15, 35000), ("SM", 17, 35000), ("SF", 19, 41000), ("CL", 21, 50000), ("SM", 23, 51000),
        ("Connor", 25, 52000), ("ANNOUNCER", 27, 58000), ("ANNOUNCER", 31, 65000),
    ]
    assert [len(x.paragraphs) for x in t.turns] == [1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1]
    assert [p.line for p in t.turns[1].paragraphs] == [5, 7, 9]
    notes = [(tok.text, tok.anchor_ms) for x in t.turns for tok in x.tokens if tok.note]
    assert notes == [("[inaudible]", 30_000), ("[crosstalk].", 44_000)]
    last = " ".join(tok.text for tok in t.turns[-1].tokens)
    assert last == "The views expressed are those of the speakers alone."  # said once, not twice
    words = " ".join(tok.text for x in t.turns for tok in x.tokens)
    for s in ("I’m", "– really.", "“No, no, no.”", "tongue-in-cheek", "example.com"):
        assert s in words


def _written_words(path: Path, dropped: tuple[int, ...]) -> list[str]:
    """The words of every paragraph not dropped, without markers, labels and inline stamps' times.

    ``dropped`` holds the first line of each dropped paragraph; the lines under it go with it.
    """
    words: list[str] = []
    skipping = False
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        skipping = number in dropped or (skipping and bool(line.strip()))
        if not line.strip() or skipping:
            continue
        body = line.split("] ", 1)[1].split(": ", 1)[1] if line.startswith("[") else line
        words.extend(re.sub(r"\s+\d{1,2}:\d\d:\d\d\]", "]", body).split())
    return words


def test_every_word_of_the_interview_is_kept() -> None:
    t = read_transcript(INTERVIEW)
    assert [tok.text for x in t.turns for tok in x.tokens] == _written_words(INTERVIEW, t.dropped_lines)


# ---------------------------------------------------------------- the dialect's edges


def test_sniff_scores_the_share_of_paragraphs_opening_with_a_marker() -> None:
    assert bracketed.sniff("") == 0.0
    assert bracketed.sniff("just text\n\nmore text") == 0.01  # never zero: any text is one voice
    assert bracketed.sniff("[00:00:01] A: one.\n\nmore.\n\n[00:00:02] B: two.\n\nend.") == 0.5
    assert bracketed.sniff(INTERVIEW.read_text(encoding="utf-8")) == 12 / 18  # and 6 other paragraphs


def test_a_marker_without_a_label_anchors_the_same_voice() -> None:
    t = parse_transcript("[00:00:01] Ann Lee: Hello there.\n\n[00:00:05] And then more.\n")
    assert len(t.turns) == 1 and len(t.turns[0].paragraphs) == 2
    assert [(k.text, k.anchor_ms) for k in t.turns[0].tokens] == [
        ("Hello", None), ("there.", None), ("And", 5000), ("then", None), ("more.", None)]


def test_strict_refuses_a_marker_going_back_in_time() -> None:
    text = "[00:00:05] A B: one.\n\n[00:00:03] A B: two.\n"
    with pytest.raises(InputError, match=r"<text>:3: marker \[00:00:03\] goes back in time from \[00:00:05\]"):
        parse_transcript(text, strict=True)


def test_a_turn_without_words_is_reported_and_skipped() -> None:
    t = parse_transcript("[00:00:01] Ann Lee: Hello.\n\n[00:00:04] Bob Ray: [00:00:05]\n\n[00:00:09] Ann Lee: Bye.\n")
    assert [x.label for x in t.turns] == ["Ann Lee", "Ann Lee"]
    assert [str(d) for d in t.diagnostics] == ["<text>:3: turn of 'Bob Ray' has no words; skipped"]


def test_a_file_of_stamps_alone_has_no_words_to_caption() -> None:
    with pytest.raises(InputError, match=r"^x\.txt: holds no words, no transcript; align reads bracketed, "):
        parse_transcript("[ 00:00:01]\n", path="x.txt")  # a stamp, not a marker: no words, no turn


@pytest.mark.parametrize("label", ["lower case", "One Two Three Four Five", "von Braun", "Q and A", "2nd Host",
                                   "Note (aside)"])
def test_what_is_not_a_speaker_label_stays_text_of_the_turn_above(label: str) -> None:
    t = parse_transcript(f"[00:00:01] Ann Lee: Hi.\n\n[00:00:02] {label}: some words.\n")
    assert [x.label for x in t.turns] == ["Ann Lee"]
    assert " ".join(k.text for k in t.turns[0].tokens) == f"Hi. {label}: some words."


@pytest.mark.parametrize("label", ["Ann Lee", "Jean de la Fontaine", "HOST", "Dr. Okafor", "Zoë"])
def test_what_is_a_speaker_label(label: str) -> None:
    t = parse_transcript(f"[00:00:01] {label}: some words.\n")
    assert [x.label for x in t.turns] == [label]


def test_headings_and_unfinished_lines_after_the_last_turn_are_page_text() -> None:
    t = parse_transcript("[00:00:01] Ann Lee: Bye now.\n\nEpisode 8 is out next week.\n\nThanks.\n")
    assert [x.label for x in t.turns] == ["Ann Lee"] and t.dropped_lines == (3, 5)
    t = parse_transcript("[00:00:01] Ann Lee: Bye now.\n\nStill talking here.\n\nRelated episodes\n")
    assert len(t.turns[0].paragraphs) == 2 and t.dropped_lines == (5,)


def test_a_marked_paragraph_before_the_first_turn_is_kept_or_reported() -> None:
    t = parse_transcript("[00:00:01] Welcome to the show, everyone.\n\n[00:00:05] Ann Lee: Hello.\n")
    kept = [k.text for x in t.turns for k in x.tokens]
    assert "Welcome" in kept or (1 in t.dropped_lines and any(d.line == 1 for d in t.diagnostics))


# ---------------------------------------------------------------- any transcript in the dialect

_NAME_WORD = st.one_of(
    st.from_regex(r"[A-Z][a-zéñ]{1,8}", fullmatch=True),  # Ann, Núñez
    st.from_regex(r"[A-Z]{2,4}", fullmatch=True),  # CL, HOST
)
_NAME = st.lists(_NAME_WORD, min_size=1, max_size=3).map(" ".join)
# Words as transcripts write them: punctuation, typography, digits, other scripts; no colon
# or bracket (those would make a label or a stamp) and no white space.
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEZ0123456789.,;!?’'“”-–—…&<>/é王", min_size=1, max_size=10)
_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=12)


@st.composite
def _transcripts(draw: st.DrawFn) -> tuple[str, list[tuple[str, int, list[list[str]]]]]:
    """A transcript's text, and what it holds: (label, marker ms, paragraphs of words) a turn."""
    count = draw(st.integers(1, 8))
    names = draw(st.lists(_NAME, min_size=1, max_size=3, unique=True))
    turns = []
    lines = []
    second, fraction = draw(st.integers(0, 40_000)), None
    for k in range(count):
        # seconds never go back, nor does a whole second after a stamp with milliseconds in it
        second += draw(st.integers(0 if fraction is None else 1, 90))
        fraction = draw(st.one_of(st.none(), st.integers(0, 999)))
        label = draw(st.sampled_from(names))
        paragraphs = draw(st.lists(_PARAGRAPH, min_size=1, max_size=1 if k == count - 1 else 3))
        for p in paragraphs[1:]:  # a paragraph under a turn starts in lower case, so it cannot be a label
            p[0] = "and" + p[0]
        hours = draw(st.sampled_from([f"{second // 3600:02d}", f"{second // 3600}"]))
        stamp = f"{hours}:{second % 3600 // 60:02d}:{second % 60:02d}"
        if fraction is not None:
            stamp += f".{fraction:03d}"
        turns.append((label, second * 1000 + (fraction or 0), paragraphs))
        lines.append(f"[{stamp}] {label}: {' '.join(paragraphs[0])}")
        lines.extend(" ".join(p) for p in paragraphs[1:])
    return "\n\n".join(lines) + "\n", turns


@given(_transcripts())
def test_every_word_is_kept_in_order_in_its_turn(case: tuple[str, list[tuple[str, int, list[list[str]]]]]) -> None:
    text, turns = case
    t = parse_transcript(text)
    assert t.diagnostics == () and t.dropped_lines == ()
    assert [x.label for x in t.turns] == [label for label, _, _ in turns]
    assert [[[k.text for k in p.tokens] for p in x.paragraphs] for x in t.turns] == [p for _, _, p in turns]
    assert [x.marker_ms for x in t.turns] == [ms for _, ms, _ in turns]
    lines = [p.line for x in t.turns for p in x.paragraphs]
    assert lines == list(range(1, 2 * len(lines), 2))


def test_a_whole_second_marker_after_milliseconds_in_its_second_is_not_backwards() -> None:
    t = parse_transcript("[00:00:01.500] Ann Lee: One.\n\n[00:00:01] Bob Ray: Two.\n")
    assert t.diagnostics == ()
    assert t.turns[1].marker_ms is not None

"""align.readers.bracketed: the ``[HH:MM:SS] Name: text`` dialect with every quirk of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import InputError
from align.readers import read_transcript
from tests.support import WriteTranscript


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

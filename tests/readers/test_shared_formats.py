"""The four real transcripts in ../shared/formats: every turn, speaker, word and stamp.

The counts were taken by hand from each file's layout and checked with grep:

- changelog-go-time-100.md: 128 lines open ``**Name:**`` (``grep -c '^\\*\\*[^*]*:\\*\\*'``);
  two are ``**Break:** \\[24:27\\]`` with no words, so 126 turns by 4 speakers. 16 stamps
  ``\\[MM:SS\\]``: 2 on the breaks, 5 just after a name (the turn's marker), 9 opening a
  paragraph (the anchor of its first word).
- otter-ladybug-62-security.md: 162 lines ``Name  M:SS`` (``grep -cE '^[^0-9]+  [0-9:]+ *$'``)
  by 5 names (Emma, Kelly, Sidney, Tailor, Unknown Speaker), each stamp its turn's
  marker; the last line is Otter's footer.
- whisper-speakers-oxide-on-code-review.md: 436 lines ``[Speaker N] [MM:SS] text``, a
  turn each (segments of one speaker in a row are separate turns, each with its time),
  12 speakers, 436 markers.
- btctranscripts-chaincode-nesting.md: 26 lines of front matter, 125 lines ``Name:
  HH:MM:SS`` by 4 speakers, 5 ``##`` headings. One stamp (line 244, 00:12:09) goes back a
  second from the one before (line 238, 00:12:10), so 124 markers.

Words are counted independently of the readers, by taking off each layout's heads with
a regular expression: every word must be kept, and nothing else added.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from align.check import check_file
from align.cues import get_profile
from align.pipeline import make_captions
from align.readers import read_transcript
from align.writers import write_captions, writer_for

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT.parent / "shared" / "formats"

pytestmark = pytest.mark.needs_shared

CHANGELOG = "changelog-go-time-100.md"
OTTER = "otter-ladybug-62-security.md"
WHISPER = "whisper-speakers-oxide-on-code-review.md"
BTC = "btctranscripts-chaincode-nesting.md"

# name: (reader, turns, speakers, markers, anchors inside turns)
EXPECTED = {
    CHANGELOG: ("markdown", 126, {"Carmen Andoh", "Jon Calhoun", "Rob Pike", "Robert Griesemer"}, 5, 9),
    OTTER: ("otter", 162, {"Emma", "Kelly", "Sidney", "Tailor", "Unknown Speaker"}, 162, 0),
    WHISPER: ("segments", 436, {f"Speaker {n}" for n in range(1, 13)}, 436, 0),
    BTC: ("speaker-time", 125, {"Pieter Wuille", "Tim Ruffing", "Adam Jonas", "Mark Erhardt"}, 124, 0),
}


def _words(name: str) -> list[str]:
    """The spoken words of a file, found without the readers."""
    lines = (FORMATS / name).read_text(encoding="utf-8").split("\n")
    if name == CHANGELOG:
        kept = [re.sub(r"\\\[\d+:\d+\\\] ?", "", re.sub(r"^\*\*[^*]+:\*\* ?", "", ln))
                for ln in lines if not ln.startswith("**Break:**")]
        kept = [re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", ln).replace("\\[", "[").replace("\\]", "]").replace("`", "")
                for ln in kept]
    elif name == OTTER:
        kept = [ln for ln in lines if not re.match(r"^[^0-9]+  [0-9:]+ *$", ln) and not ln.startswith("Transcribed by")]
    elif name == WHISPER:
        kept = [re.sub(r"^\[Speaker \d+\] \[[\d:]+\] ?", "", ln) for ln in lines]
    else:
        kept = [ln for ln in lines[26:] if not re.match(r"^[A-Z][A-Za-z .]+: [\d:]+$", ln) and not ln.startswith("## ")]
    return " ".join(kept).split()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_turns_speakers_and_stamps(name: str) -> None:
    reader, turns, speakers, markers, anchors = EXPECTED[name]
    t = read_transcript(FORMATS / name)
    assert t.reader == reader
    assert len(t.turns) == turns
    assert {x.label for x in t.turns} == speakers
    assert sum(x.marker_ms is not None for x in t.turns) == markers
    assert sum(tok.anchor_ms is not None for x in t.turns for tok in x.tokens) == anchors


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_word_is_kept_and_nothing_added(name: str) -> None:
    t = read_transcript(FORMATS / name)
    assert [tok.text for x in t.turns for tok in x.tokens] == _words(name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_captions_pass_the_form_checks(name: str, tmp_path: Path) -> None:
    captions = make_captions(FORMATS / name)
    files = write_captions(captions, tmp_path, [writer_for("srt"), writer_for("vtt")])
    for path in files:
        report = check_file(path, get_profile("netflix"))
        # no line too long, no cue with too many lines, no overlap, no cue out of order, no syntax fault
        assert report.errors == 0, [str(f) for f in report.findings if f.severity.value == "error"][:5]
        assert not any(f.rule.value == "gap" for f in report.findings)


def test_changelog_stamps_anchor_where_they_stand() -> None:
    t = read_transcript(FORMATS / CHANGELOG)
    pike = next(x for x in t.turns if x.line == 35)  # **Rob Pike:** \[04:22\] 45 minutes.
    assert (pike.label, pike.marker_ms, pike.tokens[0].text) == ("Rob Pike", 262_000, "45")
    anchored = next(tok for x in t.turns for p in x.paragraphs if p.line == 55 for tok in p.tokens)
    assert (anchored.text, anchored.anchor_ms) == ("So", 503_000)  # \[08:23\] So we had worked…
    messages = [str(d) for d in t.diagnostics]
    assert any(":163: turn of 'Break' at [00:24:27] has no words; skipped" in m for m in messages)


def test_otter_footer_and_hours() -> None:
    t = read_transcript(FORMATS / OTTER)
    assert t.turns[0].label == "Emma" and t.turns[0].marker_ms == 0
    assert t.turns[-1].label == "Sidney" and t.turns[-1].marker_ms == 55 * 60_000 + 21_000
    assert t.dropped_lines == (487,)
    assert any(":487: page text after the last turn not captioned: “Transcribed by https://otter.ai”" in str(d)
               for d in t.diagnostics)


def test_whisper_stamps_past_the_hour() -> None:
    t = read_transcript(FORMATS / WHISPER)
    by_line = {x.line: x for x in t.turns}
    assert [by_line[n].marker_ms for n in (295, 296, 297)] == [3_547_000, 3_556_000, 3_559_000]  # [59:07]…
    assert by_line[299].marker_ms == 3_602_000  # [01:00:02]: hours once past the hour
    assert t.turns[-1].label == "Speaker 1" and t.turns[-1].marker_ms == 5_446_000  # [01:30:46]


def test_btc_front_matter_headings_and_a_stamp_back_in_time() -> None:
    t = read_transcript(FORMATS / BTC)
    assert t.turns[0].label == "Tim Ruffing" and t.turns[0].line == 27 and t.turns[0].marker_ms == 0
    assert [tok.text for tok in t.turns[0].tokens][:3] == ["Just", "as", "a"]
    messages = [str(d) for d in t.diagnostics]
    assert any(":1: front matter (26 lines) not captioned" in m for m in messages)
    assert sum(": a heading not captioned" in m for m in messages) == 5
    assert any(":244: time stamp [00:12:09] goes back in time from [00:12:10] at line 238" in m for m in messages)
    assert set(range(1, 27)) <= set(t.dropped_lines)

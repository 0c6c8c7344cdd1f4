"""Any cues, written as SRT and WebVTT, read back by pysrt and webvtt-py as the same cues."""

from __future__ import annotations

import html
from pathlib import Path

import pysrt
import webvtt
from hypothesis import given
from hypothesis import strategies as st

from align.model import Cue, Speaker
from align.text import one_line
from align.timecode import parse
from align.writers import srt, vtt, write_captions
from align.writers.lines import safe_line
from tests.support import SM, captions_of

# Characters a transcript may hold in a word: anything printable but white space.
_CHAR = st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")).filter(lambda c: not c.isspace())
_WORD = st.one_of(
    st.text(_CHAR, min_size=1, max_size=8),
    st.sampled_from(["&", "<", ">", "-->", "--->", "->", "<b>", "</i>", "&amp;", "&lt", "<v", "NOTE", "WEBVTT",
                     "1", "00:00:01,000", "00:00:01.000", "‘Dash’—", "王伟", "é"]),
)
_LINE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
# A speaker's name is one printable line with single spaces (align.model.Speaker).
_NAME = st.one_of(
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=20)
    .filter(lambda n: n != "" and n == one_line(n)),
    st.sampled_from(["Connor Leahy", "<b>Ann</b> & Co", "A B", "José >_<", "-->"]),
)
_LABEL = st.sampled_from(["", "CL:", "[Connor Leahy]", "[<i>Ann</i> & Co]", "-->:"])


@st.composite
def _cues(draw: st.DrawFn) -> list[Cue]:
    count = draw(st.integers(1, 6))
    at = draw(st.integers(0, 10 * 3_600_000))
    cues = []
    for k in range(count):
        at += draw(st.integers(0, 5000))
        length = draw(st.integers(1, 10_000))
        lines = tuple(draw(st.lists(_LINE, min_size=1, max_size=3)))
        speaker = Speaker(draw(st.sampled_from(["A", "B", "C"])), draw(_NAME))
        cues.append(Cue(at, at + length, lines, speaker, k, 0, len(" ".join(lines).split()), draw(_LABEL)))
        at += length
    return cues


def _srt_text(cue: Cue) -> str:
    first = f"{cue.label} {cue.lines[0]}" if cue.label else cue.lines[0]
    return "\n".join(safe_line(line) for line in (first, *cue.lines[1:]))


@given(_cues())
def test_srt_reads_back_as_the_same_cues(cues: list[Cue]) -> None:
    read = pysrt.from_string(srt.render_cues(cues))
    assert [item.index for item in read] == list(range(1, len(cues) + 1))
    assert [(item.start.ordinal, item.end.ordinal) for item in read] == [(c.start_ms, c.end_ms) for c in cues]
    assert [item.text for item in read] == [_srt_text(c) for c in cues]


@given(_cues())
def test_vtt_reads_back_as_the_same_cues(cues: list[Cue]) -> None:
    read = webvtt.from_string(vtt.render_cues(cues)).captions
    assert [(parse(c.start), parse(c.end)) for c in read] == [((c.start_ms, 1), (c.end_ms, 1)) for c in cues]
    assert [html.unescape(c.text) for c in read] == ["\n".join(c.lines) for c in cues]  # "-->" as written
    assert [html.unescape(c.voice or "") for c in read] == [" ".join(c.speaker.name.split()) or "?" for c in cues]


def test_written_files_read_back_from_disk(tmp_path: Path) -> None:
    cues = [Cue(0, 1500, ("Tom & <Jerry> -->", "王伟 said “hi”"), SM, 0, 0, 6, "SM:"),
            Cue(1600, 3_600_000 * 11 + 1, ("--->",), SM, 1, 0, 1)]
    files = write_captions(captions_of(cues), tmp_path, ["srt", "vtt"], stem="x")
    assert files == [tmp_path / "x.srt", tmp_path / "x.vtt"]
    subs = pysrt.open(str(files[0]), encoding="utf-8")
    assert [s.text for s in subs] == ["SM: Tom & <Jerry> ->\n王伟 said “hi”", "->"]
    assert subs[1].end.ordinal == 3_600_000 * 11 + 1
    captions = webvtt.read(str(files[1])).captions
    assert [c.raw_text for c in captions] == [
        "<v Stefano Maffulli>Tom &amp; &lt;Jerry&gt; --&gt;\n王伟 said “hi”", "<v Stefano Maffulli>---&gt;"]
    assert captions[1].end == "11:00:00.001"


@given(_LINE)
def test_a_line_never_holds_a_cue_arrow_and_loses_only_dashes(line: str) -> None:
    safe = safe_line(line)
    assert "-->" not in safe
    assert safe.replace("-", "") == line.replace("-", "")
    assert (safe == line) == ("-->" not in line)

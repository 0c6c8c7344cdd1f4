"""Any transcript written in any layout reads back the same: every turn, speaker, word and stamp.

Transcripts are generated (names, words, stamps), written in each layout as the tools
that make them do, and read back with no hint of the layout: the reader that takes the
file must be the layout's, and nothing may be lost, added or moved.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from align import timecode
from align.readers import parse_transcript

NAMES = ["Maya Okafor", "Tomás Reyes", "Speaker 1", "Speaker 2", "Jen Luker", "Unknown Speaker"]
WORDS = st.sampled_from("the clock was quiet for thirty years and then it ran again every day we fixed more of "
                        "them".split())
Turn = tuple[str, int, list[list[str]]]  # name, start in seconds, paragraphs of words


@st.composite
def transcripts(draw: st.DrawFn) -> list[Turn]:
    cast = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=3, unique=True))
    count = draw(st.integers(min_value=len(cast) + 1, max_value=8))
    names = [cast[k % len(cast)] for k in range(count)]  # in turn, so that someone speaks twice
    t = draw(st.integers(min_value=0, max_value=100))
    turns: list[Turn] = []
    for name in names:
        paragraphs = draw(st.lists(st.lists(WORDS, min_size=1, max_size=12), min_size=1, max_size=3))
        for p in paragraphs:
            p[-1] = p[-1] + "."
        turns.append((name, t, paragraphs))
        t += draw(st.integers(min_value=1, max_value=400))
    return turns


def _clock(s: int) -> str:
    return timecode.clock(s * 1000)


def _minutes(s: int) -> str:
    return f"{s // 60}:{s % 60:02d}"


LAYOUTS: dict[str, Callable[[list[Turn]], str]] = {
    "bracketed": lambda turns: "\n\n".join(
        f"[{_clock(t)}] {n}: " + "\n\n".join(" ".join(p) for p in ps) for n, t, ps in turns),
    "markdown": lambda turns: "\n\n".join(
        f"**{n}:** \\[{_minutes(t)}\\] " + "\n\n".join(" ".join(p) for p in ps) for n, t, ps in turns),
    "otter": lambda turns: "\n\n".join(
        f"{n}  {_minutes(t)}  \n" + "\n\n".join(" ".join(p) for p in ps) for n, t, ps in turns)
        + "\n\nTranscribed by https://otter.ai\n",
    "segments": lambda turns: "\n".join(
        f"[{n}] [{_minutes(t)}] " + " ".join(w for p in ps for w in p) for n, t, ps in turns),
    "speaker-time": lambda turns: "---\ntitle: 'x'\n---\n" + "\n\n".join(
        f"{n}: {_clock(t)}\n\n" + "\n\n".join(" ".join(p) for p in ps) for n, t, ps in turns),
    "webpage": lambda turns: "- [Home](/)\n\n## Transcript\n\n" + "\n\n".join(
        f"### {_clock(t)} - Part\n\n**{n}**\n\n" + "\n\n".join(" ".join(p) for p in ps) for n, t, ps in turns),
}
SEGMENTED = {"segments"}  # a segment a line: the paragraphs of a turn are one line


@settings(max_examples=60, deadline=None)
@given(transcripts(), st.sampled_from(sorted(LAYOUTS)))
def test_every_turn_word_and_stamp_comes_back(turns: list[Turn], layout: str) -> None:
    t = parse_transcript(LAYOUTS[layout](turns), path="t.txt")
    assert t.reader == layout
    assert [x.label for x in t.turns] == [n for n, _, _ in turns]
    assert [x.marker_ms for x in t.turns] == [s * 1000 for _, s, _ in turns]
    assert [[tok.text for tok in x.tokens] for x in t.turns] == [[w for p in ps for w in p] for _, _, ps in turns]
    if layout not in SEGMENTED:
        assert [len(x.paragraphs) for x in t.turns] == [len(ps) for _, _, ps in turns]


@settings(max_examples=30, deadline=None)
@given(transcripts())
def test_plain_text_with_labels_keeps_every_word(turns: list[Turn]) -> None:
    text = "\n\n".join(f"{n}: " + "\n\n".join(" ".join(p) for p in ps) for n, _, ps in turns)
    t = parse_transcript(text, path="t.txt")
    assert t.reader == "plain"
    assert [x.label for x in t.turns] == [n for n, _, _ in turns]
    assert [tok.text for x in t.turns for tok in x.tokens] == [w for _, _, ps in turns for p in ps for w in p]

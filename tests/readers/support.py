"""What the reader tests share: the fixtures' folder and a compact view of a transcript."""

from __future__ import annotations

from pathlib import Path

from align.readers import Transcript, parse_transcript, read_transcript

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"


def turns(t: Transcript) -> list[tuple[str, int | None, str]]:
    """Each turn as (label, marker, its words)."""
    return [(x.label, x.marker_ms, " ".join(tok.text for tok in x.tokens)) for x in t.turns]


def anchors(t: Transcript) -> list[tuple[str, int]]:
    """Every anchored word and its anchor, in order."""
    return [(tok.text, tok.anchor_ms) for x in t.turns for tok in x.tokens if tok.anchor_ms is not None]


def messages(t: Transcript) -> list[str]:
    return [str(d) for d in t.diagnostics]


def read(name: str) -> Transcript:
    return read_transcript(DATA / name)


def parse(text: str, input_format: str | None = None) -> Transcript:
    return parse_transcript(text, path="t.txt", input_format=input_format)

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import AlignError
from align.reader import read_transcript
from align.speakers import initials, parse_mapping, resolve_speakers


def test_initials() -> None:
    assert initials("Connor Leahy") == "CL"
    assert initials("John von Neumann") == "JN"


def test_seed_speakers(seed: Path) -> None:
    t = read_transcript(seed)
    people, diags = resolve_speakers(t.turns, str(seed))
    assert people["CL"] is people["Connor Leahy"] and people["CL"].name == "Connor Leahy"
    assert people["SM"].name == "Stefano Maffulli"
    assert people["ANNOUNCER"].name == "Announcer"
    assert [str(d) for d in diags] == [
        f"{seed}:212: speaker 'SF' was never introduced; did you mean 'SM' (Stefano Maffulli)? "
        "map it with --speaker SF=SM (--map in clips and quote)"
    ]
    people, diags = resolve_speakers(t.turns, str(seed), {"SF": "SM"})
    assert people["SF"] is people["SM"] and diags == []


def test_mapping_renames_and_rejects_unknown(seed: Path) -> None:
    t = read_transcript(seed)
    people, _ = resolve_speakers(t.turns, str(seed), {"ANNOUNCER": "Voice-over"})
    assert people["ANNOUNCER"].name == "Voice-over"
    people, _ = resolve_speakers(t.turns, str(seed), {"SF": "Sam Fox"})
    assert people["SF"].name == "Sam Fox"
    with pytest.raises(AlignError, match="no label 'XX'"):
        resolve_speakers(t.turns, str(seed), {"XX": "SM"})


def test_parse_mapping() -> None:
    assert parse_mapping(["SF=SM", " HOST = Jane Doe "]) == {"SF": "SM", "HOST": "Jane Doe"}
    with pytest.raises(AlignError, match="OLD=NEW"):
        parse_mapping(["SF"])

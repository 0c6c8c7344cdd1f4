"""align.speakers: labels resolved to people: full names, their initials, user mappings."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import AlignError
from align.readers import read_transcript
from align.speakers import resolve_speakers


@pytest.mark.needs_shared
def test_seed_speakers(seed: Path) -> None:
    t = read_transcript(seed)
    people, diags = resolve_speakers(t.turns, str(seed))
    assert people["CL"] is people["Connor Leahy"] and people["CL"].name == "Connor Leahy"
    assert people["SM"].name == "Stefano Maffulli"
    assert people["ANNOUNCER"].name == "Announcer"
    assert [str(d) for d in diags] == [
        f"{seed}:212: speaker 'SF' was never introduced; did you mean 'SM' (Stefano Maffulli)?"
    ]
    assert diags[0].rename == ("SF", "SM")
    people, diags = resolve_speakers(t.turns, str(seed), {"SF": "SM"})
    assert people["SF"] is people["SM"] and diags == []


@pytest.mark.needs_shared
def test_mapping_renames_and_rejects_unknown(seed: Path) -> None:
    t = read_transcript(seed)
    people, _ = resolve_speakers(t.turns, str(seed), {"ANNOUNCER": "Voice-over"})
    assert people["ANNOUNCER"].name == "Voice-over"
    people, _ = resolve_speakers(t.turns, str(seed), {"SF": "Sam Fox"})
    assert people["SF"].name == "Sam Fox"
    with pytest.raises(AlignError, match="no speaker 'XX'"):
        resolve_speakers(t.turns, str(seed), {"XX": "SM"})

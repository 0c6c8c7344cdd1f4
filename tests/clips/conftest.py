"""A short recording of three turns of "speech" (tones) with pauses, shared by the clips tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.model import Turn
from tests.support import CL, SM, spread, tones

# Three turns of "speech" with pauses between; the second has a 60 ms stop inside it.
SPEECH = [(500, 2000), (2600, 2900), (2960, 4500), (5200, 6500)]


@pytest.fixture
def episode(tmp_path: Path) -> tuple[Path, list[Turn]]:
    wav = tones(tmp_path / "episode.wav", SPEECH, 7000)
    turns = [spread(0, CL, 500, 2000), spread(1, SM, 2600, 4500), spread(2, CL, 5200, 6500)]
    return wav, turns

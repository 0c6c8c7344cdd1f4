from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_7892dc062e92172c.txt"
SAMPLE = ROOT / "transcripts" / "sample.txt"


@pytest.fixture
def seed() -> Path:
    if not SEED.exists():
        pytest.skip("the user's transcript (../shared/seed) is not beside this checkout")
    return SEED


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a transcript into a temp folder and return its path."""

    def _write(text: str, name: str = "t.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


def need_ffmpeg() -> None:
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed")

"""align.writers.text: a readable transcript in the dialect align reads, re-timed."""

from __future__ import annotations

from pathlib import Path

from align.readers import read_transcript
from tests.support import SAMPLE, run_cli


def test_text_output_reads_back_as_the_same_transcript(tmp_path: Path) -> None:
    code, _, _ = run_cli("captions", str(SAMPLE), "-o", str(tmp_path / "t.txt"), "--speaker", "MA=MO")
    assert code == 0
    again = read_transcript(tmp_path / "t.txt")
    first = read_transcript(SAMPLE)
    assert [tok.text for t in again.turns for tok in t.tokens] == [tok.text for t in first.turns for tok in t.tokens]
    assert len(again.turns) == len(first.turns) and again.diagnostics == ()

"""align.cli.group: bare ``align`` runs the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from align import refine
from tests.support import run_cli


def test_the_demo_without_ffmpeg_captions_the_sample_text_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_ffmpeg: None) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli()
    assert code == 0
    assert out == "34 cues from 16 turns → out/demo/sample.srt, out/demo/sample.vtt, out/demo/sample.json\n"
    assert err.splitlines()[0] == "note: ffmpeg is missing; captions use text-only timing, no clips"
    assert len(err.splitlines()) == 4  # and the sample's three warnings
    assert sorted(p.name for p in (tmp_path / "out" / "demo").iterdir()) == [
        "sample.json", "sample.mp3", "sample.srt", "sample.txt", "sample.vtt"]
    code, out, _ = run_cli()
    assert (code, out) == (0, "out/demo holds the demo from an earlier run; remove it to run the demo again\n")


@pytest.mark.needs_ffmpeg
def test_the_demo_cuts_a_clip_per_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(refine, "available", lambda: "not in this test")  # alignment is tested elsewhere
    code, out, err = run_cli()
    assert code == 0, err
    assert out == ("34 cues from 16 turns → out/demo/sample.srt, out/demo/sample.vtt, out/demo/sample.json\n"
                   "16 clips (mp3) → out/demo/clips, with manifest.csv and manifest.json\n")
    assert "warning: out/demo/sample.txt: audio alignment is not available (not in this test)" in err
    assert len(list((tmp_path / "out" / "demo" / "clips").glob("*.mp3"))) == 16

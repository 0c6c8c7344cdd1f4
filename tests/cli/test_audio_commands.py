"""align.cli.audio_commands: clips, quote and preview on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import audio_commands, cli
from align.clips import ClipOptions, CutMode
from align.errors import AlignError
from align.jobs import Reading
from tests.support import SAMPLE, run_cli
from tests.support import SAMPLE_AUDIO as AUDIO


@pytest.mark.needs_ffmpeg
def test_clips_of_one_speaker_with_manifest(tmp_path: Path) -> None:
    code, out, err = run_cli("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path), "--only", "TR",
                          "--turns", "1-6", "--format", "wav", "--no-refine")
    assert code == 0, err
    assert out == f"3 clips (wav, re-encoded) → {tmp_path}, with manifest.csv and manifest.json\n"
    names = sorted(p.name for p in tmp_path.glob("*.wav"))
    assert names == ["0001_TR_00-00-13.wav", "0003_TR_00-00-21.wav", "0006_TR_00-01-00.wav"]
    rows = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    clips = rows["clips"] if isinstance(rows, dict) else rows
    assert [c["speaker"] for c in clips] == ["TR", "TR", "TR"]
    code, _, err = run_cli("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path), "--only", "TR",
                        "--turns", "1-6", "--format", "wav", "--no-refine")
    assert code == 1 and "--force" in err.splitlines()[-1]


@pytest.mark.needs_ffmpeg
def test_quote_found_and_missing(tmp_path: Path) -> None:
    code, out, err = run_cli("quote", str(SAMPLE), "A WHOLE family of them", "--audio", str(AUDIO), "-o",
                          str(tmp_path), "--no-refine")
    assert code == 0, err
    assert out.startswith("[00:01:1") and "TR: “A whole family of them.”" in out
    assert len(list(tmp_path.glob("*.srt"))) == 1 and len(list(tmp_path.glob("*.vtt"))) == 1
    code, out, err = run_cli("quote", str(SAMPLE), "purple elephants dancing on the moon", "--audio", str(AUDIO),
                          "-o", str(tmp_path), "--no-refine")
    errors = [ln for ln in err.splitlines() if ln.startswith("Error: ")]
    assert code == 1 and out == "" and len(errors) == 1 and "[00:0" in errors[0]


def test_turn_ranges_parse_into_inclusive_ranges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[ClipOptions] = []

    def fake_job(transcript: Path, audio: Path, out_dir: Path, reading: Reading, options: ClipOptions,
                 **kwargs: object) -> tuple[object, object]:
        seen.append(options)
        raise AlignError("stopped here")

    monkeypatch.setattr(audio_commands, "clips_job", fake_job)
    code, _, err = run_cli("clips", str(SAMPLE), "--audio", "x.wav", "--turns", "3-7, 12,20-,-2", "--only", "TR",
                        "--pad", "0.25", "--jobs", "3", "--no-refine")
    assert (code, err) == (1, "Error: stopped here\n")
    assert seen[0].turns == ((3, 7), (12, 12), (20, 10**9), (0, 2)) and seen[0].speakers == ("TR",)
    assert (seen[0].pad_ms, seen[0].jobs, seen[0].mode) == (250, 3, CutMode.REENCODE)


def test_preview_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["preview", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path),
                                      "--no-refine", "--speaker", "MA=MO"])
    assert result.exit_code == 0, result.stderr
    placement = "hard link" if tmp_path.stat().st_dev == AUDIO.stat().st_dev else "copy"
    assert result.stdout == (f"34 cues from 16 turns, 6 to look at → {tmp_path / 'sample.html'}, "
                             f"with sample.vtt and sample.mp3 ({placement})\n")
    result = CliRunner().invoke(cli, ["preview", str(SAMPLE), "--audio", str(tmp_path / "none.mp3"), "-o",
                                      str(tmp_path), "--no-refine"])
    assert result.exit_code == 1 and result.stderr.splitlines()[-1] == \
        f"Error: {tmp_path / 'none.mp3'}: no such file; check the path"

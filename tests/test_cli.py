from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pysrt
import pytest
import webvtt
from click.testing import CliRunner

from align.cli import cli

from .conftest import SAMPLE, need_ffmpeg


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_captions_on_the_seed_read_back_everywhere(seed: Path, tmp_path: Path) -> None:
    code, out, err = _run("captions", str(seed), "-o", str(tmp_path), "--format", "srt,vtt,json")
    assert code == 0, err
    srt, vtt = tmp_path / f"{seed.stem}.srt", tmp_path / f"{seed.stem}.vtt"
    doc = json.loads((tmp_path / f"{seed.stem}.json").read_text(encoding="utf-8"))
    count = len(doc["cues"])
    assert out == f"{count} cues from 71 turns → {srt}, {vtt}, {tmp_path / (seed.stem + '.json')}\n"
    assert "speaker 'SF' was never introduced" in err
    assert len(pysrt.open(str(srt))) == count
    assert len(webvtt.read(str(vtt)).captions) == count
    need_ffmpeg()
    for source in (srt, vtt):
        ass = tmp_path / (source.suffix[1:] + ".ass")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(source), str(ass)], check=True)
        dialogue = [ln for ln in ass.read_text(encoding="utf-8").splitlines() if ln.startswith("Dialogue:")]
        assert len(dialogue) == count


def test_speaker_mapping_and_label_modes(seed: Path, tmp_path: Path) -> None:
    code, _, err = _run("captions", str(seed), "-o", str(tmp_path), "--speaker", "SF=SM", "--speaker-labels", "names")
    assert code == 0 and "SF" not in err
    text = (tmp_path / f"{seed.stem}.srt").read_text(encoding="utf-8")
    assert "[Stefano Maffulli] Wonderful." in text and "[SF]" not in text
    vtt = (tmp_path / f"{seed.stem}.vtt").read_text(encoding="utf-8")
    assert "<v Stefano Maffulli>Wonderful." in vtt


def test_existing_outputs_are_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "sample.srt").write_text("mine")
    code, _, err = _run("captions", str(SAMPLE), "-o", str(tmp_path))
    assert code == 1
    assert err.strip().endswith(
        "sample.srt: already exists; add --force to replace it, or choose another folder with -o")
    assert (tmp_path / "sample.srt").read_text() == "mine" and not (tmp_path / "sample.vtt").exists()
    code, _, _ = _run("captions", str(SAMPLE), "-o", str(tmp_path), "--force")
    assert code == 0 and (tmp_path / "sample.srt").read_text() != "mine"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file; check the path"),
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "looks like a binary file"),
    ],
)
def test_bad_input_is_one_line(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "in.txt"
    if content is not None:
        path.write_bytes(content)
    code, out, err = _run("captions", str(path), "-o", str(tmp_path / "o"))
    assert code == 1 and out == ""
    assert err == f"Error: {path}: {message}" + err.split(message, 1)[1]
    assert err.count("\n") == 1 and "Traceback" not in err


def test_no_markers_latin1_and_utf16(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("Just a few words said by someone.\n")
    code, _, err = _run("captions", str(plain), "-o", str(tmp_path))
    assert code == 0 and "no '[HH:MM:SS] Name:' markers" in err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("[00:00:01] José Núñez: Olá, café.\n".encode("latin-1"))
    code, _, err = _run("captions", str(latin), "-o", str(tmp_path), "--speaker-labels", "names")
    assert code == 0 and "read as Windows-1252" in err
    assert "[José Núñez] Olá, café." in (tmp_path / "latin.srt").read_text(encoding="utf-8")
    wide = tmp_path / "wide.txt"
    wide.write_bytes("[00:00:01] Zoë Li: Ça va – “oui”.\n".encode("utf-16"))
    code, _, _ = _run("captions", str(wide), "-o", str(tmp_path), "--format", "vtt")
    assert code == 0 and "<v Zoë Li>Ça va – “oui”." in (tmp_path / "wide.vtt").read_text(encoding="utf-8")


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    code, _, err = _run("captions", str(SAMPLE), "-o", str(blocker / "sub"))
    errors = [ln for ln in err.splitlines() if not ln.startswith("warning: ")]
    assert code == 1 and len(errors) == 1 and errors[0].startswith("Error: ") and "cannot write there" in errors[0]


def test_info_lists_speakers_rate_and_warnings(seed: Path) -> None:
    code, out, _ = _run("info", str(seed))
    assert code == 0
    assert out.startswith(f"{seed}: 71 turns, 7370 words, ")
    assert "  CL         Connor Leahy          32 turns" in out
    assert "words/min while speaking" in out and "fitted on 68 marker spans" in out
    assert "warnings: 3\n" in out


def test_strict_fails_on_a_malformed_marker() -> None:
    code, _, err = _run("info", str(SAMPLE))
    assert code == 0
    code, _, err = _run("captions", str(SAMPLE), "--strict", "-o", "/tmp/unused-align-out")
    assert code == 1 and err.startswith(f"Error: {SAMPLE}:35: malformed marker [00:01:4O]")


def test_help_shows_examples() -> None:
    code, out, _ = _run("captions", "--help")
    assert code == 0 and "align captions episode.txt --speaker SF=SM" in out


def test_python_dash_m_works(tmp_path: Path) -> None:
    exe = shutil.which("python3") or "python3"
    venv_python = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python"
    python = str(venv_python) if venv_python.exists() else exe
    result = subprocess.run([python, "-m", "align", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "align, version 0.1.0"


AUDIO = SAMPLE.parent.parent / "media" / "sample.mp3"


@pytest.mark.ffmpeg
def test_clips_of_one_speaker_with_manifest(tmp_path: Path) -> None:
    need_ffmpeg()
    code, out, err = _run("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path), "--speaker", "TR",
                          "--turns", "1-6", "--format", "wav", "--no-refine")
    assert code == 0, err
    assert out == f"3 clips (wav, re-encoded) → {tmp_path}, with manifest.csv and manifest.json\n"
    names = sorted(p.name for p in tmp_path.glob("*.wav"))
    assert names == ["0001_TR_00-00-13.wav", "0003_TR_00-00-21.wav", "0006_TR_00-01-00.wav"]
    rows = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    clips = rows["clips"] if isinstance(rows, dict) else rows
    assert [c["speaker"] for c in clips] == ["TR", "TR", "TR"]
    code, _, err = _run("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path), "--speaker", "TR",
                        "--turns", "1-6", "--format", "wav", "--no-refine")
    assert code == 1 and "--force" in err.splitlines()[-1]


@pytest.mark.ffmpeg
def test_quote_found_and_missing(tmp_path: Path) -> None:
    need_ffmpeg()
    code, out, err = _run("quote", str(SAMPLE), "A WHOLE family of them", "--audio", str(AUDIO), "-o",
                          str(tmp_path), "--no-refine")
    assert code == 0, err
    assert out.startswith("[00:01:1") and "TR: “A whole family of them.”" in out
    assert len(list(tmp_path.glob("*.srt"))) == 1 and len(list(tmp_path.glob("*.vtt"))) == 1
    code, out, err = _run("quote", str(SAMPLE), "purple elephants dancing on the moon", "--audio", str(AUDIO),
                          "-o", str(tmp_path), "--no-refine")
    errors = [ln for ln in err.splitlines() if ln.startswith("Error: ")]
    assert code == 1 and out == "" and len(errors) == 1 and "[00:0" in errors[0]


def test_info_with_audio_shows_each_marker_against_where_its_turn_was_found() -> None:
    need_ffmpeg()
    code, out, err = _run("info", str(SAMPLE), "--audio", str(SAMPLE.parents[1] / "media" / "sample.mp3"),
                          "--speaker", "MA=MO")
    assert code == 0, err
    assert "alignment (pocketsphinx): 16 of 16 turns found in the audio" in out
    rows = [line.split() for line in out.splitlines() if line[:6].strip().isdigit()]
    assert len(rows) == 16
    assert rows[9][:6] == ["9", "25", "MO", "00:01:19", "00:01:16.8", "-2.1"]  # the late marker
    assert "-0.0 s" not in out  # a 30 ms offset is +0.0, not a signed zero
    assert "markers run 0.3 s early throughout" in out
    low = next(line for line in out.splitlines() if line.startswith("low confidence: "))
    assert "9" in low.removeprefix("low confidence: ").split(", ")  # found 2.1 s before its marker

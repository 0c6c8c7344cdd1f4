"""align.cli.text_commands: captions and info on the command line, exit status and output to the byte."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pysrt
import pytest
import webvtt

from tests.support import DATA, SAMPLE, run_cli
from tests.support import SAMPLE_AUDIO as AUDIO


@pytest.mark.needs_shared
def test_captions_on_the_seed_read_back_everywhere(seed: Path, tmp_path: Path) -> None:
    code, out, err = run_cli("captions", str(seed), "-o", str(tmp_path), "--format", "srt,vtt,json")
    assert code == 0, err
    srt, vtt = tmp_path / f"{seed.stem}.srt", tmp_path / f"{seed.stem}.vtt"
    doc = json.loads((tmp_path / f"{seed.stem}.json").read_text(encoding="utf-8"))
    count = len(doc["cues"])
    assert out == f"{count} cues from 71 turns → {srt}, {vtt}, {tmp_path / (seed.stem + '.json')}\n"
    assert "speaker 'SF' was never introduced" in err
    assert len(pysrt.open(str(srt))) == count
    assert len(webvtt.read(str(vtt)).captions) == count


@pytest.mark.needs_shared
@pytest.mark.needs_ffmpeg
def test_captions_on_the_seed_are_read_by_ffmpeg(seed: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("captions", str(seed), "-o", str(tmp_path), "--format", "srt,vtt,json")
    assert code == 0, err
    srt, vtt = tmp_path / f"{seed.stem}.srt", tmp_path / f"{seed.stem}.vtt"
    count = len(json.loads((tmp_path / f"{seed.stem}.json").read_text(encoding="utf-8"))["cues"])
    for source in (srt, vtt):
        ass = tmp_path / (source.suffix[1:] + ".ass")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(source), str(ass)], check=True)
        dialogue = [ln for ln in ass.read_text(encoding="utf-8").splitlines() if ln.startswith("Dialogue:")]
        assert len(dialogue) == count


@pytest.mark.needs_shared
def test_speaker_mapping_and_label_modes(seed: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("captions", str(seed), "-o", str(tmp_path), "--speaker", "SF=SM",
                           "--speaker-labels", "names")
    assert code == 0 and "SF" not in err
    text = (tmp_path / f"{seed.stem}.srt").read_text(encoding="utf-8")
    assert "[Stefano Maffulli] Wonderful." in text and "[SF]" not in text
    vtt = (tmp_path / f"{seed.stem}.vtt").read_text(encoding="utf-8")
    assert "<v Stefano Maffulli>Wonderful." in vtt


def test_existing_outputs_are_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "sample.srt").write_text("mine")
    code, _, err = run_cli("captions", str(SAMPLE), "-o", str(tmp_path))
    assert code == 1
    assert err.strip().endswith(
        "sample.srt: already exists; add --force to replace it, or choose another folder with -o")
    assert (tmp_path / "sample.srt").read_text() == "mine" and not (tmp_path / "sample.vtt").exists()
    code, _, _ = run_cli("captions", str(SAMPLE), "-o", str(tmp_path), "--force")
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
    code, out, err = run_cli("captions", str(path), "-o", str(tmp_path / "o"))
    assert code == 1 and out == ""
    assert err == f"Error: {path}: {message}" + err.split(message, 1)[1]
    assert err.count("\n") == 1 and "Traceback" not in err


def test_no_markers_latin1_and_utf16(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("Just a few words said by someone.\n")
    code, _, err = run_cli("captions", str(plain), "-o", str(tmp_path))
    assert code == 0 and "no '[HH:MM:SS] Name:' markers" in err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("[00:00:01] José Núñez: Olá, café.\n".encode("latin-1"))
    code, _, err = run_cli("captions", str(latin), "-o", str(tmp_path), "--speaker-labels", "names")
    assert code == 0 and "read as Windows-1252" in err
    assert "[José Núñez] Olá, café." in (tmp_path / "latin.srt").read_text(encoding="utf-8")
    wide = tmp_path / "wide.txt"
    wide.write_bytes("[00:00:01] Zoë Li: Ça va – “oui”.\n".encode("utf-16"))
    code, _, _ = run_cli("captions", str(wide), "-o", str(tmp_path), "--format", "vtt")
    assert code == 0 and "<v Zoë Li>Ça va – “oui”." in (tmp_path / "wide.vtt").read_text(encoding="utf-8")


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    code, _, err = run_cli("captions", str(SAMPLE), "-o", str(blocker / "sub"))
    errors = [ln for ln in err.splitlines() if not ln.startswith("warning: ")]
    assert code == 1 and len(errors) == 1 and errors[0].startswith("Error: ") and "cannot write there" in errors[0]


@pytest.mark.needs_shared
def test_info_lists_speakers_rate_and_warnings(seed: Path) -> None:
    code, out, _ = run_cli("info", str(seed))
    assert code == 0
    assert out.startswith(f"{seed}: 71 turns, 7370 words, ")
    assert "  CL         Connor Leahy          32 turns" in out
    assert "words/min while speaking" in out and "fitted on 68 marker spans" in out
    assert "warnings: 3\n" in out


def test_strict_fails_on_a_malformed_marker() -> None:
    code, _, err = run_cli("info", str(SAMPLE))
    assert code == 0
    code, _, err = run_cli("captions", str(SAMPLE), "--strict", "-o", "/tmp/unused-align-out")
    assert code == 1 and err.startswith(f"Error: {SAMPLE}:35: malformed marker [00:01:4O]")


def test_help_shows_examples() -> None:
    code, out, _ = run_cli("captions", "--help")
    assert code == 0 and "align captions episode.txt --speaker SF=SM" in out


@pytest.mark.needs_ffmpeg
def test_info_with_audio_shows_each_marker_against_where_its_turn_was_found() -> None:
    code, out, err = run_cli("info", str(SAMPLE), "--audio", str(AUDIO),
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


INTERVIEW = DATA / "interview.txt"


def test_info_prints_speakers_rate_and_warnings_exactly() -> None:
    code, out, err = run_cli("info", str(INTERVIEW))
    assert (code, err) == (0, "")
    assert out == f"""\
{INTERVIEW}: 12 turns, 131 words, 18 cues (netflix), ends at 00:01:09, read as bracketed
speakers:
  CL         Connor Leahy           5 turns    0.3 min  labels: CL, Connor, Connor Leahy
  SM         Stefano Maffulli       4 turns    0.3 min  labels: SM, Stefano Maffulli
  SF         SF                     1 turns    0.1 min  labels: SF
  ANNOUNCER  Announcer              2 turns    0.2 min  labels: ANNOUNCER
rate: 182 words/min while speaking, pauses 0.36 s after sentences, 0.25 s after clauses, 0.81 s between turns \
(fitted on 10 marker spans)
warnings: 4
  {INTERVIEW}:1: text before the first turn is not captioned: “Episode 7: transcript”
  {INTERVIEW}:33: 2 paragraph(s) of page text after the last turn are not captioned: \
“The views expressed are those of the…”, “Subscribe to the show Share this epis…”
  {INTERVIEW}:19: speaker 'SF' was never introduced; did you mean 'SM' (Stefano Maffulli)? \
map it with --speaker SF=SM
  {INTERVIEW}:23: 21 words in 2.0 s (11 a second) before the next marker, faster than anyone speaks; \
check the markers
"""


def test_captions_prints_its_files_and_warns_on_stderr(tmp_path: Path) -> None:
    code, out, err = run_cli("captions", str(INTERVIEW), "-o", str(tmp_path), "--speaker", "SF=SM",
                          "--format", "VTT,json", "--profile", "DCMP")
    assert code == 0
    doc = json.loads((tmp_path / "interview.json").read_text(encoding="utf-8"))
    files = f"{tmp_path / 'interview.vtt'}, {tmp_path / 'interview.json'}"
    assert out == f"{len(doc['cues'])} cues from 12 turns → {files}\n"
    assert doc["profile"] == "dcmp" and "SF" not in [s["key"] for s in doc["speakers"]]
    assert err.splitlines() == [
        f"warning: {INTERVIEW}:1: text before the first turn is not captioned: “Episode 7: transcript”",
        f"warning: {INTERVIEW}:33: 2 paragraph(s) of page text after the last turn are not captioned: "
        "“The views expressed are those of the…”, “Subscribe to the show Share this epis…”",
        f"warning: {INTERVIEW}:23: 21 words in 2.0 s (11 a second) before the next marker, faster than anyone "
        "speaks; check the markers"]


def test_a_label_nobody_introduced_gets_a_hint_to_name_it(tmp_path: Path) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("[00:00:01] Ann Lee: Hi.\n\n[00:00:02] QX: Hello.\n")
    code, out, _ = run_cli("info", str(transcript))
    assert code == 0 and out.endswith(f"  {transcript}:3: speaker 'QX' was never introduced; "
                                      "name it with --speaker QX='Full Name'\n")


def test_captions_never_write_over_the_transcript(tmp_path: Path) -> None:
    transcript = tmp_path / "episode.srt"
    transcript.write_text("[00:00:01] Ann Lee: Hello there.\n")
    code, out, err = run_cli("captions", str(transcript), "-o", str(tmp_path), "--format", "srt", "--force")
    assert (code, out) == (1, "")
    assert err == f"Error: {transcript}: would overwrite an input; choose another folder with -o\n"
    assert transcript.read_text() == "[00:00:01] Ann Lee: Hello there.\n"


def test_stdin_to_stdout_in_one_format(tmp_path: Path) -> None:
    code, out, err = run_cli("captions", "-", "-o", "-", "--format", "vtt", "--speaker", "MA=MO",
                          stdin=SAMPLE.read_text(encoding="utf-8"))
    assert code == 0
    assert out.startswith("WEBVTT\n\n00:00:00.500 --> 00:00:01.795\n<v Maya Okafor>Welcome to Field Notes,\n")
    assert "stdin:35: malformed marker" in err
    code, out, err = run_cli("captions", str(SAMPLE), "-o", "-")
    assert code == 2 and out == "" and "-o - writes one format to standard output" in err


def test_o_names_a_file_or_a_folder(tmp_path: Path) -> None:
    code, out, _ = run_cli("captions", str(SAMPLE), "-o", str(tmp_path / "ep.srt"), "--speaker", "MA=MO")
    assert code == 0 and out == f"34 cues from 16 turns → {tmp_path / 'ep.srt'}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ep.srt"]
    code, out, _ = run_cli("captions", str(SAMPLE), "-o", str(tmp_path / "ep.podcast.json"))
    assert code == 0 and json.loads((tmp_path / "ep.podcast.json").read_text())["version"] == "1.0.0"
    code, _, err = run_cli("captions", str(SAMPLE), "-o", str(tmp_path / "ep.vtt"), "--format", "srt")
    assert code == 1 and "ep.vtt is a vtt file; it cannot hold srt" in err
    code, out, _ = run_cli("captions", str(SAMPLE), "-o", str(tmp_path / "folder"))
    assert code == 0 and (tmp_path / "folder" / "sample.srt").exists()


def test_info_json(tmp_path: Path) -> None:
    code, out, _ = run_cli("info", str(SAMPLE), "--json", "--speaker", "MA=MO")
    doc = json.loads(out)
    assert code == 0 and doc["turns"] == 16 and doc["words"] == 321 and doc["reader"] == "bracketed"
    assert [s["key"] for s in doc["speakers"]] == ["MO", "TR", "ANNOUNCER"]
    assert doc["warnings"][0] == {"path": str(SAMPLE), "line": 35,
                                  "message": "malformed marker [00:01:4O]; timed from its neighbours "
                                             "(write it as [HH:MM:SS])"}

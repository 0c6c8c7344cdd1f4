"""align.cli: each command's output, exit status and one-line errors, through CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pysrt
import pytest
import webvtt
from click.testing import CliRunner

from align import cli as cli_module
from align import refine
from align.cli import cli, main
from align.clips import ClipOptions, CutMode
from align.errors import AlignError
from align.jobs import Reading
from tests.support import DATA, SAMPLE
from tests.support import SAMPLE_AUDIO as AUDIO


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), prog_name="align")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.needs_shared
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


@pytest.mark.needs_shared
@pytest.mark.needs_ffmpeg
def test_captions_on_the_seed_are_read_by_ffmpeg(seed: Path, tmp_path: Path) -> None:
    code, _, err = _run("captions", str(seed), "-o", str(tmp_path), "--format", "srt,vtt,json")
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


@pytest.mark.needs_shared
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


def test_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "align", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "align, version 0.1.0"


@pytest.mark.needs_ffmpeg
def test_clips_of_one_speaker_with_manifest(tmp_path: Path) -> None:
    code, out, err = _run("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path), "--only", "TR",
                          "--turns", "1-6", "--format", "wav", "--no-refine")
    assert code == 0, err
    assert out == f"3 clips (wav, re-encoded) → {tmp_path}, with manifest.csv and manifest.json\n"
    names = sorted(p.name for p in tmp_path.glob("*.wav"))
    assert names == ["0001_TR_00-00-13.wav", "0003_TR_00-00-21.wav", "0006_TR_00-01-00.wav"]
    rows = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    clips = rows["clips"] if isinstance(rows, dict) else rows
    assert [c["speaker"] for c in clips] == ["TR", "TR", "TR"]
    code, _, err = _run("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path), "--only", "TR",
                        "--turns", "1-6", "--format", "wav", "--no-refine")
    assert code == 1 and "--force" in err.splitlines()[-1]


@pytest.mark.needs_ffmpeg
def test_quote_found_and_missing(tmp_path: Path) -> None:
    code, out, err = _run("quote", str(SAMPLE), "A WHOLE family of them", "--audio", str(AUDIO), "-o",
                          str(tmp_path), "--no-refine")
    assert code == 0, err
    assert out.startswith("[00:01:1") and "TR: “A whole family of them.”" in out
    assert len(list(tmp_path.glob("*.srt"))) == 1 and len(list(tmp_path.glob("*.vtt"))) == 1
    code, out, err = _run("quote", str(SAMPLE), "purple elephants dancing on the moon", "--audio", str(AUDIO),
                          "-o", str(tmp_path), "--no-refine")
    errors = [ln for ln in err.splitlines() if ln.startswith("Error: ")]
    assert code == 1 and out == "" and len(errors) == 1 and "[00:0" in errors[0]


@pytest.mark.needs_ffmpeg
def test_info_with_audio_shows_each_marker_against_where_its_turn_was_found() -> None:
    code, out, err = _run("info", str(SAMPLE), "--audio", str(AUDIO),
                          "--speaker", "MA=MO")
    assert code == 0, err
    assert "alignment (pocketsphinx): 16 of 16 turns found in the audio" in out
    rows = [line.split() for line in out.splitlines() if line[:6].strip().isdigit()]
    assert len(rows) == 16
    assert rows[9][:6] == ["9", "25", "MO", "00:01:19", "00:01:16.8", "-2.1"]  # the late marker
    assert "-0.0 s" not in out  # a 30 ms offset is +0.0, not a signed zero
    assert "markers are 0.3 s early on the median" in out


# ---------------------------------------------------------------- exact output


INTERVIEW = DATA / "interview.txt"


def test_info_prints_speakers_rate_and_warnings_exactly() -> None:
    code, out, err = _run("info", str(INTERVIEW))
    assert (code, err) == (0, "")
    assert out == f"""\
{INTERVIEW}: 12 turns, 131 words, 18 cues (netflix), ends at 00:01:09
speakers:
  CL         Connor Leahy           5 turns    0.3 min  labels: CL, Connor, Connor Leahy
  SM         Stefano Maffulli       4 turns    0.3 min  labels: SM, Stefano Maffulli
  SF         SF                     1 turns    0.1 min  labels: SF
  ANNOUNCER  Announcer              2 turns    0.2 min  labels: ANNOUNCER
rate: 182 words/min while speaking, pauses 0.36 s after sentences, 0.25 s after clauses, 0.81 s between turns \
(fitted on 10 marker spans)
warnings: 3
  {INTERVIEW}:1: text before the first turn is not captioned: “Episode 7: transcript”
  {INTERVIEW}:33: 2 paragraph(s) of page text after the last turn are not captioned: \
“The views expressed are those of the…”, “Subscribe to the show Share this epis…”
  {INTERVIEW}:19: speaker 'SF' was never introduced; did you mean 'SM' (Stefano Maffulli)?; \
map it with --speaker SF=SM
"""


def test_captions_prints_its_files_and_warns_on_stderr(tmp_path: Path) -> None:
    code, out, err = _run("captions", str(INTERVIEW), "-o", str(tmp_path), "--speaker", "SF=SM",
                          "--format", "VTT,json", "--profile", "DCMP")
    assert code == 0
    doc = json.loads((tmp_path / "interview.json").read_text(encoding="utf-8"))
    files = f"{tmp_path / 'interview.vtt'}, {tmp_path / 'interview.json'}"
    assert out == f"{len(doc['cues'])} cues from 12 turns → {files}\n"
    assert doc["profile"] == "dcmp" and "SF" not in [s["key"] for s in doc["speakers"]]
    assert err.splitlines() == [
        f"warning: {INTERVIEW}:1: text before the first turn is not captioned: “Episode 7: transcript”",
        f"warning: {INTERVIEW}:33: 2 paragraph(s) of page text after the last turn are not captioned: "
        "“The views expressed are those of the…”, “Subscribe to the show Share this epis…”"]


def test_a_label_nobody_introduced_gets_a_hint_to_name_it(tmp_path: Path) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("[00:00:01] Ann Lee: Hi.\n\n[00:00:02] QX: Hello.\n")
    code, out, _ = _run("info", str(transcript))
    assert code == 0 and out.endswith(f"  {transcript}:3: speaker 'QX' was never introduced; "
                                      "name it with --speaker QX='Full Name'\n")


# ---------------------------------------------------------------- option errors


@pytest.mark.parametrize(("args", "message"), [
    (("captions", "T", "--speaker", "SF"),
     "Invalid value for '--speaker': 'SF': write it as OLD=NEW, e.g. --speaker SF=SM"),
    (("captions", "T", "--speaker", "=SM"),
     "Invalid value for '--speaker': '=SM': write it as OLD=NEW, e.g. --speaker SF=SM"),
    (("captions", "T", "--format", "srt,ass"), "Invalid value for '--format': 'srt,ass': choose from srt, vtt, json "
                                              "(comma-separated)"),
    (("captions", "T", "--format", " , "), "Invalid value for '--format': ' , ': choose from srt, vtt, json "
                                          "(comma-separated)"),
    (("clips", "T", "--audio", "A", "--turns", "7-3"), "Invalid value for '--turns': '7-3': 7-3 runs backwards; "
                                                        "write 3-7"),
    (("clips", "T", "--audio", "A", "--turns", "x"), "Invalid value for '--turns': 'x': write turn numbers like 3-7, "
                                                      "12 or 3-7,10-"),
    (("clips", "T", "--audio", "A", "--turns", "1,-"), "Invalid value for '--turns': '1,-': write turn numbers like "
                                                        "3-7, 12 or 3-7,10-"),
    (("clips", "T", "--audio", "A", "--pad", "nan"), "Invalid value for '--pad': nan is not a number of seconds"),
    (("quote", "T", "w", "--audio", "A", "--fade", "61"), "Invalid value for '--fade': 61.0 is not in the range "
                                                          "0<=x<=60."),
])
def test_an_option_that_does_not_parse_is_a_usage_error(args: tuple[str, ...], message: str) -> None:
    code, out, err = _run(*args)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == f"Error: {message}"
    assert err.startswith(f"Usage: align {args[0]} [OPTIONS] TRANSCRIPT")


def test_turn_ranges_parse_into_inclusive_ranges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[ClipOptions] = []

    def fake_job(transcript: Path, audio: Path, out_dir: Path, reading: Reading, options: ClipOptions
                 ) -> tuple[object, object]:
        seen.append(options)
        raise AlignError("stopped here")

    monkeypatch.setattr(cli_module, "clips_job", fake_job)
    code, _, err = _run("clips", str(SAMPLE), "--audio", "x.wav", "--turns", "3-7, 12,20-,-2", "--only", "TR",
                        "--pad", "0.25", "--jobs", "3", "--no-refine")
    assert (code, err) == (1, "Error: stopped here\n")
    assert seen[0].turns == ((3, 7), (12, 12), (20, 10**9), (0, 2)) and seen[0].speakers == ("TR",)
    assert (seen[0].pad_ms, seen[0].jobs, seen[0].mode) == (250, 3, CutMode.REENCODE)


@pytest.mark.parametrize(("args", "error"), [
    (("captions", str(SAMPLE), "--speaker", "XX=MO"),
     f"--speaker XX=…: no speaker 'XX' in {SAMPLE}; the speakers are Maya Okafor, Tomás Reyes, MO, TR, MA, ANNOUNCER"),
    (("clips", str(SAMPLE), "--audio", str(AUDIO), "--only", "XY", "--no-refine"),
     "--only XY: no speaker 'XY'; the speakers are ANNOUNCER, MA, MO, TR"),
    (("clips", str(SAMPLE), "--audio", str(AUDIO), "--turns", "90-99", "--no-refine"),
     "--only/--turns: no turn is both of the speakers and in the turns chosen; run `align info` to see the "
     "speakers and turns"),
    (("clips", str(SAMPLE), "--audio", str(AUDIO), "--copy", "--fade", "1", "--no-refine"),
     "--fade: a fade needs re-encoding; a stream copy cannot fade; drop --copy or --fade"),
    (("info", str(SAMPLE), "--ffmpeg", "/nonexistent/ffmpeg"),
     "--ffmpeg /nonexistent/ffmpeg: no such program; install it (apt install ffmpeg) or pass --ffmpeg PATH"),
])
def test_a_library_error_is_one_line_that_names_this_command_s_option(args: tuple[str, ...], error: str) -> None:
    code, out, err = _run(*args)
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == f"Error: {error}"
    assert all(line.startswith("warning: ") for line in err.splitlines()[:-1])


def test_ffmpeg_named_by_the_environment_but_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_FFMPEG", "/nonexistent/ffmpeg")
    code, _, err = _run("info", str(SAMPLE))
    assert (code, err) == (1, "Error: ALIGN_FFMPEG /nonexistent/ffmpeg: no such program; install it (apt install "
                              "ffmpeg) or pass --ffmpeg PATH\n")


def test_no_ffmpeg_for_an_mp3_says_how_to_get_one(no_ffmpeg: None) -> None:
    code, _, err = _run("clips", str(SAMPLE), "--audio", str(AUDIO), "--no-refine")
    assert code == 1 and err.splitlines()[-1] == (
        "Error: ffmpeg is needed to read .mp3 audio (WAV works without it); install it (apt install ffmpeg) or set "
        "ALIGN_FFMPEG to its path (or pass --ffmpeg PATH)")


def test_captions_never_write_over_the_transcript(tmp_path: Path) -> None:
    transcript = tmp_path / "episode.srt"
    transcript.write_text("[00:00:01] Ann Lee: Hello there.\n")
    code, out, err = _run("captions", str(transcript), "-o", str(tmp_path), "--format", "srt", "--force")
    assert (code, out) == (1, "")
    assert err == f"Error: {transcript}: would overwrite an input; choose another folder with -o\n"
    assert transcript.read_text() == "[00:00:01] Ann Lee: Hello there.\n"


# ---------------------------------------------------------------- the demo


def test_the_demo_without_ffmpeg_captions_the_sample_text_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_ffmpeg: None) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run()
    assert code == 0
    assert out == "34 cues from 16 turns → out/demo/sample.srt, out/demo/sample.vtt, out/demo/sample.json\n"
    assert err.splitlines()[0] == "note: ffmpeg is missing; captions use text-only timing, no clips"
    assert len(err.splitlines()) == 4  # and the sample's three warnings
    assert sorted(p.name for p in (tmp_path / "out" / "demo").iterdir()) == [
        "sample.json", "sample.mp3", "sample.srt", "sample.txt", "sample.vtt"]
    code, out, _ = _run()
    assert (code, out) == (0, "out/demo holds the demo from an earlier run; remove it to run the demo again\n")


@pytest.mark.needs_ffmpeg
def test_the_demo_cuts_a_clip_per_turn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(refine, "available", lambda: "not in this test")  # alignment is tested elsewhere
    code, out, err = _run()
    assert code == 0, err
    assert out == ("34 cues from 16 turns → out/demo/sample.srt, out/demo/sample.vtt, out/demo/sample.json\n"
                   "16 clips (mp3) → out/demo/clips, with manifest.csv and manifest.json\n")
    assert "warning: out/demo/sample.txt: audio alignment is not available (not in this test)" in err
    assert len(list((tmp_path / "out" / "demo" / "clips").glob("*.mp3"))) == 16


def test_main_runs_the_command_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["align", "--version"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0 and capsys.readouterr().out == "align, version 0.1.0\n"

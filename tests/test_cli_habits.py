"""The command line as people use it: watched on a terminal, piped, scripted, batched, interrupted."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import cli
from align.readers import read_transcript

from .conftest import SAMPLE

AUDIO = SAMPLE.parent.parent / "media" / "sample.mp3"
needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def _align(*args: str, cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "align", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, check=False, **kwargs)  # type: ignore[call-overload]


# ---------------------------------------------------------------- progress


@needs_ffmpeg
def test_a_terminal_sees_the_bars_a_pipe_sees_only_the_result(tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    proc = subprocess.Popen([sys.executable, "-m", "align", "captions", str(SAMPLE), "--audio", str(AUDIO),
                             "-o", str(tmp_path / "tty"), "--speaker", "MA=MO"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal, env=env)
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=60)
    os.close(controller)
    text = seen.decode(errors="replace")
    assert proc.returncode == 0
    assert "decoding sample.mp3" in text and "aligning" in text and "16/16" in text  # a bar per stage
    assert out.decode() == f"34 cues from 16 turns → {tmp_path / 'tty' / 'sample.srt'}, " \
                           f"{tmp_path / 'tty' / 'sample.vtt'}\n"
    piped = _align("captions", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path / "pipe"),
                   "--speaker", "MA=MO", cwd=tmp_path)
    assert piped.returncode == 0
    assert piped.stdout == f"34 cues from 16 turns → {tmp_path / 'pipe' / 'sample.srt'}, " \
                           f"{tmp_path / 'pipe' / 'sample.vtt'}\n"
    assert [line.split(":")[0] for line in piped.stderr.splitlines()] == ["warning"] * 3  # no bar on a pipe


def test_verbose_anywhere_logs_each_stage_and_quiet_prints_errors_only(tmp_path: Path) -> None:
    for args in (["-v", "captions", str(SAMPLE)], ["captions", str(SAMPLE), "-v"]):
        done = _align(*args, "-o", str(tmp_path / "v"), "--force", cwd=tmp_path)
        stages = [line for line in done.stderr.splitlines() if line.startswith("align: ")]
        assert [s.split(":")[1].strip() for s in stages] == ["reading sample.txt", "timing from the text",
                                                              "cutting cues", "writing"]
        assert all(s.endswith(" s") for s in stages)
    quiet = _align("captions", str(SAMPLE), "-o", str(tmp_path / "q"), "-q", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    failed = _align("-q", "captions", str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert failed.returncode == 1
    assert failed.stderr == f"Error: {tmp_path / 'missing.txt'}: no such file; check the path\n"


# ---------------------------------------------------------------- standard streams and files


def test_stdin_to_stdout_in_one_format(tmp_path: Path) -> None:
    code, out, err = _run("captions", "-", "-o", "-", "--format", "vtt", "--speaker", "MA=MO",
                          stdin=SAMPLE.read_text(encoding="utf-8"))
    assert code == 0
    assert out.startswith("WEBVTT\n\n00:00:00.500 --> 00:00:01.795\n<v Maya Okafor>Welcome to Field Notes,\n")
    assert "stdin:35: malformed marker" in err
    code, out, err = _run("captions", str(SAMPLE), "-o", "-")
    assert code == 2 and out == "" and "-o - writes one format to standard output" in err


def test_o_names_a_file_or_a_folder(tmp_path: Path) -> None:
    code, out, _ = _run("captions", str(SAMPLE), "-o", str(tmp_path / "ep.srt"), "--speaker", "MA=MO")
    assert code == 0 and out == f"34 cues from 16 turns → {tmp_path / 'ep.srt'}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ep.srt"]
    code, out, _ = _run("captions", str(SAMPLE), "-o", str(tmp_path / "ep.podcast.json"))
    assert code == 0 and json.loads((tmp_path / "ep.podcast.json").read_text())["version"] == "1.0.0"
    code, _, err = _run("captions", str(SAMPLE), "-o", str(tmp_path / "ep.vtt"), "--format", "srt")
    assert code == 1 and "ep.vtt is a vtt file; it cannot hold srt" in err
    code, out, _ = _run("captions", str(SAMPLE), "-o", str(tmp_path / "folder"))
    assert code == 0 and (tmp_path / "folder" / "sample.srt").exists()


# ---------------------------------------------------------------- more outputs, read by others


def test_ttml_is_imsc1_text_read_by_ttconv(tmp_path: Path) -> None:
    ttconv = pytest.importorskip("ttconv.imsc.reader", reason="ttconv (a dev dependency) is not installed")
    code, _, err = _run("captions", str(SAMPLE), "-o", str(tmp_path), "--format", "ttml,vtt", "--speaker", "MA=MO")
    assert code == 0, err
    tree = ET.parse(tmp_path / "sample.ttml")
    ns = {"tt": "http://www.w3.org/ns/ttml", "ttm": "http://www.w3.org/ns/ttml#metadata"}
    root = tree.getroot()
    assert root.get("{http://www.w3.org/ns/ttml#parameter}profile") == "http://www.w3.org/ns/ttml/profile/imsc1/text"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    agents = {a.get("{http://www.w3.org/XML/1998/namespace}id"): a.find("ttm:name", ns).text  # type: ignore[union-attr]
              for a in root.iterfind(".//ttm:agent", ns)}
    assert agents == {"speaker1": "Maya Okafor", "speaker2": "Tomás Reyes", "speaker3": "Announcer"}
    paragraphs = root.findall(".//tt:p", ns)
    assert len(paragraphs) == 34 and all(p.get("{http://www.w3.org/ns/ttml#metadata}agent") in agents
                                         for p in paragraphs)
    vtt_cues = (tmp_path / "sample.vtt").read_text(encoding="utf-8").split("\n\n")[1:]
    assert [p.get("begin") for p in paragraphs] == [c.split(" --> ")[0] for c in vtt_cues]
    doc = ttconv.to_model(tree)  # an IMSC reader of its own: it raises on what the profile forbids
    body_text = []

    def walk(element: object) -> None:
        text = getattr(element, "get_text", None)
        if text is not None:
            body_text.append(text())
        for child in element:  # type: ignore[attr-defined]
            walk(child)

    walk(doc.get_body())
    assert " ".join(body_text).split() == " ".join(
        " ".join(p.itertext()) for p in paragraphs).split()


def test_podcast_json_has_the_documented_fields(tmp_path: Path) -> None:
    code, _, _ = _run("captions", str(SAMPLE), "-o", str(tmp_path), "--format", "podcast,json", "--speaker", "MA=MO")
    assert code == 0
    doc = json.loads((tmp_path / "sample.podcast.json").read_text(encoding="utf-8"))
    ours = json.loads((tmp_path / "sample.json").read_text(encoding="utf-8"))
    assert set(doc) == {"version", "segments"} and doc["version"] == "1.0.0"
    segments = doc["segments"]
    assert all(set(s) == {"speaker", "startTime", "endTime", "body"} for s in segments)
    assert all(isinstance(s["startTime"], int | float) and s["endTime"] > s["startTime"] for s in segments)
    assert [s["startTime"] for s in segments] == sorted(s["startTime"] for s in segments)
    words = [w[0] for t in ours["turns"] for w in t["words"]]
    assert [s["body"].rstrip("\n") for s in segments] == words
    paragraphs = sum(len(t.paragraphs) for t in read_transcript(SAMPLE).turns)
    assert sum(s["body"].endswith("\n") for s in segments) == paragraphs
    assert {s["speaker"] for s in segments} == {"Maya Okafor", "Tomás Reyes", "Announcer"}


def test_text_output_reads_back_as_the_same_transcript(tmp_path: Path) -> None:
    code, _, _ = _run("captions", str(SAMPLE), "-o", str(tmp_path / "t.txt"), "--speaker", "MA=MO")
    assert code == 0
    again = read_transcript(tmp_path / "t.txt")
    first = read_transcript(SAMPLE)
    assert [tok.text for t in again.turns for tok in t.tokens] == [tok.text for t in first.turns for tok in t.tokens]
    assert len(again.turns) == len(first.turns) and again.diagnostics == ()


def test_info_json(tmp_path: Path) -> None:
    code, out, _ = _run("info", str(SAMPLE), "--json", "--speaker", "MA=MO")
    doc = json.loads(out)
    assert code == 0 and doc["turns"] == 16 and doc["words"] == 321 and doc["reader"] == "bracketed"
    assert [s["key"] for s in doc["speakers"]] == ["MO", "TR", "ANNOUNCER"]
    assert doc["warnings"][0] == {"path": str(SAMPLE), "line": 35,
                                  "message": "malformed marker [00:01:4O]; timed from its neighbours "
                                             "(write it as [HH:MM:SS])"}


# ---------------------------------------------------------------- many episodes


def test_a_batch_with_one_broken_episode_and_its_rerun(tmp_path: Path) -> None:
    (tmp_path / "eps").mkdir()
    for name in ("a", "b"):
        shutil.copyfile(SAMPLE, tmp_path / "eps" / f"{name}.txt")
    (tmp_path / "eps" / "c.txt").write_bytes(b"\x89PNG\x00\x00\x00binary")
    code, out, err = _run("captions", *(str(tmp_path / "eps" / f"{n}.txt") for n in "abc"), "-o",
                          str(tmp_path / "subs"), "--speaker", "MA=MO", "--jobs", "2")
    assert code == 1
    rows = [line.split() for line in out.splitlines()]
    assert [r[1] for r in rows[1:4]] == ["done", "done", "failed"]
    assert rows[-1] == "3 episodes: 2 done, 0 skipped, 1 failed".split()
    assert f"Error: {tmp_path / 'eps' / 'c.txt'}: looks like a binary file" in err
    assert sorted(p.name for p in (tmp_path / "subs").iterdir()) == ["a.srt", "a.vtt", "b.srt", "b.vtt"]
    code, out, _ = _run("captions", *(str(tmp_path / "eps" / f"{n}.txt") for n in "abc"), "-o",
                        str(tmp_path / "subs"), "--speaker", "MA=MO")
    assert code == 1 and out.splitlines()[-1] == "3 episodes: 0 done, 2 skipped, 1 failed"
    (tmp_path / "eps" / "a.txt").touch()
    os.utime(tmp_path / "eps" / "a.txt", (time.time() + 5, time.time() + 5))  # edited after its captions
    code, out, _ = _run("captions", *(str(tmp_path / "eps" / f"{n}.txt") for n in "ab"), "-o",
                        str(tmp_path / "subs"), "--speaker", "MA=MO", "--force")
    assert code == 0 and out.splitlines()[-1] == "2 episodes: 2 done, 0 skipped, 0 failed"


def test_a_manifest_names_each_episode(tmp_path: Path) -> None:
    shutil.copyfile(SAMPLE, tmp_path / "one.txt")
    (tmp_path / "list.csv").write_text("transcript,output\none.txt,out/one.vtt\nmissing.txt,\n")
    code, out, err = _run("captions", "--manifest", str(tmp_path / "list.csv"), "-o", str(tmp_path / "rest"))
    assert code == 1 and (tmp_path / "out" / "one.vtt").exists()
    assert "missing.txt: no such file" in err and out.splitlines()[-1] == "2 episodes: 1 done, 0 skipped, 1 failed"
    (tmp_path / "bad.csv").write_text("file\nx.txt\n")
    code, _, err = _run("captions", "--manifest", str(tmp_path / "bad.csv"))
    assert code == 1 and "bad.csv:1: needs a header line with a 'transcript' column" in err


def test_a_recording_is_found_by_name(tmp_path: Path) -> None:
    from align.batch import plan

    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "ep1.mp3").write_bytes(b"x")
    episodes = plan([tmp_path / "ep1.txt", tmp_path / "ep2.txt"], tmp_path / "out", audio_dir=tmp_path / "media")
    assert episodes[0].audio == tmp_path / "media" / "ep1.mp3" and episodes[0].problem == ""
    assert episodes[1].audio is None and "no recording named ep2.* in" in episodes[1].problem


# ---------------------------------------------------------------- interrupted, scripted


@needs_ffmpeg
def test_ctrl_c_mid_alignment(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "sample.vtt").write_text("an earlier file")
    proc = subprocess.Popen([sys.executable, "-m", "align", "captions", str(SAMPLE), "--audio", str(AUDIO),
                             "-o", str(out), "--force", "-v"], stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:  # wait until the recording is decoded: alignment is under way
        if line.startswith("align: decoding"):
            break
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read()
    assert proc.wait(timeout=30) == 130
    assert rest.strip().endswith("Interrupted; nothing half-written was left behind.") and "Traceback" not in rest
    assert sorted(p.name for p in out.iterdir()) == ["sample.vtt"]
    assert (out / "sample.vtt").read_text() == "an earlier file"


@needs_ffmpeg
def test_a_script_without_a_main_guard(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(f"""
        from align import make_captions
        captions = make_captions({str(SAMPLE)!r}, audio={str(AUDIO)!r}, speaker_map={{"MA": "MO"}})
        print(sum(t.aligned for t in captions.turns), len(captions.turns))
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout == "16 16\n" and done.stderr == ""

"""align.cli.common: option parsing, one-line errors with the hint for the command at hand,
warnings, -v and -q, and progress bars on a terminal only."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import SAMPLE, run_align, run_cli
from tests.support import SAMPLE_AUDIO as AUDIO


@pytest.mark.parametrize(("args", "message"), [
    (("captions", "T", "--speaker", "SF"),
     "Invalid value for '--speaker': 'SF': write it as OLD=NEW, e.g. --speaker SF=SM"),
    (("captions", "T", "--speaker", "=SM"),
     "Invalid value for '--speaker': '=SM': write it as OLD=NEW, e.g. --speaker SF=SM"),
    (("captions", "T", "--format", "srt,ass"),
     "Invalid value for '--format': 'srt,ass': choose from srt, vtt, json, txt, podcast, ttml (comma-separated)"),
    (("captions", "T", "--format", " , "),
     "Invalid value for '--format': ' , ': choose from srt, vtt, json, txt, podcast, ttml (comma-separated)"),
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
    code, out, err = run_cli(*args)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == f"Error: {message}"
    assert err.startswith(f"Usage: align {args[0]} [OPTIONS] TRANSCRIPT")


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
    code, out, err = run_cli(*args)
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == f"Error: {error}"
    assert all(line.startswith("warning: ") for line in err.splitlines()[:-1])


def test_ffmpeg_named_by_the_environment_but_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_FFMPEG", "/nonexistent/ffmpeg")
    code, _, err = run_cli("info", str(SAMPLE), "--audio", str(AUDIO))
    assert (code, err) == (1, "Error: ALIGN_FFMPEG /nonexistent/ffmpeg: no such program; install it (apt install "
                              "ffmpeg) or pass --ffmpeg PATH\n")
    code, out, _ = run_cli("info", str(SAMPLE))  # no recording to read: ffmpeg is not needed
    assert code == 0 and out.startswith(f"{SAMPLE}: 16 turns")


def test_no_ffmpeg_for_an_mp3_says_how_to_get_one(no_ffmpeg: None) -> None:
    code, _, err = run_cli("clips", str(SAMPLE), "--audio", str(AUDIO), "--no-refine")
    assert code == 1 and err.splitlines()[-1] == (
        "Error: ffmpeg is needed to read .mp3 audio (WAV works without it); install it (apt install ffmpeg) or set "
        "ALIGN_FFMPEG to its path (or pass --ffmpeg PATH)")


@pytest.mark.needs_ffmpeg
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
    cues, _, rest = out.decode().partition(" cues from 16 turns → ")
    assert cues.isdigit() and rest == f"{tmp_path / 'tty' / 'sample.srt'}, {tmp_path / 'tty' / 'sample.vtt'}\n"
    piped = run_align("captions", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path / "pipe"),
                   "--speaker", "MA=MO", cwd=tmp_path)
    assert piped.returncode == 0
    assert piped.stdout == f"33 cues from 16 turns → {tmp_path / 'pipe' / 'sample.srt'}, " \
                           f"{tmp_path / 'pipe' / 'sample.vtt'}\n"
    assert [line.split(":")[0] for line in piped.stderr.splitlines()] == ["warning"] * 5  # no bar on a pipe


def test_verbose_anywhere_logs_each_stage_and_quiet_prints_errors_only(tmp_path: Path) -> None:
    for args in (["-v", "captions", str(SAMPLE)], ["captions", str(SAMPLE), "-v"]):
        done = run_align(*args, "-o", str(tmp_path / "v"), "--force", cwd=tmp_path)
        stages = [line for line in done.stderr.splitlines() if line.startswith("align: ")]
        assert [s.split(":")[1].strip() for s in stages] == ["reading sample.txt", "timing from the text",
                                                              "cutting cues", "writing"]
        assert all(s.endswith(" s") for s in stages)
    quiet = run_align("captions", str(SAMPLE), "-o", str(tmp_path / "q"), "-q", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    failed = run_align("-q", "captions", str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert failed.returncode == 1
    assert failed.stderr == f"Error: {tmp_path / 'missing.txt'}: no such file; check the path\n"

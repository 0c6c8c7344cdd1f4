from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from align.check import Rule, Severity, check_captions, check_file
from align.cli import cli
from align.cues import get_profile
from align.pipeline import make_captions
from align.writers import write_captions
from tests.support import SAMPLE

NETFLIX = get_profile("netflix")

# One fault a cue, each marked with the rule it breaks at the line where it must be reported.
FAULTS_VTT = """\
WEBVTT

00:00:01.000 --> 00:00:03.000
<v Ann>A clean first cue.

00:00:04.000 --> 00:00:07.000
<v Ann>This line holds far more than forty-two characters  # line-length

00:00:08.000 --> 00:00:11.000
One,  # lines
two,
three.

00:00:12.000 --> 00:00:13.000  # reading-speed
Thirty-two characters in a second

00:00:14.000 --> 00:00:14.500  # min-duration
Hi.

00:00:15.000 --> 00:00:23.000  # max-duration
Long.

00:00:23.040 --> 00:00:25.000  # gap
Too close.

00:00:24.500 --> 00:00:26.500  # overlap
On top.

00:00:20.000 --> 00:00:21.000  # order
Back in time.

00:00:27.000 --> 00:00:28.000  # empty-cue

00:00:29.000 --> 00:00:31.000
I <3 captions.  # escape

00:00:32.000 --> 00:00:34.000
Salt & pepper.  # escape

00:00:35.000 --> 00:00:37.000
First line,
  # blank-line
second line.

00:00:38.000 --> 00:00:41.000
This top line is a good deal longer,  # top-heavy
than this.

00:00:43.000 --> 00:00:42.000  # duration
Backwards.

00:00:44.000 --> 00:00:4x.000  # syntax
Unreadable.

00:00:46.000 --> 00:00:47.500
Text.
00:00:48.000 --> 00:00:49.500  # syntax
Jammed.


Words that lost their cue.  # syntax

00:00:50.000 --> 00:00:52.000
<v Ann>Tom &amp; Jerry &lt;3 <i>fine</i> &eacute;t&eacute;.
"""

FAULTS_SRT = """\
1
00:00:01,000 --> 00:00:03,000
AO: A clean first cue.

3  # numbering
00:00:04,000 --> 00:00:06,000
Out of sequence.

4
00:00:07.000 --> 00:00:09,000  # timestamp
A dot for a comma.

5
00:00:10,000 --> 00:00:12,000
A line of spaces
   # blank-line
ends this cue early.

6
00:00:13,000 --> 00:00:15,000
[Ben Kato] <i>Tags</i> & <b>labels</b> are fine.
"""


def _faulty(text: str, tmp_path: Path, name: str) -> tuple[Path, set[tuple[int, str]]]:
    """The file without its markers, and the (line, rule) each marker names."""
    lines, expected = [], set()
    for number, line in enumerate(text.split("\n"), start=1):
        content, _, rule = line.partition("  # ")
        lines.append(" " * len(content) if rule == "blank-line" else content)
        if rule:
            expected.add((number, rule))
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, expected


def test_every_injected_fault_is_found_at_its_line(tmp_path: Path) -> None:
    for text, name in ((FAULTS_VTT, "faults.vtt"), (FAULTS_SRT, "faults.srt")):
        path, expected = _faulty(text, tmp_path, name)
        report = check_file(path, NETFLIX)
        assert {(f.line, f.rule.value) for f in report.findings} == expected, name
    rules = {line.partition("  # ")[2] for text in (FAULTS_VTT, FAULTS_SRT) for line in text.split("\n")}
    assert rules - {""} == {r.value for r in Rule}  # every rule has its fault


def test_check_command_prints_one_finding_a_line_and_fails_on_errors(tmp_path: Path) -> None:
    path, expected = _faulty(FAULTS_VTT, tmp_path, "faults.vtt")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[:2] == [
        f"{path}:7: line-length: 50 characters on the line; netflix allows 42",
        f"{path}:10: lines: 3 lines in the cue; netflix allows 2",
    ]
    assert len(out) == len(expected) + 1
    assert out[-1] == (f"{path}: 18 cues, 12 errors (blank-line, duration, empty-cue, escape, line-length, lines, "
                       "order, overlap, syntax), 5 warnings (gap, max-duration, min-duration, reading-speed, "
                       "top-heavy) (netflix)")
    result = CliRunner().invoke(cli, ["check", str(path), "--json", "--profile", "bbc"])
    doc = json.loads(result.stdout)
    assert result.exit_code == 1 and doc["profile"] == "bbc" and doc["cues"] == 18
    assert {"line": 14, "rule": "reading-speed", "severity": "warning", "cue": 4,
            "message": "33.0 characters a second (33 in 1.000 s); bbc allows 15, so 2.200 s on screen"} \
        in doc["findings"]


def test_warnings_alone_pass_and_a_missing_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "fast.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:01,500\nQuick.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0
    assert result.stdout == (f"{path}:2: min-duration: on screen 0.500 s; netflix asks for at least 0.834 s\n"
                             f"{path}: 1 cue, 0 errors, 1 warning (min-duration) (netflix)\n")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.vtt")])
    assert result.exit_code == 1 and result.stderr == f"Error: {tmp_path / 'nope.vtt'}: no such file; check the path\n"


def test_a_webvtt_file_without_its_header(tmp_path: Path) -> None:
    path = tmp_path / "bare.vtt"
    path.write_text("00:00:01.000 --> 00:00:02.000\nHello.\n", encoding="utf-8")
    report = check_file(path, NETFLIX)
    assert [(f.line, f.rule, f.severity) for f in report.findings] == [(1, Rule.SYNTAX, Severity.ERROR)]
    assert len(report.file.cues) == 1


def test_our_own_captions_of_the_sample_have_no_errors(tmp_path: Path) -> None:
    for name in ("netflix", "bbc", "dcmp"):
        captions = make_captions(SAMPLE, profile=name, speaker_map={"MA": "MO"})
        for path in write_captions(captions, tmp_path / name):
            report = check_file(path, get_profile(name))
            assert report.errors == 0, [str(f) for f in report.findings]
            assert len(report.file.cues) == len(captions.cues)


def test_findings_of_a_parsed_file_point_at_cues() -> None:
    from align.captionfile import CaptionFormat, parse_caption_text

    text = "WEBVTT\n\n00:00:01.000 --> 00:00:01.400\nA.\n\n00:00:01.450 --> 00:00:03.000\nB.\n"
    report = check_captions(parse_caption_text(text, CaptionFormat.VTT, "x.vtt"), NETFLIX)
    assert [(f.cue, f.rule) for f in report.findings] == [(0, Rule.MIN_DURATION), (1, Rule.GAP)]

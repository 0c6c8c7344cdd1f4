"""Files that are no transcript: one line that says what the file is, exit 1, nothing written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import cli
from align.readers import NotATranscriptError, read_transcript

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"
FORMATS = "align reads bracketed, captions, json, segments, otter, speaker-time, markdown, webpage, plain"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


CASES = {
    "not-a-transcript.json": ((DATA / "package.json").read_bytes(),
                              "is JSON of another kind (an object with name, version, dependencies), not a transcript"),
    "episode.mp3": (b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 8,
                    "is an MP3 recording, not a transcript; give it as the recording, with its transcript"),
    "episode.wav": (b"RIFF\x24\x08\x00\x00WAVEfmt " + bytes(2000),
                    "is a WAV recording, not a transcript; give it as the recording, with its transcript"),
    "transcript.docx": (_docx(), "is a Word document (.docx), not a transcript; save it as plain text and give that"),
    "binary.dat": (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00" * 20, "looks like a binary file, not a transcript"),
    "empty.txt": (b"  \n\n", "the file is empty"),
    "chrome.md": (b"# Episode 4\n\n- [Home](https://x.y/)\n- [Episodes](https://x.y/e)\n\nShare | Tweet\n",
                  "holds nothing but page text, no transcript"),
    "page.html": (b"<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>\n",
                  "is an HTML page, not a transcript; copy the transcript's text from it into a text file"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_in_one_line_with_the_formats_and_nothing_written(name: str, tmp_path: Path) -> None:
    content, found = CASES[name]
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["captions", str(path), "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"Error: {path}: {found}; {FORMATS}\n"
    assert not out.exists()
    with pytest.raises(NotATranscriptError):
        read_transcript(path)


def test_a_forced_reader_reads_what_it_is_told(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b'{"note": "Ann Lee: Hello there."}\n')
    result = CliRunner().invoke(cli, ["info", str(path), "--input-format", "plain"])
    assert result.exit_code == 0 and "read as plain" in result.stdout.splitlines()[0]

"""align.readers.decode: the file's bytes as text, in any common encoding, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import InputError
from align.readers import read_transcript
from tests.support import WriteTranscript


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8-sig", "cp1252"])
def test_encodings(write: WriteTranscript, encoding: str) -> None:
    text = "[00:00:01] José Núñez: Olá, café – “quoted”.\r\n\r\n[00:00:04] JN: Ça va.\r\n"
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("“", '"').replace("”", '"')
    t = read_transcript(write(text, encoding=encoding))
    assert t.turns[0].label == "José Núñez"
    assert t.turns[0].tokens[1].text == "café"
    assert len(t.turns) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00" * 20, "binary file"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_transcript(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope.txt: no such file"):
        read_transcript(tmp_path / "nope.txt")

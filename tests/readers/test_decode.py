"""align.readers.decode: the file's bytes as text, in any common encoding, never a traceback."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from align.errors import InputError
from align.readers import read_text, read_transcript
from align.readers.decode import read_text_noting
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


TEXT = "[00:00:01] Zoë Li: Ça va – “oui”.\n"


@pytest.mark.parametrize(("encoding", "bom", "read_as"), [
    ("utf-8", codecs.BOM_UTF8, "utf-8"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32-le"),  # begins like UTF-16 LE's BOM
    ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32-be"),
    ("utf-16-le", b"", "utf-16-le"),  # Windows tools write UTF-16 without a BOM
    ("utf-16-be", b"", "utf-16-be"),
    ("utf-8", b"", "utf-8"),
])
def test_unicode_with_and_without_a_byte_order_mark(tmp_path: Path, encoding: str, bom: bytes, read_as: str) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(bom + TEXT.replace("\n", "\r\n").encode(encoding))
    assert read_text(path) == (TEXT, read_as)


def test_old_mac_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"[00:00:01] A B: one.\r\r[00:00:02] A B: two.\r")
    assert read_text(path)[0] == "[00:00:01] A B: one.\n\n[00:00:02] A B: two.\n"


def test_latin1_when_windows_1252_cannot_read_it(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("[00:00:01] A B: caf\xe9 \x81.\n".encode("latin-1"))  # 0x81 is unused in cp1252
    text, encoding, notes = read_text_noting(path)
    assert (text, encoding) == ("[00:00:01] A B: café .\n", "latin-1")  # a C1 control character: removed
    assert [str(n) for n in notes] == [f"{path}:1: 1 control character(s) removed"]


@pytest.mark.parametrize(("content", "message"), [
    (codecs.BOM_UTF8 + b"\xff\xfe\xfd not utf-8", "starts like utf-8 but is not valid utf-8"),
    (b" \n\t\n", "the file is empty"),
    (b"text \x01\x02\x03 with control characters " * 4, "looks like a binary file"),
    (b"\xff\x00\xfe" * 20 + b"\x80", "looks like a binary file"),
])
def test_what_is_not_a_transcript(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}: {message}"):
        read_text(path)


def test_a_folder_is_not_a_transcript(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder; give the transcript file inside it"):
        read_text(tmp_path)


@pytest.mark.needs_unprivileged
def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("[00:00:01] A B: one.\n")
    path.chmod(0)
    with pytest.raises(InputError, match=r"cannot be read \(Permission denied\); check its permissions"):
        read_text(path)

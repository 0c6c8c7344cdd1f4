"""Reading the user's text file: any common encoding, never a traceback, never without limit."""

from __future__ import annotations

import codecs
from pathlib import Path

from align.errors import Diagnostic, InputError

MAX_BYTES = 64 * 1024 * 1024  # a ten-hour transcript is about 1 MB; far more is not a transcript

# (BOM, codec) pairs, longest first so UTF-32 is not taken for UTF-16.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never occur in a transcript; text with many is not text. A few stray
# ones come with text pasted from a PDF or a terminal; a binary file without a NUL byte (which is
# refused at once) has about one character in eight a control character.
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}
_STRAY_CONTROLS = 8  # tolerated in any text, and one in a hundred characters


class EmptyFileError(InputError):
    """The file holds nothing but white space."""


class BinaryFileError(InputError):
    """The file is not text."""


_AUDIO = "give it as the recording, with its transcript"
_DOCUMENT = "save it as plain text and give that"
# What a binary file is, from its first bytes: (prefix, where it stands, what it is, what to do).
_MAGIC: tuple[tuple[bytes, int, str, str], ...] = (
    (b"ID3", 0, "an MP3 recording", _AUDIO),
    (b"WAVE", 8, "a WAV recording", _AUDIO),
    (b"fLaC", 0, "a FLAC recording", _AUDIO),
    (b"OggS", 0, "an Ogg recording", _AUDIO),
    (b"ftyp", 4, "an MP4 or M4A recording", _AUDIO),
    (b"\x1aE\xdf\xa3", 0, "a WebM or Matroska recording", _AUDIO),
    (b"AIFF", 8, "an AIFF recording", _AUDIO),
    (b"%PDF", 0, "a PDF document", _DOCUMENT),
    (b"{\\rtf", 0, "an RTF document", _DOCUMENT),
    (b"\xd0\xcf\x11\xe0", 0, "an Office document (.doc)", _DOCUMENT),
    (b"\x1f\x8b", 0, "a gzip-compressed file", "uncompress it first"),
)


_MPEG_SYNC = frozenset({0xFB, 0xFA, 0xF3, 0xF2, 0xE3, 0xE2, 0xF1, 0xF9})


def kind_of(data: bytes) -> tuple[str, str] | None:
    """What a file that is not a transcript is, from its first bytes, and what to do with it;
    None when its bytes do not say."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None  # text with a byte-order mark
    for prefix, at, what, advice in _MAGIC:
        if data[at : at + len(prefix)] == prefix:
            return what, advice
    if len(data) > 1 and data[0] == 0xFF and data[1] in _MPEG_SYNC:
        return "an MP3 or AAC recording", _AUDIO  # an MPEG audio frame with no ID3 tag before it
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096]:
            return "a Word document (.docx)", _DOCUMENT
        return "a ZIP archive", "unpack it first"
    return None


def read_text(path: Path) -> tuple[str, str]:
    """The file's text with newlines normalised, and the encoding it was read with.

    Tolerates a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM (Windows tools),
    and Latin-1/Windows-1252 files (older Mac and Windows editors).
    """
    text, encoding, _ = read_text_noting(path)
    return text, encoding


def read_text_noting(path: Path, data: bytes | None = None) -> tuple[str, str, list[Diagnostic]]:
    """``read_text`` and what was repaired on the way (stray bytes, control characters).

    With ``data``, that is the file's content (read from standard input, say) and
    ``path`` only names it.
    """
    if data is None:
        data = read_bytes(path)
    return decode_bytes(path, data)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, at most a byte more than ``MAX_BYTES``; a missing or unreadable file
    raises with what to do."""
    try:
        with path.open("rb") as f:
            return f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder; give the transcript file inside it") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror}); check its permissions") from exc


def decode_bytes(path: Path, data: bytes) -> tuple[str, str, list[Diagnostic]]:
    """Text from a transcript's bytes: its encoding found, newlines and odd characters mended."""
    if len(data) > MAX_BYTES:
        raise InputError(path, f"is larger than {MAX_BYTES // (1024 * 1024)} MB; a transcript is far smaller "
                               "(is it the right file?)")
    if not data.strip():
        raise EmptyFileError(path, "the file is empty; give a transcript with '[HH:MM:SS] Name: text' lines")
    notes: list[Diagnostic] = []
    text, encoding = _decode(path, data, notes)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = sum(1 for c in text if _is_control(c))
    if "\x00" in text or bad > max(_STRAY_CONTROLS, len(text) // 100):
        raise BinaryFileError(path, "looks like a binary file, not a transcript; give a plain-text file")
    if bad:
        line = text[: next(i for i, c in enumerate(text) if _is_control(c))].count("\n") + 1
        notes.append(Diagnostic(str(path), line, f"{bad} control character(s) removed"))
        text = "".join(c for c in text if not _is_control(c))
    return text, encoding, notes


def _is_control(c: str) -> bool:
    """C0 and C1 control characters that have no place in a transcript (tab and newline do)."""
    return (ord(c) < 32 and c not in _ALLOWED_CONTROLS) or 0x7F <= ord(c) < 0xA0


def _decode(path: Path, data: bytes, notes: list[Diagnostic]) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts like {codec} but is not valid {codec}") from exc
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise BinaryFileError(path, "looks like a binary file, not a transcript; give a plain-text file")
    repaired = _mostly_utf8(path, data, notes)
    if repaired is not None:
        return repaired, "utf-8"
    if b"\x00" in data:
        raise BinaryFileError(path, "looks like a binary file, not a transcript; give a plain-text file")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: each ASCII character has a zero byte on the same side of its
    pair, and other text almost none. ASCII is a good share of any transcript, even one in
    Chinese (markers, digits, spaces, line ends): one character in ten is taken as enough."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.1 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.1 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def _mostly_utf8(path: Path, data: bytes, notes: list[Diagnostic]) -> str | None:
    """UTF-8 text with a few stray bytes from another encoding (a line pasted from an old
    file): each stray byte read as Windows-1252 and reported. None when the text holds no
    multi-byte UTF-8 at all, or more stray bytes than UTF-8 characters (then it is not UTF-8).
    """
    strays: list[int] = []

    def as_cp1252(err: UnicodeError) -> tuple[str, int]:
        assert isinstance(err, UnicodeDecodeError)
        strays.append(err.start)
        return err.object[err.start : err.start + 1].decode("cp1252", "replace"), err.start + 1

    codecs.register_error("align-stray-byte", as_cp1252)
    text = data.decode("utf-8", "align-stray-byte")
    multibyte = sum(1 for c in text if ord(c) > 0x7F) - len(strays)
    if multibyte <= len(strays):
        return None
    lines = sorted({data[:at].count(b"\n") + 1 for at in strays})
    shown = ", ".join(str(n) for n in lines[:5]) + (" and more" if len(lines) > 5 else "")
    notes.append(Diagnostic(str(path), lines[0], f"{len(strays)} byte(s) that are not UTF-8 (line {shown}) "
                                                 "read as Windows-1252; check those characters"))
    return text

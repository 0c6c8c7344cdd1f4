"""Reading the user's text file: any common encoding, never a traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

from align.errors import InputError

# (BOM, codec) pairs, longest first so UTF-32 is not taken for UTF-16.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never occur in a transcript; text with many is not text.
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


def read_text(path: Path) -> tuple[str, str]:
    """The file's text with newlines normalised, and the encoding it was read with.

    Tolerates a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM (Windows tools),
    and Latin-1/Windows-1252 files (older Mac and Windows editors).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder; give the transcript file inside it") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror}); check its permissions") from exc
    if not data.strip():
        raise InputError(path, "the file is empty; give a transcript with '[HH:MM:SS] Name: text' lines")
    text, encoding = _decode(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = sum(1 for c in text if ord(c) < 32 and c not in _ALLOWED_CONTROLS)
    if "\x00" in text or bad > max(2, len(text) // 1000):
        raise InputError(path, "looks like a binary file, not a transcript; give a plain-text file")
    return text, encoding


def _decode(path: Path, data: bytes) -> tuple[str, str]:
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
        raise InputError(path, "looks like a binary file, not a transcript; give a plain-text file")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text has a zero in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.4 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.4 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None

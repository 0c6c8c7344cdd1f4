"""Reading transcripts, whatever their layout, into turns of tokens.

    from align.readers import read_transcript
    transcript = read_transcript("episode.txt")        # the layout is detected
    transcript = read_transcript("episode.md", input_format="bracketed")

``decode`` turns the file's bytes into text (any common encoding), a reader from the
registry (``registry``) turns the text into a ``Transcript`` (``model``): turns,
paragraphs and tokens as written, with ``tokens`` reading inline stamps the same way
for every layout. Each layout is one module that registers its reader here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from align.errors import AlignError, Diagnostic
from align.readers import bracketed
from align.readers.decode import read_text, read_text_noting
from align.readers.model import Paragraph, RawTurn, Token, Transcript
from align.readers.registry import READERS, Context, Reader, detect, register
from align.readers.tokens import tokenize

register(bracketed.READER)

_ENCODING_NAMES = {"cp1252": "Windows-1252 (Latin-1)", "latin-1": "Latin-1"}
_UNICODE = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


class UnknownInputFormatError(AlignError):
    """A reader was asked for by a name no reader has."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no transcript format '{name}'; the formats are {', '.join(READERS)}")


def read_transcript(path: Path | str, *, input_format: str | None = None, strict: bool = False,
                    data: bytes | None = None) -> Transcript:
    """Read a transcript file into turns, with the reader ``input_format`` names or the one
    its content looks like.

    ``strict`` turns marker problems (malformed, going back in time) into errors
    instead of warnings. With ``data`` (standard input, say), that is the file's content
    and ``path`` only names it in messages.
    """
    path = Path(path)
    text, encoding, notes = read_text_noting(path, data)
    transcript = parse_transcript(text, path=str(path), encoding=encoding, strict=strict, input_format=input_format)
    return replace(transcript, diagnostics=(*notes, *transcript.diagnostics)) if notes else transcript


def parse_transcript(text: str, *, path: str = "<text>", encoding: str = "utf-8", strict: bool = False,
                     input_format: str | None = None) -> Transcript:
    """``read_transcript`` for text already in memory."""
    reader = reader_for(input_format) if input_format else detect(text)
    transcript = reader.parse(text, Context(path, encoding, strict))
    if encoding not in _UNICODE:
        note = Diagnostic(path, None, f"not UTF-8; read as {_ENCODING_NAMES.get(encoding, encoding)}")
        transcript = replace(transcript, diagnostics=(note, *transcript.diagnostics))
    return transcript


def reader_for(name: str) -> Reader:
    try:
        return READERS[name.lower()]
    except KeyError:
        raise UnknownInputFormatError(name) from None


__all__ = [
    "READERS",
    "Context",
    "Paragraph",
    "RawTurn",
    "Reader",
    "Token",
    "Transcript",
    "UnknownInputFormatError",
    "detect",
    "parse_transcript",
    "read_text",
    "read_transcript",
    "reader_for",
    "register",
    "tokenize",
]

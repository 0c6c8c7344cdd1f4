"""Reading transcripts, whatever their layout, into turns of tokens.

    from align.readers import read_transcript
    transcript = read_transcript("episode.txt")        # the layout is detected
    transcript = read_transcript("episode.md", input_format="bracketed")

``decode`` turns the file's bytes into text (any common encoding), a reader from the
registry (``registry``) turns the text into a ``Transcript`` (``model``): turns,
paragraphs and tokens as written, with ``tokens`` reading inline stamps the same way
for every layout. Each layout is one module that registers its reader here:

- ``bracketed``: ``[00:13:36] Name: text``, today's dialect;
- ``captions``: SRT and WebVTT (read by ``captionfile``), every cue's time an anchor;
- ``jsonfile``: JSON transcripts (Podcasting 2.0, Whisper, AssemblyAI, Deepgram, Rev, align's);
- ``segments``: a segment a line, ``[Speaker 1] [00:01] text``;
- ``otter``: ``Name  0:00`` on its own line, the words below;
- ``speakertime``: a name with its time beside it, ``Name: 00:00:00``, ``Name (00:01):``;
- ``markdown``: ``**Name:** text``;
- ``webpage``: a web page's transcript, the name alone on a line;
- ``plain``: paragraphs, with ``Name:`` labels or none.

The text layouts share ``page`` (a text read once, scored for a layout), ``heads``
(every way a turn opens), ``names``, ``markup`` (page structure and chrome) and
``layout`` (turns from classified lines). A file no reader reads (JSON of another kind,
a recording, a document, nothing but page text) raises ``NotATranscriptError``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from align import timecode
from align.errors import AlignError, Diagnostic, InputError
from align.readers import bracketed, captions, jsonfile, markdown, otter, plain, segments, speakertime, webpage
from align.readers.decode import BinaryFileError, EmptyFileError, kind_of, read_bytes, read_text, read_text_noting
from align.readers.model import Paragraph, RawTurn, Token, Transcript
from align.readers.registry import READERS, Context, NotATranscriptError, Reader, detect, register
from align.readers.tokens import tokenize

# On a tie the reader registered first wins: today's dialect first, the most general last.
for _reader in (bracketed, captions, jsonfile, segments, otter, speakertime, markdown, webpage, plain):
    register(_reader.READER)

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
    raw = read_bytes(path) if data is None else data
    found = kind_of(raw[:4096])
    if found is not None:  # a recording, document or archive given as the transcript
        raise NotATranscriptError(path, f"is {found[0]}, not a transcript", found[1])
    try:
        text, encoding, notes = read_text_noting(path, raw)
    except EmptyFileError as exc:
        raise NotATranscriptError(path, "the file is empty") from exc
    except BinaryFileError as exc:
        raise NotATranscriptError(path, "looks like a binary file, not a transcript") from exc
    transcript = parse_transcript(text, path=str(path), encoding=encoding, strict=strict, input_format=input_format)
    return replace(transcript, diagnostics=(*notes, *transcript.diagnostics)) if notes else transcript


def parse_transcript(text: str, *, path: str = "<text>", encoding: str = "utf-8", strict: bool = False,
                     input_format: str | None = None) -> Transcript:
    """``read_transcript`` for text already in memory."""
    if input_format is None:
        _refuse_markup(text, path)
    reader = reader_for(input_format) if input_format else detect(text)
    transcript = reader.parse(text, Context(path, encoding, strict))
    if not transcript.turns:
        found = "nothing but page text" if transcript.dropped_lines else "no words"
        raise NotATranscriptError(path, f"holds {found}, no transcript")
    transcript = _in_time_order(transcript, strict)
    if encoding not in _UNICODE:
        note = Diagnostic(path, None, f"not UTF-8; read as {_ENCODING_NAMES.get(encoding, encoding)}")
        transcript = replace(transcript, diagnostics=(note, *transcript.diagnostics))
    return transcript


def _in_time_order(transcript: Transcript, strict: bool) -> Transcript:
    """Every reader's stamps held to one rule, reported at their lines and not used when broken:
    a turn's marker does not go back in time from the marker before it (all of the span it
    names lies earlier), and a stamp inside the text lies between the stamps around it."""
    notes: list[Diagnostic] = []

    def broken(line: int, message: str) -> None:
        if strict:
            raise InputError(transcript.path, message, line)
        notes.append(Diagnostic(transcript.path, line, message))

    # The markers first, against each other: the transcript's clock.
    markers: list[tuple[int, int] | None] = []
    previous: tuple[int, int] | None = None  # (ms, line)
    for turn in transcript.turns:
        marker = None
        if turn.marker_ms is not None:
            later = timecode.after((turn.marker_ms, turn.marker_precision_ms),
                                   previous[0] if previous is not None else None)
            if later is None:
                assert previous is not None
                broken(turn.line, f"marker [{timecode.clock(turn.marker_ms)}] goes back in time from "
                                  f"[{timecode.clock(previous[0])}] at line {previous[1]}; timed from its "
                                  "neighbours (check the time)")
            else:
                marker, previous = (turn.marker_ms, turn.marker_precision_ms), (later[0], turn.line)
        markers.append(marker)
    # Then the stamps inside the text, between the stamps before them and the next marker.
    turns = []
    last: tuple[int, int] | None = None  # (ms, line) of the last stamp used
    for k, turn in enumerate(transcript.turns):
        marker = markers[k]
        if marker is None and turn.marker_ms is not None:
            turn = replace(turn, marker_ms=None, marker_precision_ms=1000)
        elif marker is not None:
            last = (max(marker[0], last[0]) if last is not None else marker[0], turn.line)
        following = next(((m, t.line) for m, t in zip(markers[k + 1 :], transcript.turns[k + 1 :], strict=True)
                          if m is not None), None)
        paragraphs = []
        for para in turn.paragraphs:
            tokens = list(para.tokens)
            for n, tok in enumerate(tokens):
                if tok.anchor_ms is None:
                    continue
                stamp = (tok.anchor_ms, tok.anchor_precision_ms)
                later = timecode.after(stamp, last[0] if last is not None else None)
                if later is None:
                    assert last is not None
                    why = f"goes back in time from [{timecode.clock(last[0])}] at line {last[1]}"
                elif following is not None and later[0] >= following[0][0] + following[0][1]:
                    why = f"lies after the next marker, [{timecode.clock(following[0][0])}] at line {following[1]}"
                else:
                    last = (later[0], para.line)
                    continue
                broken(para.line, f"time stamp [{timecode.clock(stamp[0])}] in the text {why}; timed from its "
                                  "neighbours (check the time)")
                tokens[n] = replace(tok, anchor_ms=None, anchor_precision_ms=1000)
            paragraphs.append(replace(para, tokens=tuple(tokens)) if tokens != list(para.tokens) else para)
        turns.append(replace(turn, paragraphs=tuple(paragraphs)))
    if not notes:
        return transcript
    return replace(transcript, turns=tuple(turns), diagnostics=(*transcript.diagnostics, *notes))


_HTML = re.compile(r"^\s*(<!doctype html|<html[\s>])", re.IGNORECASE)
_XML = re.compile(r"^\s*<\?xml\b")
_TTML = re.compile(r"<tt[\s>]")


def _refuse_markup(text: str, path: str) -> None:
    """A web page or XML document given as the transcript."""
    if _HTML.match(text):
        raise NotATranscriptError(path, "is an HTML page, not a transcript",
                                  "copy the transcript's text from it into a text file")
    if _XML.match(text):
        if _TTML.search(text[:4096]):
            raise NotATranscriptError(path, "is a TTML caption file", "convert it to SRT or WebVTT")
        raise NotATranscriptError(path, "is an XML document, not a transcript")


def reader_for(name: str) -> Reader:
    try:
        return READERS[name.lower()]
    except KeyError:
        raise UnknownInputFormatError(name) from None


__all__ = [
    "READERS",
    "Context",
    "NotATranscriptError",
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

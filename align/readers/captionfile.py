"""Reading any SRT or WebVTT file into cues that remember where they stand in it.

pysrt and webvtt-py read each cue's times and text. Neither says on which line a cue
stands, and both pass over what a player would trip on: pysrt reads ``00:00:xx,000`` as
zero seconds, webvtt-py drops a cue it cannot read without a word. So this module first
splits the file into blocks the way players do (a block ends at an empty line; a line
with ``-->`` where a block already has its timing line starts the next one), hands each
block to the library, and records every syntax problem with its line.

The reader is lenient, as a reader of other people's files must be: text after an
empty line inside a cue is kept with that cue (it is what the author meant), a loosely
written timestamp is read, and each such thing is reported as a :class:`SyntaxProblem`.
"""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pysrt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from align.errors import Diagnostic, InputError
from align.readers.decode import read_text


class CaptionFormat(enum.Enum):
    SRT = "srt"
    VTT = "vtt"


class Syntax(enum.Enum):
    """What kind of syntax problem a caption file has at a line."""

    HEADER = "header"  # a WebVTT file that does not begin with WEBVTT
    TIMING = "timing"  # a timing line players cannot read: they drop the cue
    TIMESTAMP = "timestamp"  # a timestamp readers accept but the format does not allow
    NUMBERING = "numbering"  # an SRT cue without its number, or out of sequence
    BLANK_LINE = "blank-line"  # an empty or blank line inside a cue
    NO_BLANK = "no-blank-line"  # a cue that starts with no empty line before it
    STRAY = "stray-text"  # text that belongs to no cue


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    line: int
    kind: Syntax
    message: str


@dataclass(frozen=True, slots=True)
class CaptionCue:
    """One cue as the file has it.

    ``lines`` are the text lines as written (tags, character references, an SRT
    speaker label); ``shown`` the same lines as a viewer sees them (no tags,
    references decoded); ``line_numbers`` where each stands in the file. ``voice``
    is the speaker the cue names: ``<v Name>`` in WebVTT, a leading ``[Name]`` or
    ``CL:`` in SRT (which names the speaker only when it changes), else None;
    ``label`` is that SRT label as shown, part of the first shown line.
    """

    line: int  # the timing line
    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    shown: tuple[str, ...]
    line_numbers: tuple[int, ...]
    voice: str | None = None
    label: str = ""
    identifier: str | None = None

    def __post_init__(self) -> None:
        if not len(self.lines) == len(self.shown) == len(self.line_numbers):
            raise ValueError(f"cue at line {self.line}: lines, shown lines and line numbers differ in count")
        if self.start_ms < 0 or self.end_ms < 0:
            raise ValueError(f"cue at line {self.line}: negative time {self.start_ms}..{self.end_ms}")

    @property
    def text(self) -> str:
        """The spoken words: shown lines joined, without the SRT speaker label."""
        text = " ".join(line.strip() for line in self.shown if line.strip())
        return text[len(self.label):].strip() if self.label and text.startswith(self.label) else text


@dataclass(frozen=True, slots=True)
class CaptionFile:
    source: str
    format: CaptionFormat
    cues: tuple[CaptionCue, ...]
    problems: tuple[SyntaxProblem, ...]

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The syntax problems as located warnings, for callers that only report them."""
        return tuple(Diagnostic(self.source, p.line, p.message) for p in self.problems)


def read_caption_file(path: Path | str) -> CaptionFile:
    """Read an SRT or WebVTT file (any common encoding, BOM, CRLF), its format from its
    name or else from its first line."""
    path = Path(path)
    if path.is_file() and not path.read_bytes().strip():
        return CaptionFile(str(path), _format_of(path, ""), (),
                           (SyntaxProblem(1, Syntax.STRAY, "the file is empty: it holds no cues"),))
    text, _ = read_text(path)
    return parse_caption_text(text, _format_of(path, text), str(path))


def _format_of(path: Path, text: str) -> CaptionFormat:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("srt", "vtt"):
        return CaptionFormat(suffix)
    if text.startswith("WEBVTT"):
        return CaptionFormat.VTT
    if "-->" in text:
        return CaptionFormat.SRT
    raise InputError(path, "is not a caption file; give an .srt or .vtt file")


# Timestamps as each format writes them, and as readers still accept them (players take
# SRT's "0:00:01.5"; browsers drop a WebVTT cue whose timestamps are not exact).
_STRICT = {
    CaptionFormat.SRT: re.compile(r"\d{2,}:[0-5]\d:[0-5]\d,\d{3}"),
    CaptionFormat.VTT: re.compile(r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"),
}
_LOOSE = re.compile(r"(?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3}")
_EXAMPLE = {CaptionFormat.SRT: "00:01:02,500", CaptionFormat.VTT: "00:01:02.500"}
_SRT_ASS_TAG = re.compile(r"\{\\[^}]*\}")  # {\an8}: positioning that SRT players honour and never show
_SRT_LABEL = re.compile(r"^(\[[^\]]{1,40}\]|[A-Z][A-Z0-9.'’ -]{0,30}:)(?=\s|$)")


@dataclass(slots=True)
class _Block:
    first: int  # line number of the block's first line
    lines: list[str]
    after_empty: bool  # an empty line (or the start of the file) comes just before it

    def timing_at(self) -> int | None:
        return next((k for k, line in enumerate(self.lines[:2]) if "-->" in line), None)


def parse_caption_text(text: str, fmt: CaptionFormat, source: str = "<captions>") -> CaptionFile:
    """Cues and syntax problems of caption text (newlines already ``\\n``)."""
    lines = text.split("\n")
    problems: list[SyntaxProblem] = []
    start = 0
    if fmt is CaptionFormat.VTT:
        start = _header(lines, problems)
    cues: list[CaptionCue] = []
    previous_number: int | None = None
    cue_ended = -1  # the last line of the block that held the last cue
    for block in _blocks(lines, start, fmt, problems):
        at = block.timing_at()
        if at is None:
            continues = bool(cues) and block.after_empty and cue_ended == block.first - 2
            _loose_text(block, fmt, cues, problems, continues)
            continue
        if fmt is CaptionFormat.SRT:
            previous_number = _numbering(block, at, previous_number, problems)
        cue = _cue(block, at, fmt, problems)
        if cue is None:
            continue
        cues.append(cue)
        cue_ended = block.first + len(block.lines) - 1
    if not cues and not problems:
        problems.append(SyntaxProblem(1, Syntax.STRAY, "holds no cues"))
    problems.sort(key=lambda p: p.line)
    return CaptionFile(source, fmt, tuple(cues), tuple(problems))


def _header(lines: Sequence[str], problems: list[SyntaxProblem]) -> int:
    """Skip the WEBVTT line and the header lines after it; where the body starts."""
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        problems.append(SyntaxProblem(1, Syntax.HEADER, "a WebVTT file begins with a line 'WEBVTT'; "
                                                        "browsers read nothing without it"))
        return 0
    k = 1
    while k < len(lines) and lines[k] and "-->" not in lines[k]:
        k += 1
    if k < len(lines) and "-->" in lines[k]:
        problems.append(SyntaxProblem(k + 1, Syntax.NO_BLANK, "the first cue needs an empty line after the header"))
    return k


def _blocks(lines: Sequence[str], start: int, fmt: CaptionFormat, problems: list[SyntaxProblem]) -> list[_Block]:
    """Blocks of lines as players split them, each with the number of its first line.

    An SRT block ends at a line of only spaces too (pysrt and most players end it
    there); in WebVTT only an empty line ends it, and a line of spaces inside a cue is
    reported and left out.
    """
    blocks: list[_Block] = []
    current: _Block | None = None
    after_empty = True
    for k in range(start, len(lines)):
        line, number = lines[k], k + 1
        ends = not line if fmt is CaptionFormat.VTT else not line.strip()
        if ends:
            current, after_empty = None, True
            continue
        if current is not None and "-->" in line and (len(current.lines) > 1 or "-->" in current.lines[0]):
            # A timing line inside a block: a new cue began with no empty line before it.
            # In SRT the number just above belongs to the new cue.
            carried = [current.lines.pop()] if fmt is CaptionFormat.SRT and current.lines[-1].strip().isdigit() else []
            problems.append(SyntaxProblem(number - len(carried), Syntax.NO_BLANK,
                                          "a cue starts here with no empty line before it; players take it "
                                          "for text of the cue above"))
            current = _Block(number - len(carried), [*carried, line], False)
            blocks.append(current)
        elif current is None:
            if not line.strip():  # WebVTT: spaces between blocks
                continue
            current = _Block(number, [line], after_empty)
            blocks.append(current)
        elif fmt is CaptionFormat.VTT and not line.strip():
            problems.append(SyntaxProblem(number, Syntax.BLANK_LINE,
                                          "a line of only spaces inside a cue: browsers show an empty line, "
                                          "SRT readers end the cue there"))
            current.lines.append("")
        else:
            current.lines.append(line)
        after_empty = False
    return blocks


def _loose_text(block: _Block, fmt: CaptionFormat, cues: list[CaptionCue], problems: list[SyntaxProblem],
                continues: bool) -> None:
    """A block without a timing line: a WebVTT note, style or region, or text that lost its cue."""
    head = block.lines[0]
    if fmt is CaptionFormat.VTT and (head == "NOTE" or head.startswith(("NOTE ", "NOTE\t", "STYLE", "REGION"))):
        return
    shown = " ".join(block.lines)
    quoted = shown if len(shown) <= 40 else shown[:39] + "…"
    if continues:
        # The author left an empty line inside a cue. Players end the cue there and drop the
        # rest; the text stays with its cue here, for whoever reads this file as a transcript.
        problems.append(SyntaxProblem(block.first - 1, Syntax.BLANK_LINE,
                                      f"an empty line inside a cue ends it: players drop “{quoted}” below"))
        last = cues[-1]
        added = _texts(block.lines, fmt)
        cues[-1] = replace(last, lines=(*last.lines, *block.lines), shown=(*last.shown, *added),
                           line_numbers=(*last.line_numbers, *range(block.first, block.first + len(block.lines))))
        return
    problems.append(SyntaxProblem(block.first, Syntax.STRAY, f"text outside any cue: “{quoted}”"))


def _cue(block: _Block, at: int, fmt: CaptionFormat, problems: list[SyntaxProblem]) -> CaptionCue | None:
    timing_line = block.first + at
    timing = block.lines[at]
    left, _, right = timing.partition("-->")
    stamps = [left.strip(), (right.split() or [""])[0]]
    body = block.lines[at + 1:]
    # pysrt reads "00:00:xx,000" as zero seconds: a timestamp must look like one first.
    read = None
    if all(_LOOSE.fullmatch(s) for s in stamps):
        read = _read_srt(stamps, body) if fmt is CaptionFormat.SRT else _read_vtt(stamps, body)
    if read is None:
        problems.append(SyntaxProblem(timing_line, Syntax.TIMING,
                                      f"cannot read the timing line “{timing.strip()}”; players drop this cue "
                                      f"(write it as {_EXAMPLE[fmt]} --> {_EXAMPLE[fmt]})"))
        return None
    loose = [s for s in stamps if not _STRICT[fmt].fullmatch(s)]
    if loose:
        kind = Syntax.TIMING if fmt is CaptionFormat.VTT else Syntax.TIMESTAMP
        effect = "browsers drop this cue" if fmt is CaptionFormat.VTT else "some players misread it"
        problems.append(SyntaxProblem(timing_line, kind, f"timestamp “{loose[0]}” is not written as "
                                                         f"{_EXAMPLE[fmt]}: {effect}"))
    numbers = tuple(range(timing_line + 1, timing_line + 1 + len(body)))
    identifier = block.lines[0] if at == 1 else None
    start_ms, end_ms, shown, voice = read
    label = ""
    if fmt is CaptionFormat.SRT and shown:
        found = _SRT_LABEL.match(shown[0])
        if found:
            label = found.group(1)
            voice = label.strip("[]:").strip()
    return CaptionCue(timing_line, start_ms, end_ms, tuple(body), shown, numbers, voice, label, identifier)


_Read = tuple[int, int, tuple[str, ...], str | None]


def _read_srt(stamps: Sequence[str], body: Sequence[str]) -> _Read | None:
    try:
        item = pysrt.SubRipItem.from_lines(["0", f"{stamps[0]} --> {stamps[1]}", *body])
    except pysrt.Error:
        return None
    return item.start.ordinal, item.end.ordinal, _texts(body, CaptionFormat.SRT), None


def _read_vtt(stamps: Sequence[str], body: Sequence[str]) -> _Read | None:
    # The timing and the text alone: an identifier or cue settings never change what is read.
    try:
        parsed = webvtt.WebVTT.from_string("WEBVTT\n\n" + "\n".join([f"{stamps[0]} --> {stamps[1]}",
                                                                     *(line or " " for line in body)]))
    except (MalformedCaptionError, MalformedFileError):
        return None
    if len(parsed.captions) != 1:
        return None
    caption = parsed.captions[0]
    return _ms(caption.start_time), _ms(caption.end_time), _texts(body, CaptionFormat.VTT), caption.voice


def _ms(stamp: webvtt.models.Timestamp) -> int:
    hours, minutes, seconds, millis = stamp.to_tuple()
    return int(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)


def _texts(body: Sequence[str], fmt: CaptionFormat) -> tuple[str, ...]:
    """The lines as a viewer sees them."""
    if fmt is CaptionFormat.SRT:
        return tuple(_SRT_ASS_TAG.sub("", pysrt.SubRipItem(text=line).text_without_tags).strip() for line in body)
    return tuple(html.unescape(webvtt.Caption(text=line).text).strip() if line.strip() else "" for line in body)


def _numbering(block: _Block, at: int, previous: int | None, problems: list[SyntaxProblem]) -> int | None:
    """Check an SRT cue's number against the one before; the number to check the next against."""
    expected = 1 if previous is None else previous + 1
    if at == 0:
        problems.append(SyntaxProblem(block.first, Syntax.NUMBERING,
                                      f"the cue has no number above its timing line (expected {expected})"))
        return expected
    written = block.lines[0].strip()
    if not written.isdigit():
        problems.append(SyntaxProblem(block.first, Syntax.NUMBERING,
                                      f"“{written}” above the timing line is not a cue number (expected {expected})"))
        return expected
    if int(written) != expected:
        problems.append(SyntaxProblem(block.first, Syntax.NUMBERING,
                                      f"cue number {written} where {expected} was expected"))
    return int(written)

"""Strict readers for SRT and WebVTT: what a careful player makes of a caption file.

They accept exactly what the rules allow and raise ``CaptionSyntaxError`` (with the line) on
anything else, so a file align writes either reads back cue for cue or is shown to be wrong.

SRT has no specification; the rules are the de-facto ones every player agrees on: numbered
blocks from 1 in steps of 1, a timing line ``HH:MM:SS,mmm --> HH:MM:SS,mmm``, one or more lines
of text, one blank line between blocks; LF or CRLF. What players disagree on is refused: a
text line holding ``-->`` (some read it as timing), a line of only spaces (some read it as the
end of the cue), spaces at a line's end (some drop them), characters that some programs take
for a line break (VT, FF, FS, GS, RS, NEL, U+2028, U+2029), a lone CR.

WebVTT follows the W3C specification's syntax (https://www.w3.org/TR/webvtt1/): the
``WEBVTT`` header, NOTE, STYLE and REGION blocks, cue identifiers, timestamps with two-digit
minutes and seconds and three-digit milliseconds (hours optional, at least two digits),
settings, and cue text with the tags ``c i b u ruby rt v lang``, timestamp tags and character
references. Text is given as shown: tags removed, references replaced. A bare ``&`` or ``<``,
an unknown tag or reference, an unclosed span (the voice excepted), ``-->`` in a payload, cue
times that do not increase, or an end not after its start are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class CaptionSyntaxError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}")


@dataclass(frozen=True, slots=True)
class ReadCue:
    start_ms: int
    end_ms: int
    text: str  # lines joined by LF, as shown
    voice: str | None = None  # WebVTT: the annotation of the cue's voice span
    identifier: str | None = None
    settings: str = ""


# ---------------------------------------------------------------- SRT

_SRT_TIMING = re.compile(r"(\d{2,}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d),(\d{3})")
_BREAKS_FOR_SOME = frozenset("\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _ms(h: str, m: str, s: str, frac: str) -> int:
    return ((int(h) * 60 + int(m)) * 60 + int(s)) * 1000 + int(frac)


def _lines(text: str, *, cr: bool) -> list[str]:
    """Lines ended by LF or CRLF (and CR alone if ``cr``); the text must end with a line end."""
    if not cr and re.search(r"\r(?!\n)", text):
        raise CaptionSyntaxError(text[: text.index("\r")].count("\n") + 1, "a CR without LF")
    lines = re.split(r"\r\n|\n|\r" if cr else r"\r?\n", text)
    if lines[-1] != "":
        raise CaptionSyntaxError(len(lines), "the file does not end with a line end")
    return lines[:-1]


def read_srt(text: str) -> list[ReadCue]:
    """The cues of an SRT file, or ``CaptionSyntaxError``."""
    text = text.removeprefix("\ufeff")
    if not text:
        return []
    lines = _lines(text, cr=False)
    cues: list[ReadCue] = []
    k = 0
    while k < len(lines):
        if not lines[k] and k == len(lines) - 1 and cues:
            break  # one blank line may end the file
        number = k + 1
        if not re.fullmatch(r"[1-9]\d*", lines[k]) or int(lines[k]) != len(cues) + 1:
            raise CaptionSyntaxError(number, f"expected cue number {len(cues) + 1}, found {lines[k]!r}")
        if k + 1 >= len(lines):
            raise CaptionSyntaxError(number + 1, "a cue without its timing line")
        m = _SRT_TIMING.fullmatch(lines[k + 1])
        if m is None:
            raise CaptionSyntaxError(number + 1, f"not a timing line: {lines[k + 1]!r}")
        start, end = _ms(*m.group(1, 2, 3, 4)), _ms(*m.group(5, 6, 7, 8))
        if end <= start:
            raise CaptionSyntaxError(number + 1, "the cue ends before it starts")
        k += 2
        body: list[str] = []
        while k < len(lines) and lines[k]:
            line = lines[k]
            if "-->" in line:
                raise CaptionSyntaxError(k + 1, "'-->' in cue text")
            if not line.strip() or line != line.rstrip():
                raise CaptionSyntaxError(k + 1, "a text line blank or ending in spaces")
            if _BREAKS_FOR_SOME.intersection(line):
                raise CaptionSyntaxError(k + 1, "a character some programs read as a line break")
            if "\x00" in line:
                raise CaptionSyntaxError(k + 1, "a NUL character")
            body.append(line)
            k += 1
        if not body:
            raise CaptionSyntaxError(k + 1, "a cue without text")
        cues.append(ReadCue(start, end, "\n".join(body)))
        if k < len(lines):
            k += 1  # the blank line after the cue
            if k < len(lines) - 1 and not lines[k]:
                raise CaptionSyntaxError(k + 1, "more than one blank line between cues")
    return cues


# ---------------------------------------------------------------- WebVTT

_STAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_VTT_TIMING = re.compile(rf"{_STAMP}[ \t]+-->[ \t]+{_STAMP}(?:[ \t]+(.*))?")
_SETTING = re.compile(
    r"vertical:(?:rl|lr)|line:(?:-?\d+|\d+(?:\.\d+)?%)(?:,(?:start|center|end))?"
    r"|position:\d+(?:\.\d+)?%(?:,(?:line-left|center|line-right))?|size:\d+(?:\.\d+)?%"
    r"|align:(?:start|center|end|left|right)|region:[^\s]+"
)
_ASCII_SPACE = " \t\n\f\r"
_TAGS = frozenset({"c", "i", "b", "u", "ruby", "rt", "v", "lang"})
# The references WebVTT writers use (the specification allows all of HTML's; these and numeric
# ones are what a strict reader accepts).
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "lrm": "\u200e", "rlm": "\u200f"}
_REFERENCE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_TAG = re.compile(r"<(?P<stamp>\d[\d:.]*)>|<(?P<end>/?)(?P<name>[^\s.<>/]*)(?P<classes>(?:\.[^\s.<>]+)*)"
                  r"(?:[ \t\f]+(?P<annotation>[^<>]*))?>")
_TIMESTAMP_TAG = re.compile(_STAMP)


def _vtt_ms(groups: tuple[str | None, ...]) -> int:
    h, m, s, frac = groups
    return _ms(h or "0", m or "0", s or "0", frac or "0")


def _references(text: str, line: int) -> str:
    """``text`` with character references replaced; a bare or unknown '&' is an error."""
    out, pos = [], 0
    while (amp := text.find("&", pos)) >= 0:
        out.append(text[pos:amp])
        m = _REFERENCE.match(text, amp)
        if m is None:
            raise CaptionSyntaxError(line, f"a bare '&' in {text!r}")
        if m.group(3) is not None:
            if m.group(3) not in _NAMED:
                raise CaptionSyntaxError(line, f"unknown reference {m.group(0)}")
            out.append(_NAMED[m.group(3)])
        else:
            code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
            if code == 0 or 0xD800 <= code < 0xE000 or code > 0x10FFFF:
                raise CaptionSyntaxError(line, f"reference to no character: {m.group(0)}")
            out.append(chr(code))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def cue_text(payload: list[str], first_line: int) -> tuple[str, str | None]:
    """The text of a cue as shown and the annotation of its first voice span."""
    shown: list[str] = []
    voice: str | None = None
    open_tags: list[str] = []
    for n, line in enumerate(payload):
        number = first_line + n
        out, pos = [], 0
        while (lt := line.find("<", pos)) >= 0:
            out.append(_references(line[pos:lt], number))
            m = _TAG.match(line, lt)
            if m is None:
                raise CaptionSyntaxError(number, f"a '<' that opens no tag in {line!r}")
            if m["stamp"] is not None:
                if not _TIMESTAMP_TAG.fullmatch(m["stamp"]):
                    raise CaptionSyntaxError(number, f"a malformed timestamp tag {m.group(0)}")
            elif m["end"]:
                if m["classes"] or m["annotation"] is not None or not open_tags or open_tags[-1] != m["name"]:
                    raise CaptionSyntaxError(number, f"an end tag {m.group(0)} that closes no open span")
                open_tags.pop()
            else:
                name = m["name"]
                if name not in _TAGS:
                    raise CaptionSyntaxError(number, f"unknown tag {m.group(0)}")
                annotation = m["annotation"]
                if name in ("v", "lang"):
                    # As the tokenizer does: references read, ASCII spaces trimmed and collapsed.
                    value = re.sub(f"[{_ASCII_SPACE}]+", " ", _references(annotation or "", number)).strip(" ")
                    if not value:
                        raise CaptionSyntaxError(number, f"<{name}> without its annotation")
                    if name == "v" and voice is None:
                        voice = value
                elif annotation is not None and annotation.strip(_ASCII_SPACE):
                    raise CaptionSyntaxError(number, f"<{name}> takes no annotation")
                open_tags.append(name)
            pos = m.end()
        out.append(_references(line[pos:], number))
        shown.append("".join(out))
    if open_tags and open_tags != ["v"]:
        raise CaptionSyntaxError(first_line, f"spans left open: {open_tags}")
    return "\n".join(shown), voice


def read_vtt(text: str) -> list[ReadCue]:
    """The cues of a WebVTT file, or ``CaptionSyntaxError``."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise CaptionSyntaxError(text[: text.index("\x00")].count("\n") + 1, "a NUL character")
    lines = re.split(r"\r\n|\n|\r", text)
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not re.fullmatch(r"WEBVTT(?:[ \t][^\r\n]*)?", lines[0]) or "-->" in lines[0]:
        raise CaptionSyntaxError(1, "the file does not start with 'WEBVTT'")
    k = 1
    while k < len(lines) and lines[k]:  # header lines
        if "-->" in lines[k]:
            raise CaptionSyntaxError(k + 1, "'-->' in the header")
        k += 1
    cues: list[ReadCue] = []
    while k < len(lines):
        if not lines[k]:
            k += 1
            continue
        first = k
        block = []
        while k < len(lines) and lines[k]:
            block.append(lines[k])
            k += 1
        head = block[0]
        if re.match(r"NOTE(?:[ \t]|$)", head) or (not cues and re.match(r"(?:STYLE|REGION)[ \t]*$", head)):
            if any("-->" in line for line in block):
                raise CaptionSyntaxError(first + 1, "'-->' in a NOTE, STYLE or REGION block")
            continue
        identifier = None
        if "-->" not in head:
            identifier, block, first = head, block[1:], first + 1
            if not block:
                raise CaptionSyntaxError(first, f"a block that is no cue: {head!r}")
        m = _VTT_TIMING.fullmatch(block[0])
        if m is None:
            raise CaptionSyntaxError(first + 1, f"not a timing line: {block[0]!r}")
        start, end = _vtt_ms(m.group(1, 2, 3, 4)), _vtt_ms(m.group(5, 6, 7, 8))
        settings = (m.group(9) or "").strip(" \t")
        for setting in settings.split():
            if not _SETTING.fullmatch(setting):
                raise CaptionSyntaxError(first + 1, f"unknown cue setting {setting!r}")
        if end <= start:
            raise CaptionSyntaxError(first + 1, "the cue ends before it starts")
        if cues and start < cues[-1].start_ms:
            raise CaptionSyntaxError(first + 1, "the cue starts before the one before it")
        payload = block[1:]
        for n, line in enumerate(payload):
            if "-->" in line:
                raise CaptionSyntaxError(first + 2 + n, "'-->' in cue text")
        shown, voice = cue_text(payload, first + 2)
        cues.append(ReadCue(start, end, shown, voice, identifier, settings))
    return cues

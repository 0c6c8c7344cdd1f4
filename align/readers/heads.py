"""The head of a turn, in every way transcripts write one: a name, a time stamp, or both.

``head(line)`` reads one line's start and says which ``Shape`` it has (``**Name:**``,
``Name  0:00``, ``[Speaker 1] [00:01]``…), the label, the stamp as written and the text
after them; a line that opens no turn gives None. Each reader takes the shapes of its
layout and reads any other line as text, so a ``Note: …`` inside a turn of a file whose
turns open ``**Name:**`` stays words.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from align.readers.names import looks_like_name
from align.timecode import LOOSE_STAMP


class Shape(enum.Enum):
    """How a head is written; the value shows it."""

    BOLD_NAME_COLON = "**Name:** text"
    BOLD_NAME_STAMP = "**Name** [00:01:02] text"
    BOLD_NAME_TEXT = "00:01:02 **Name** text"
    BOLD_STAMP = "**[00:01:02]** text"
    BOLD_NAME_ALONE = "**Name**"
    NAME_ALONE = "Name"
    NAME_SPACED_STAMP = "Name  0:00"
    STAMP_ALONE = "00:01:02"
    BRACKET_NAME_STAMP = "[Speaker 1] [00:01:02] text"
    BRACKET_NAME = "[SPEAKER_00] text"
    STAMP_RANGE = "[00:00.000 --> 00:04.000] text"
    STAMP_TEXT = "0:00 text"
    NAME_STAMP = "Name: 00:01:02"
    STAMP_NAME_COLON = "00:01:02 Name: text"
    BRACKETED = "[00:01:02] Name: text"
    NAME_COLON = "Name: text"
    NAME_COLON_ALONE = "Name:"

    @property
    def named(self) -> bool:
        return self not in (Shape.STAMP_ALONE, Shape.BOLD_STAMP, Shape.STAMP_RANGE, Shape.STAMP_TEXT)


@dataclass(frozen=True, slots=True)
class Head:
    shape: Shape
    label: str | None
    stamp: str | None  # as written, without brackets
    text: str  # what follows on the line ('' when the head stands alone)
    end_stamp: str | None = None  # the end of a "[start --> end]" range
    bracketed: bool = False  # the stamp is in brackets or parentheses


_S = LOOSE_STAMP
# A stamp in brackets or parentheses, with the markdown escape "\[" a web page leaves.
_STAMP_B = rf"\\?[\[(]\s*(?P<s>{_S})\s*\\?[\])]"
_NAME = r"(?P<n>[^\W\d_][^:：\[\]()*<>|\"“”]{0,47}?)"
_BOLD = r"(?:\*\*|__)"

# "[00:00.000 --> 00:04.000]": in brackets, which a caption file's timing line never is.
_RANGE = re.compile(rf"^\\?\[\s*(?P<s>{_S})\s*(?:-->|–>|->|[-–])\s*(?P<e>{_S})\s*\\?\]\s*:?\s*(?P<rest>.*)$")
_BRACKET_NAME_STAMP = re.compile(rf"^\[{_NAME}\]\s*:?\s*{_STAMP_B}\s*:?\s*(?P<rest>.*)$")
_STAMP_BRACKET_NAME = re.compile(rf"^{_STAMP_B}\s*\[{_NAME}\]\s*:?\s*(?P<rest>.*)$")
_BRACKET_NAME = re.compile(rf"^\[{_NAME}\]\s*:?\s*(?P<rest>.*)$")
_BRACKET_NAME_BARE_STAMP = re.compile(rf"^\[{_NAME}\]\s+(?P<s>{_S})\s*$")
_LEAD_STAMP = re.compile(rf"^(?:{_BOLD})?(?:{_STAMP_B}|(?P<b>{_S}))(?:{_BOLD})?\s+(?P<rest>\S.*)$")
_BOLD_SPAN = re.compile(rf"^{_BOLD}(?P<inner>[^*_].*?){_BOLD}\s*(?P<after>.*)$")
_INNER_NAME_STAMP = re.compile(rf"^{_NAME}\s*(?:{_STAMP_B}|[-–]\s*(?P<b>{_S}))\s*$")
_INNER_STAMP_NAME = re.compile(rf"^(?:{_STAMP_B}|(?P<b>{_S}))\s*{_NAME}$")
_STAMP_ONLY = re.compile(rf"^(?:{_STAMP_B}|(?P<b>{_S}))$")
# After a bold name: " [00:01:02] text", ": 00:01 text", " *(00:01)*: text" (the stamp in italics).
_AFTER_STAMP = re.compile(rf"^:?\s*[*_]{{0,2}}(?:{_STAMP_B}|(?P<b>{_S})(?=[\s*_:]|$))[*_]{{0,2}}\s*:?\s*(?P<rest>.*)$")
_NAME_COLON_STAMP = re.compile(rf"^{_NAME}\s*[:：]\s*(?:{_STAMP_B}|(?P<b>{_S}))\s*(?P<rest>.*)$")
_NAME_BRACKET_STAMP = re.compile(rf"^{_NAME}\s*{_STAMP_B}\s*[:：]?\s*(?P<rest>.*)$")
_NAME_DASH_STAMP = re.compile(rf"^{_NAME}\s+[-–—|]\s+(?P<b>{_S})\s*$")
_NAME_SPACED_STAMP = re.compile(rf"^{_NAME}\s+(?P<b>{_S})$")
# Tab-separated exports: "Name<TAB>00:01:02<TAB>text", "00:01:02<TAB>Name<TAB>text".
_TAB_NAME_STAMP = re.compile(rf"^{_NAME}\t+(?P<b>{_S})\t+(?P<rest>\S.*)$")
_TAB_STAMP_NAME = re.compile(rf"^(?P<b>{_S})\t+{_NAME}\t+(?P<rest>\S.*)$")
_NAME_COLON = re.compile(rf"^{_NAME}\s*(?::|：)(?:\s+(?P<rest>\S.*))?$")
_NAME_ONLY = re.compile(rf"^{_NAME}$")


def head(line: str) -> Head | None:
    """The head ``line`` opens a turn with, or None when it is text."""
    text = line.strip()
    if not text or ("-->" in text and not text.startswith(("[", "\\["))):
        return None  # a caption file's timing line opens no turn of a text transcript
    return _ranged(text) or _bracketed(text) or _bold(text) or _stamped(text) or _named(text)


def _stamp(m: re.Match[str]) -> str:
    return m.group("s") if m.groupdict().get("s") else m.group("b")


def _ranged(text: str) -> Head | None:
    m = _RANGE.match(text)
    if m is None or "-" not in text[: m.start("rest")].replace(m.group("s"), "", 1):
        return None
    rest = m.group("rest")
    inner = _named(rest)
    if inner is not None and inner.shape is Shape.NAME_COLON:
        return Head(Shape.STAMP_RANGE, inner.label, m.group("s"), inner.text, m.group("e"))
    return Head(Shape.STAMP_RANGE, None, m.group("s"), rest, m.group("e"))


def _bracketed(text: str) -> Head | None:
    if not text.startswith(("[", "(", "\\[")):
        return None
    for pattern in (_BRACKET_NAME_STAMP, _STAMP_BRACKET_NAME):
        m = pattern.match(text)
        if m and looks_like_name(m.group("n").strip()):
            return Head(Shape.BRACKET_NAME_STAMP, m.group("n").strip(), _stamp(m), m.group("rest"))
    m = _BRACKET_NAME_BARE_STAMP.match(text)
    if m and looks_like_name(m.group("n").strip()):
        return Head(Shape.NAME_STAMP, m.group("n").strip(), m.group("s"), "")
    m = _STAMP_ONLY.match(text)
    if m:
        return Head(Shape.STAMP_ALONE, None, _stamp(m), "", bracketed=True)
    m = _BRACKET_NAME.match(text)
    if m and looks_like_name(m.group("n").strip()) and not _STAMP_ONLY.match(f"[{m.group('n')}]"):
        return Head(Shape.BRACKET_NAME, m.group("n").strip(), None, m.group("rest"))
    lead = _LEAD_STAMP.match(text)
    if lead:  # "[00:01:02] **Name:** text", "(00:01) Name: text"
        inner = _bold(lead.group("rest")) or _named(lead.group("rest"))
        if inner is not None and inner.label is not None and inner.stamp is None:
            bold = inner.shape.name.startswith("BOLD")
            shape = (Shape.BOLD_NAME_TEXT if bold else Shape.BRACKETED if text.startswith("[")
                     else Shape.STAMP_NAME_COLON)
            if inner.shape in (Shape.NAME_COLON, Shape.NAME_COLON_ALONE) or shape is Shape.BOLD_NAME_TEXT:
                return Head(shape, inner.label, _stamp(lead), inner.text)
    return None


def _bold(text: str) -> Head | None:
    lead = _LEAD_STAMP.match(text)
    if lead and not text.startswith(("*", "_")):
        # "0:00:36.2 **Adam Garrett-Harris** I'm Adam." (orbit.fm)
        rest = lead.group("rest")
        if _LEAD_STAMP.match(rest) and not rest.startswith(("*", "_")):
            return None  # a stamp then another: no name follows the first (and no recursion down a line of them)
        found = _bold(rest)
        if found is not None and found.label is not None and found.stamp is None:
            return Head(Shape.BOLD_NAME_TEXT, found.label, _stamp(lead), found.text)
        return None
    m = _BOLD_SPAN.match(text)
    if m is None:
        return None
    inner, after = m.group("inner").strip(), m.group("after").strip()
    colon = inner.endswith((":", "：")) or after.startswith((":", "："))
    if inner.endswith((":", "：")):
        inner = inner[:-1].rstrip()
    elif after.startswith((":", "：")):
        after = after[1:].lstrip()
    stamp = _STAMP_ONLY.match(inner)
    if stamp:
        if after.startswith(("-", "–", "—", "|")):
            return None  # "**03:09** - A brief intro": a chapter in the show notes, not speech
        return Head(Shape.BOLD_STAMP, None, _stamp(stamp), after)
    name, stamp_text = inner, None
    for pattern in (_INNER_NAME_STAMP, _INNER_STAMP_NAME):
        both = pattern.match(inner)
        if both:
            name, stamp_text = both.group("n").strip(), _stamp(both)
            break
    if not looks_like_name(name):
        return None
    if stamp_text is None and not colon:
        follows = _AFTER_STAMP.match(after)
        if follows and (follows.group("s") or follows.group("b")):
            return Head(Shape.BOLD_NAME_STAMP, name, _stamp(follows), follows.group("rest"))
        if not after:
            return Head(Shape.BOLD_NAME_ALONE, name, None, "")
        return Head(Shape.BOLD_NAME_TEXT, name, None, after)
    if stamp_text is None:
        follows = _AFTER_STAMP.match(after)
        if follows and (follows.group("s") or follows.group("b")):
            stamp_text, after = _stamp(follows), follows.group("rest")
    shape = Shape.BOLD_NAME_COLON if colon else Shape.BOLD_NAME_STAMP
    return Head(shape, name, stamp_text, after)


def _stamped(text: str) -> Head | None:
    """Lines with a name and a stamp beside it, or a stamp alone."""
    m = _STAMP_ONLY.match(text)
    if m:
        return Head(Shape.STAMP_ALONE, None, _stamp(m), "")
    for pattern in (_NAME_BRACKET_STAMP, _NAME_COLON_STAMP):
        m = pattern.match(text)
        if m and looks_like_name(m.group("n").strip()):
            rest = m.group("rest")
            if pattern is _NAME_COLON_STAMP and m.group("b") and rest and not rest[0].isspace() \
                    and not text[m.end("b"):].startswith(" "):
                continue
            return Head(Shape.NAME_STAMP, m.group("n").strip(), _stamp(m), rest.strip())
    m = _NAME_DASH_STAMP.match(text)
    if m and looks_like_name(m.group("n").strip()):
        return Head(Shape.NAME_STAMP, m.group("n").strip(), m.group("b"), "")
    for pattern, shape in ((_TAB_NAME_STAMP, Shape.NAME_STAMP), (_TAB_STAMP_NAME, Shape.STAMP_NAME_COLON)):
        m = pattern.match(text)
        if m and looks_like_name(m.group("n").strip()):
            return Head(shape, m.group("n").strip(), m.group("b"), m.group("rest").strip())
    m = _NAME_SPACED_STAMP.match(text)
    if m and looks_like_name(m.group("n").strip()):
        return Head(Shape.NAME_SPACED_STAMP, m.group("n").strip(), m.group("b"), "")
    lead = _LEAD_STAMP.match(text)
    if lead:  # "00:01:02 Name: text"
        inner = _named(lead.group("rest"))
        if inner is not None and inner.shape in (Shape.NAME_COLON, Shape.NAME_COLON_ALONE):
            return Head(Shape.STAMP_NAME_COLON, inner.label, _stamp(lead), inner.text)
        if not text.startswith(("[", "\\[", "*", "_")):  # "0:03 general kenobi", as YouTube's transcript copies
            return Head(Shape.STAMP_TEXT, None, _stamp(lead), lead.group("rest"))
    return None


def _named(text: str) -> Head | None:
    m = _NAME_COLON.match(text)
    if m and looks_like_name(m.group("n").strip()):
        rest = m.group("rest")
        if rest is None:
            return Head(Shape.NAME_COLON_ALONE, m.group("n").strip(), None, "")
        return Head(Shape.NAME_COLON, m.group("n").strip(), None, rest)
    m = _NAME_ONLY.match(text)
    if m and looks_like_name(text):
        return Head(Shape.NAME_ALONE, text, None, "")
    return None

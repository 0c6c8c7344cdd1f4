"""A text transcript's lines, read once for every reader of text layouts.

``scan`` reads each line of a text for what it could be: front matter, page structure
(a heading, a rule, a table), page chrome (a line of links, a share button), or a turn's
head in one of the ``Shape``s. A reader of one layout is then a ``Layout``: the shapes
its turns open with, and how much each counts towards its ``sniff``. ``sniff`` and
``parse`` do the rest the same way for every such reader, so readers differ only in
what they say they are.

Detection: a reader's score is the share of the file's units (paragraphs and head
lines) that open with one of its shapes, less the heads of other layouts that name a
speaker it would read as words. A head whose label could be a sentence's first words
(``Name: text``, ``Name`` alone) counts only when its label recurs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from align.readers import markup
from align.readers.heads import Head, Shape, head
from align.readers.layout import Dropped, Gap, Item, Mark, Opening, Words, assemble
from align.readers.model import Transcript
from align.readers.names import corroborated
from align.readers.registry import Context
from align.timecode import LOOSE_STAMP

_SPOKEN_TIME = re.compile(r"^\s*\d+ (hours?|minutes?|seconds?)(,? \d+ (minutes?|seconds?))*\s*$")
_HEADING_STAMP = re.compile(rf"(?:^|[\s\[(])(?P<s>{LOOSE_STAMP})(?=$|[\s\])\-–—:|])")
_COLON = frozenset({Shape.NAME_COLON, Shape.NAME_COLON_ALONE, Shape.BRACKET_NAME, Shape.BOLD_NAME_TEXT})
# Shapes whose label could as well be a sentence's opening words: they count when the label recurs.
WEAK = frozenset({Shape.NAME_COLON, Shape.NAME_COLON_ALONE, Shape.NAME_ALONE, Shape.BOLD_NAME_ALONE,
                  Shape.BRACKET_NAME, Shape.BOLD_NAME_TEXT})


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    raw: str
    head: Head | None = None
    dropped: str | None = None  # what page structure or chrome the line is
    stamp: str | None = None  # the stamp of a heading that has one
    starts_paragraph: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    lines: tuple[Line, ...]
    names: tuple[str, ...]  # the speakers the front matter lists
    labels: Mapping[Shape, Counter[str]]  # how often each label heads a line, by shape


@dataclass(frozen=True, slots=True)
class Layout:
    """What one reader's turns look like."""

    shapes: Mapping[Shape, float]  # the heads it opens turns with, and what each counts in sniff
    anchors: bool = True  # a stamp alone on a line anchors the next word
    chrome: bool = True  # lines of links and share buttons are dropped wherever they stand
    paragraph_turns: bool = False  # in a file that names no one, each paragraph is a turn
    footer: bool = True
    before: str = "text before the first turn"  # what words before the first head are, in warnings
    extra_names: frozenset[str] = field(default_factory=frozenset)
    bracketed_stamps: bool = True  # a stamp in brackets alone on a line can be one of its heads


@lru_cache(maxsize=8)
def scan(text: str) -> Page:
    """Every line of ``text``, read for what it could be (cached: every reader sniffs the same text)."""
    raw_lines = text.split("\n")
    front = markup.front_matter(raw_lines)
    names = markup.front_matter_names(raw_lines[:front]) if front else ()
    lines: list[Line] = []
    labels: dict[Shape, Counter[str]] = {}
    in_fence = False
    previous_blank = True
    for k, raw in enumerate(raw_lines):
        number, raw = k + 1, raw.rstrip()
        if k < front:
            lines.append(Line(number, raw, dropped="front matter"))
            continue
        if not raw.strip():
            lines.append(Line(number, raw))
            previous_blank = True
            continue
        structure = markup.structure(raw)
        if structure == "a code fence":
            in_fence = not in_fence
        if in_fence or structure == "a code fence":
            lines.append(Line(number, raw, dropped="a code block"))
            continue
        if structure is None and _underlined(raw_lines, k):
            structure = "a heading"
        if structure is not None:
            stamp = _heading_stamp(raw) if structure == "a heading" else None
            lines.append(Line(number, raw, dropped=structure, stamp=stamp))
            previous_blank = True
            continue
        after_stamp = lines and lines[-1].head is not None and lines[-1].head.shape is Shape.STAMP_ALONE
        if after_stamp and _SPOKEN_TIME.match(raw):
            # "0:04" then "4 seconds": a video site's transcript reads its stamps out for screen readers.
            lines.append(Line(number, raw, dropped="a time written out"))
            continue
        found = head(raw)
        if found is not None and found.label is not None:
            labels.setdefault(found.shape, Counter())[found.label] += 1
        chrome = markup.chrome(raw) if found is None else None
        lines.append(Line(number, raw, found, chrome, starts_paragraph=previous_blank))
        previous_blank = False
    _unheaded(lines, labels)
    return Page(tuple(lines), names, labels)


_ALONE = (Shape.NAME_ALONE, Shape.BOLD_NAME_ALONE)


def _unheaded(lines: list[Line], labels: dict[Shape, Counter[str]]) -> None:
    """A name alone on a line heads the words below it: one with no words before the end, or
    before the same name again, is a line of words ("Hello" last, or twice in a row, names no
    one), and is not counted."""
    following: Line | None = None  # the next line with words or a head
    for k in range(len(lines) - 1, -1, -1):
        line = lines[k]
        if not line.raw.strip() or line.dropped is not None:
            continue
        h = line.head
        if h is not None and h.shape in _ALONE and h.label is not None and (
                following is None or (following.head is not None and following.head.label == h.label)):
            labels[h.shape][h.label] -= 1
            if not labels[h.shape][h.label]:
                del labels[h.shape][h.label]
            line = lines[k] = Line(line.number, line.raw, None, None, line.stamp, line.starts_paragraph)
        following = line


def _underlined(lines: list[str], k: int) -> bool:
    """``lines[k]`` is a title with ``===`` or ``---`` under it (and is short, not a sentence)."""
    if k + 1 >= len(lines) or not markup.setext_underline(lines[k + 1]):
        return False
    words = lines[k].split()
    return 0 < len(words) <= 10 and not lines[k].rstrip().endswith((".", "?", "!", "…", ",", ";"))


def _heading_stamp(raw: str) -> str | None:
    m = markup.HEADING.match(raw)
    title = m.group("title") if m else raw
    found = _HEADING_STAMP.search(markup.plain_text(title))
    return found.group("s") if found else None


def _accepted(page: Page, layout: Layout) -> dict[Shape, set[str]]:
    """The labels each of ``layout``'s shapes opens turns with."""
    out: dict[Shape, set[str]] = {}
    known = set(page.names) | set(layout.extra_names)
    for shape in layout.shapes:
        counts = page.labels.get(shape, Counter())
        full = {lbl for lbl in counts if len(lbl.split()) > 1}
        if shape in _COLON and len(full) >= 2:
            # Two people's full names open paragraphs "Name:": this file names its speakers so, and the
            # full names are speakers even when each speaks once; a lone word still has to recur.
            out[shape] = full | corroborated(counts, known)
        elif shape in WEAK:
            # A weak shape's label recurs in any of the layout's shapes ("**Rob**" once, "**Rob:**" often).
            pooled: Counter[str] = Counter()
            for s in layout.shapes:
                pooled.update(page.labels.get(s, Counter()))
            # A name alone in bold, where such names recur, is a guest; a plain line alone could be a title.
            sure = corroborated(pooled, known, guests=shape is not Shape.NAME_ALONE)
            out[shape] = {lbl for lbl in counts if lbl in sure}
        else:
            out[shape] = set(counts)
    return out


def sniff(text: str, layout: Layout) -> float:
    """How much ``text`` looks like ``layout`` (see the module's docstring)."""
    page = scan(text)
    accepted = _accepted(page, layout)
    recurring = {shape: {lbl for lbl, n in counts.items() if n >= 2} for shape, counts in page.labels.items()}
    own = 0.0
    heads = 0
    foreign = 0
    units = 0
    for line in page.lines:
        h = line.head
        if h is not None and h.label is not None and h.label not in recurring.get(h.shape, set()) \
                and h.shape in WEAK and h.label not in accepted.get(h.shape, set()):
            h = None  # a one-off weak head is a sentence as far as counting goes
        if h is None:
            units += line.starts_paragraph and line.dropped is None
            continue
        units += 1
        if h.bracketed and not layout.bracketed_stamps:
            continue
        if h.shape in layout.shapes and (h.label is None or h.label in accepted[h.shape]):
            own += layout.shapes[h.shape]
            heads += 1
        elif h.shape is Shape.STAMP_ALONE and layout.anchors:
            continue
        elif h.shape.named:
            foreign += 1
    if heads < 2 or units == 0:
        return 0.0
    return max(0.0, own - foreign) / units


def parse(text: str, ctx: Context, layout: Layout, reader: str) -> Transcript:
    """``text`` read as ``layout``: its heads open turns, everything else is words or dropped."""
    page = scan(text)
    accepted = _accepted(page, layout)
    items: list[Item] = []
    for line in page.lines:
        h = line.head
        if line.dropped is not None and ((line.dropped != "a link" and line.dropped != "a button") or layout.chrome):
            if line.stamp is not None:
                items.append(Mark(line.number, line.stamp, line.raw.strip()))
            else:
                items.append(Dropped(line.number, line.raw.strip(), line.dropped))
        elif not line.raw.strip():
            items.append(Gap(line.number))
        elif h is not None and h.shape in layout.shapes and (h.label is None or h.label in accepted[h.shape]):
            items.append(Opening(line.number, h.label, h.stamp, markup.plain_text(h.text), h.end_stamp))
        elif h is not None and h.shape is Shape.STAMP_ALONE and layout.anchors:
            items.append(Opening(line.number, None, h.stamp))
        elif h is not None and h.shape is Shape.STAMP_TEXT and layout.anchors and line.raw.lstrip().startswith("("):
            # "(00:12:36) And so…": a paragraph's stamp in parentheses, as Lex Fridman's pages write them
            items.append(Opening(line.number, None, h.stamp, markup.plain_text(h.text)))
        else:
            items.append(Words(line.number, markup.plain_text(line.raw)))
    if layout.paragraph_turns and not any(isinstance(it, Opening) and it.label for it in items):
        items = _paragraphs_as_turns(items)
    return assemble(items, ctx, reader, drops_before=layout.before, footer=layout.footer)


def _paragraphs_as_turns(items: list[Item]) -> list[Item]:
    """A file that names no one: each paragraph opens a turn of an unnamed voice."""
    out: list[Item] = []
    previous: Item | None = None
    stamp: Opening | None = None  # a stamp alone on its line, its words still to come
    for it in items:
        if isinstance(it, Words) and (previous is None or isinstance(previous, Gap | Dropped | Mark)) \
                and stamp is None:
            out.append(Opening(it.line, None, None, it.text))
        else:
            out.append(it)
        if isinstance(it, Opening) and it.label is None and not it.text:
            stamp = it  # the paragraph after it is the stamp's turn
        elif not isinstance(it, Gap):
            stamp = None
        previous = it
    return out

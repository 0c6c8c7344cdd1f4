"""Today's dialect: ``[HH:MM:SS] Speaker: text``, with every quirk of it.

The reader is lenient: it keeps every word of the transcript, reports what it
could not use (a title line, page text after the last turn, odd markers) as
diagnostics with file:line, and raises only when nothing can be read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from align import timecode
from align.errors import Diagnostic, InputError
from align.readers.model import Paragraph, RawTurn, Token, Transcript
from align.readers.registry import Context, Reader
from align.readers.tokens import tokenize
from align.text import NAME_PARTICLES, ends_sentence, fold, initials

# "[00:13:36] CL: text" / "[0:13:36] Connor Leahy: text" / "[13:36.250] ..."
# Anything bracketed with digits and a colon but no spaces is meant as a marker, so a typo
# such as "[00:01:4O]" is reported rather than read as text.
_MARKER = re.compile(r"^\[(?P<time>(?=[^\]\s]*\d)(?=[^\]\s]*:)[^\]\s]{1,20})\]\s*(?P<rest>.*)$")
# A label ends in a colon and a space, or in a full-width colon (Chinese and Japanese write no space).
_LABEL = re.compile(r"^(?P<label>[^\W\d_][^:：\[\]“”\"]{0,39}?)\s*(?::\s+|：\s*)(?P<text>\S.*)$")
UNNAMED = "Unknown"  # the label of words no speaker label claims
_HEADING = re.compile(r"^(episode|chapter|part|season)\s+\d+\b", re.IGNORECASE)


@dataclass(slots=True)
class _Block:
    """A paragraph of the file: consecutive non-blank lines."""

    line: int
    text: str
    indent: int


def sniff(text: str) -> float:
    """How much ``text`` looks like this dialect: the share of paragraphs opening with a marker.

    Any text can be read as one voice without markers, so the score is never zero.
    """
    blocks = _blocks(text)
    if not blocks:
        return 0.0
    # "[00:00:01] [Ann Lee] Hello." is a stamp and a bracketed name: the segments layout.
    marked = sum(1 for b in blocks if (m := _MARKER.match(b.text)) and not m.group("rest").startswith("["))
    return max(0.01, marked / len(blocks))


def parse(text: str, ctx: Context) -> Transcript:
    path, encoding, strict = ctx.path, ctx.encoding, ctx.strict
    blocks = _blocks(text)
    diags: list[Diagnostic] = []
    heads = _classify(blocks, path, diags, strict)
    first = next((i for i, h in enumerate(heads) if h is not None), None)
    dropped: list[int] = []
    if first is None:
        return Transcript(path, encoding, _unlabelled(blocks, path, diags), tuple(diags), (), NAME)
    if first > 0:
        pre = blocks[:first]
        dropped.extend(b.line for b in pre)
        diags.append(
            Diagnostic(path, pre[0].line, f"text before the first turn is not captioned: {_quote(pre)}")
        )
    last = max(i for i, h in enumerate(heads) if h is not None)
    debris = _trailing_debris(blocks, last)
    if debris < len(blocks):
        tail = blocks[debris:]
        dropped.extend(b.line for b in tail)
        diags.append(
            Diagnostic(
                path,
                tail[0].line,
                f"{len(tail)} paragraph(s) of page text after the last turn are not captioned: "
                f"{_quote(tail)}",
            )
        )
    turns = tuple(_turns(blocks[first:debris], heads[first:debris], path, diags))
    if all(t.marker_ms is None for t in turns):
        diags.append(Diagnostic(path, None, "no timing markers; timed from 00:00:00 at the default speaking rate"))
    return Transcript(path, encoding, turns, tuple(diags), tuple(dropped), NAME)


NAME = "bracketed"
READER = Reader(
    NAME,
    "[HH:MM:SS] Name: text, one turn a paragraph",
    "[00:13:36] Connor Leahy: So the question is…",
    sniff,
    parse,
)


def _blocks(text: str) -> list[_Block]:
    """Paragraphs with their first line number. A marker line always starts a new one; a line
    that starts with a label does too, unless it follows a marker on a line of its own
    ("[00:13:36]" then "Connor Leahy: text"), which heads it."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        lm = _LABEL.match(stripped)
        marker = _MARKER.match(stripped)
        bare = current is not None and (m := _MARKER.match(current.text)) is not None and not m.group("rest")
        labelled = indent == 0 and lm and _looks_like_label(lm.group("label")) and not bare
        if current is None or marker or labelled:
            current = _Block(number, stripped, indent)
            blocks.append(current)
        else:
            current.text += " " + stripped
    return blocks


@dataclass(frozen=True, slots=True)
class _Head:
    label: str | None
    marker_ms: int | None
    precision_ms: int
    text: str


def _classify(blocks: list[_Block], path: str, diags: list[Diagnostic], strict: bool) -> list[_Head | None]:
    """For each block, the turn head it starts (label/marker), or None for a continuation."""
    marked_labels: set[str] = set()
    candidates: dict[str, int] = {}
    for b in blocks:
        m = _MARKER.match(b.text)
        rest = m.group("rest") if m else b.text
        lm = _LABEL.match(rest)
        if lm and _looks_like_label(lm.group("label")):
            if m:
                marked_labels.add(lm.group("label"))
            elif b.indent == 0:
                candidates[lm.group("label")] = candidates.get(lm.group("label"), 0) + 1
    marked_initials = {initials(lbl) for lbl in marked_labels if len(lbl.split()) > 1}
    any_marker = any(_MARKER.match(b.text) for b in blocks)

    def accepted(label: str) -> bool:
        if label in marked_labels or label in marked_initials:
            return True
        if len(label.split()) > 1 and initials(label) in marked_labels:
            return True  # "Stefano Maffulli:" unmarked, "[00:01:31] SM:" elsewhere
        return candidates.get(label, 0) >= 2 or (not any_marker and candidates.get(label, 0) >= 1)

    heads: list[_Head | None] = []
    previous_ms: int | None = None
    previous_line = 0
    for b in blocks:
        m = _MARKER.match(b.text)
        if m is None:
            lm = _LABEL.match(b.text)
            if lm and b.indent == 0 and _looks_like_label(lm.group("label")) and accepted(lm.group("label")):
                heads.append(_Head(lm.group("label"), None, 1000, lm.group("text")))
            else:
                heads.append(None)
            continue
        parsed = timecode.parse_stamp(m.group("time"))
        marker_ms: int | None = None
        precision = 1000
        if parsed is None:
            message = f"malformed marker [{m.group('time')}]; timed from its neighbours (write it as [HH:MM:SS])"
            if strict:
                raise InputError(path, message, b.line)
            diags.append(Diagnostic(path, b.line, message))
        else:
            later = timecode.after(parsed, previous_ms)
            marker_ms, precision = later or parsed
            if later is None:
                assert previous_ms is not None
                message = (
                    f"marker [{m.group('time')}] goes back in time from [{timecode.clock(previous_ms)}] "
                    f"at line {previous_line}; timed from its neighbours (check the time)"
                )
                if strict:
                    raise InputError(path, message, b.line)
                diags.append(Diagnostic(path, b.line, message))
                marker_ms = None
            else:
                previous_ms, previous_line = marker_ms, b.line
        rest = m.group("rest")
        lm = _LABEL.match(rest)
        if lm and _looks_like_label(lm.group("label")):
            heads.append(_Head(lm.group("label"), marker_ms, precision, lm.group("text")))
        else:
            # A marker without a speaker: the same voice goes on, with a time anchor.
            heads.append(_Head(None, marker_ms, precision, rest))
    return heads


def _looks_like_label(label: str) -> bool:
    words = label.split()
    if not 1 <= len(words) <= 4 or label.strip() != label or _HEADING.match(label):
        return False
    # A label is a name, initials, a role or a tool's numbered speaker ("Speaker 1"): every
    # word capitalised (particles and numbers after the first aside), or written in a
    # script without capitals (王伟, أحمد, דוד).
    return all(_capital(w) or w.lower() in NAME_PARTICLES or (k > 0 and w.isdigit())
               for k, w in enumerate(words)) and _capital(words[0])


def _capital(word: str) -> bool:
    first = word[0]
    return first.isupper() or (first.isalpha() and not first.islower())


def _trailing_debris(blocks: list[_Block], last_head: int) -> int:
    """Index of the first block of web-page text after the last turn (len(blocks) if none).

    Page text is the first paragraph after the last turn's head that does not
    read like speech (indented, a heading, no sentence-final punctuation) and
    everything after it; a paragraph just before it that repeats earlier text
    (a disclaimer printed again in the page footer) belongs to it too.
    """
    start = len(blocks)
    for i in range(last_head + 1, len(blocks)):
        b = blocks[i]
        if b.indent >= 2 or _HEADING.match(b.text) or not ends_sentence(b.text):
            start = i
            break
    if start == len(blocks):
        return start
    earlier = [fold(b.text) for b in blocks[:last_head + 1]]
    while start - 1 > last_head:
        candidate = fold(blocks[start - 1].text)
        if not any(_similar(candidate, e) for e in [*earlier[-20:], fold(_after_head(blocks[last_head].text))]):
            break
        start -= 1
    return start


def _after_head(text: str) -> str:
    m = _MARKER.match(text)
    rest = m.group("rest") if m else text
    lm = _LABEL.match(rest)
    return lm.group("text") if lm else rest


# A footer that repeats earlier text is short: comparing more than its start would take time
# that grows with the square of the paragraphs' length (minutes for a few long paragraphs).
_SIMILAR_CHARS = 400


def _similar(a: str, b: str) -> bool:
    if not a or not b or abs(len(a) - len(b)) > 0.2 * max(len(a), len(b)):
        return False
    m = difflib.SequenceMatcher(None, a[:_SIMILAR_CHARS], b[:_SIMILAR_CHARS], autojunk=False)
    return m.real_quick_ratio() >= 0.9 and m.quick_ratio() >= 0.9 and m.ratio() >= 0.9


def _quote(blocks: list[_Block], limit: int = 3) -> str:
    shown = []
    for b in blocks[:limit]:
        t = b.text if len(b.text) <= 40 else b.text[:37].rstrip() + "…"
        shown.append(f"“{t}”")
    more = f" and {len(blocks) - limit} more" if len(blocks) > limit else ""
    return ", ".join(shown) + more


def _turns(
    blocks: list[_Block], heads: list[_Head | None], path: str, diags: list[Diagnostic]
) -> list[RawTurn]:
    turns: list[RawTurn] = []
    label: str | None = None
    line = 0
    marker: int | None = None
    precision = 1000
    paragraphs: list[Paragraph] = []
    unnamed: Diagnostic | None = None  # the turn has no label: said when it is captioned
    pending: tuple[int, int] | None = None  # a marker on a line of its own: anchors the next word
    # A time no word of its turn took (a marker alone at the end of a turn, or heading a turn
    # without text) is the time of the next turn, if that has no marker of its own.
    carry: tuple[int, int] | None = None
    untaken: Diagnostic | None = None  # what to say if it is not taken

    def close() -> None:
        nonlocal carry, untaken
        if label is None:
            return
        if any(p.tokens for p in paragraphs):
            if unnamed is not None:
                diags.append(unnamed)
            turns.append(RawTurn(label, line, marker, precision, tuple(p for p in paragraphs if p.tokens)))
            carry = pending
            return
        skipped = Diagnostic(path, line, f"turn of '{label}' has no words; skipped")
        time = pending or ((marker, precision) if marker is not None else None)
        if time is None:
            diags.append(skipped)
            return
        if untaken is not None:
            diags.append(untaken)
        carry = time
        untaken = skipped if unnamed is not None else None  # only a marker: nothing lost if its time is taken
        if unnamed is None:
            diags.append(skipped)

    def add(line_no: int, text: str, anchor: tuple[int, int] | None) -> None:
        nonlocal pending
        tokens = tokenize(text, path, line_no, diags)
        anchor = anchor or pending
        if tokens and anchor is not None:
            tokens = (Token(tokens[0].text, anchor[0], anchor[1], tokens[0].note), *tokens[1:])
            anchor = None
        pending = anchor
        paragraphs.append(Paragraph(line_no, tokens))

    for b, head in zip(blocks, heads, strict=True):
        if head is not None and (head.label is not None or label is None):
            close()
            unnamed = None
            if head.label is None:  # a marker before any speaker label: the words are kept, unnamed
                unnamed = Diagnostic(path, b.line, f"the turn here has no speaker label; captioned as '{UNNAMED}'",
                                     rename=(UNNAMED, None))
            label, line, marker, precision = head.label or UNNAMED, b.line, head.marker_ms, head.precision_ms
            if marker is None and carry is not None:
                (marker, precision), untaken = carry, None
            elif untaken is not None:
                diags.append(untaken)
                untaken = None
            paragraphs, pending, carry = [], None, None
            add(b.line, head.text, None)
        elif head is not None:
            add(b.line, head.text, None if head.marker_ms is None else (head.marker_ms, head.precision_ms))
        else:
            add(b.line, b.text, None)
    close()
    if untaken is not None:
        diags.append(untaken)
    return turns


def _unlabelled(blocks: list[_Block], path: str, diags: list[Diagnostic]) -> tuple[RawTurn, ...]:
    """A file with neither markers nor speaker labels: one turn of an unnamed voice."""
    paragraphs = tuple(Paragraph(b.line, tokenize(b.text, path, b.line, diags)) for b in blocks)
    paragraphs = tuple(p for p in paragraphs if p.tokens)
    diags.append(
        Diagnostic(
            path,
            None,
            "no '[HH:MM:SS] Name:' markers or speaker labels; timed from 00:00:00 at the default "
            "speaking rate as one voice",
        )
    )
    if not paragraphs:
        raise InputError(path, "holds no words to caption")
    return (RawTurn(UNNAMED, blocks[0].line, None, 1000, paragraphs),)



"""Caption files as transcripts: SRT and WebVTT, whatever their name ends in.

Read with ``align.readers.captionfile`` (pysrt and webvtt-py, with line numbers). Each
cue is a paragraph whose first word is anchored at the cue's start and whose last word
ends at the cue's end, so captions that are late, or cut for another screen, are timed
again from what they say and cut again to the profile. Speakers are read from
``<v Name>`` voices, from a ``Name:`` or ``[Name]`` before a cue's words (when the same
label opens cues more than once: Zoom writes one on every cue, SRT when the speaker
changes), and from ``>>`` (a change of speaker, unnamed); a voice goes on until another
is named. A file that names no one is a turn for each stretch of speech between pauses.

Auto-captions that roll (each cue repeating the line before it, as YouTube's do) are
read a line once, and the word times they carry (``<00:00:02.800>``) anchor their words.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from align.errors import Diagnostic
from align.readers.captionfile import CaptionCue, CaptionFile, CaptionFormat, Syntax, SyntaxProblem, parse_caption_text
from align.readers.layout import UNNAMED
from align.readers.model import Paragraph, RawTurn, Token, Transcript
from align.readers.names import looks_like_name
from align.readers.registry import Context, Reader
from align.readers.tokens import tokenize

NAME = "captions"
_TIME = r"(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+\S+:\S+)*\s*$")
_LABEL = re.compile(r"^\s*(?:\[(?P<bracket>[^\]]{1,40})\]|(?P<colon>[^\W\d_][^:\[\]]{0,39}?)\s*:)\s*(?=\S|$)")
_CHANGE = re.compile(r"^\s*>>\s*")
_DASH = re.compile(r"^\s*[-–]\s+")
_WORD_TIME = re.compile(r"<(?P<t>(?:\d+:)?\d{2}:\d{2}\.\d{3})>")
_TAG = re.compile(r"<[^>]*>")
PAUSE_MS = 2000  # in a file that names no one, a pause this long between cues ends a turn
CHAINED_MS = 120  # a cue that ends this close to the next one's start was held up to it


def sniff(text: str) -> float:
    """The share of the file's blocks that are cues (a timing line with ``-->``)."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    timed = sum(1 for b in blocks if any(_TIMING.match(line) for line in b.split("\n")[:3]))
    if timed < 2 and not (timed == 1 and len(blocks) <= 2):
        return 0.0
    head = 1 if text.lstrip("\ufeff").startswith("WEBVTT") else 0
    return min(1.0, (timed + head) / len(blocks))


@dataclass(slots=True)
class _Turn:
    """A speaker's cues in a row: one paragraph, every cue's start an anchor in it."""

    label: str
    line: int
    tokens: list[Token] = field(default_factory=list)


def parse(text: str, ctx: Context) -> Transcript:
    fmt = CaptionFormat.VTT if text.lstrip("\ufeff").startswith("WEBVTT") or _vtt_times(text) else CaptionFormat.SRT
    captions = parse_caption_text(text.lstrip("\ufeff"), fmt, ctx.path)
    diags = _problems(captions)
    cues = [c for c in captions.cues if any(s.strip() for s in c.shown)]
    rolling = _rolling(cues)
    if rolling:
        diags.append(Diagnostic(ctx.path, cues[0].line, "the cues roll (each repeats the line before it, as "
                                                        "auto-captions do); each line is read once"))
    labels = _labels(cues)
    # A WebVTT voice is <v Name>; captionfile's voice for an SRT cue is its label, read here by _labels.
    voices = fmt is CaptionFormat.VTT
    named = bool(labels) or (voices and any(c.voice for c in cues))
    turns: list[_Turn] = []
    voice: str | None = None
    previous_end: int | None = None
    shown_before: tuple[str, ...] = ()
    for cue in cues:
        lines = _new_lines(cue, shown_before) if rolling else list(range(len(cue.lines)))
        shown_before = tuple(s for s in cue.shown if s.strip())
        pieces = _pieces(cue, lines, labels)
        if not pieces:
            continue
        if voices and cue.voice:
            voice = cue.voice
        first = True
        for change, label, line, words in pieces:
            speaker = label or (None if change else voice)
            if label:
                voice = label
            elif change:
                voice = None
            pause = previous_end is not None and cue.start_ms - previous_end >= PAUSE_MS
            new_turn = (not turns or change or (speaker or UNNAMED) != turns[-1].label
                        or (not named and first and pause))
            if new_turn:
                turns.append(_Turn(speaker or UNNAMED, line))
            tokens = tokenize(" ".join(w for w, _ in words), ctx.path, line, diags)
            if not tokens:
                continue
            tokens = _anchored(tokens, words, cue, first, last=(change, label, line, words) == pieces[-1])
            if first and not rolling:  # the captioner's cut is kept where it fits the profile
                tokens = (replace(tokens[0], opens_cue=True), *tokens[1:])
            turns[-1].tokens.extend(tokens)
            first = False
        previous_end = cue.end_ms
    _ends(turns, cues)
    raw = tuple(_raw(t) for t in turns if t.tokens)
    return Transcript(ctx.path, ctx.encoding, raw, tuple(diags), (), NAME)


def _problems(captions: CaptionFile) -> list[Diagnostic]:
    """The file's syntax problems, each kind once with how often it recurs: a file read as a
    transcript needs to say what is odd, not list every cue of auto-captions."""
    by_kind: dict[Syntax, list[SyntaxProblem]] = {}
    for problem in captions.problems:
        by_kind.setdefault(problem.kind, []).append(problem)
    out = []
    for found in by_kind.values():
        more = f" (and {len(found) - 1} more like it)" if len(found) > 1 else ""
        out.append(Diagnostic(captions.source, found[0].line, found[0].message + more))
    return sorted(out, key=lambda d: d.line or 0)


def _vtt_times(text: str) -> bool:
    found = re.search(rf"{_TIME}\s*-->", text)
    return bool(found and "." in found.group(0) and "," not in found.group(0))


def _rolling(cues: list[CaptionCue]) -> bool:
    """Most cues open with the last line of the cue before: auto-captions that roll."""
    if len(cues) < 4:
        return False
    repeats = 0
    for before, cue in itertools.pairwise(cues):
        tail = [s for s in before.shown if s.strip()]
        head = [s for s in cue.shown if s.strip()]
        repeats += bool(tail and head and head[0] == tail[-1])
    return repeats >= 0.4 * (len(cues) - 1)


def _new_lines(cue: CaptionCue, before: tuple[str, ...]) -> list[int]:
    """Indexes of the lines of ``cue`` not shown in the cue before (rolling captions)."""
    keep = [k for k, s in enumerate(cue.shown) if s.strip()]
    shown = [cue.shown[k] for k in keep]
    overlap = 0
    for n in range(min(len(shown), len(before)), 0, -1):
        if tuple(shown[:n]) == before[-n:]:
            overlap = n
            break
    return keep[overlap:]


def _label_of(line: str) -> str | None:
    m = _LABEL.match(line)
    if m is None:
        return None
    label = (m.group("bracket") or m.group("colon") or "").strip()
    if not looks_like_name(label):
        return None
    return label


def _labels(cues: list[CaptionCue]) -> set[str]:
    """The ``Name:`` and ``[Name]`` labels that open cues: any, once one opens cues more than
    once (the file names speakers so, and a guest who speaks once is named too)."""
    counts: Counter[str] = Counter()
    for cue in cues:
        for shown in cue.shown:
            label = _label_of(_CHANGE.sub("", shown))
            if label:
                counts[label] += 1
    return set(counts) if any(n >= 2 for n in counts.values()) else set()


_Words = list[tuple[str, int | None]]  # each word with the time a rolling caption gives it


def _pieces(cue: CaptionCue, lines: list[int], labels: set[str]) -> list[tuple[bool, str | None, int, _Words]]:
    """The cue's words, split where ``>>``, a dialogue dash or a label changes the speaker:
    (a change of speaker, its label or None, the line, the words)."""
    dashes = sum(1 for k in lines if _DASH.match(cue.shown[k])) >= 2
    out: list[tuple[bool, str | None, int, _Words]] = []
    for k in lines:
        shown, raw, number = cue.shown[k], cue.lines[k], cue.line_numbers[k]
        change = bool(_CHANGE.match(shown)) or (dashes and bool(_DASH.match(shown)))
        shown = _DASH.sub("", _CHANGE.sub("", shown)) if change else shown
        label = _label_of(shown)
        if label not in labels:
            label = None
        elif label is not None:
            shown = shown[_LABEL.match(shown).end():]  # type: ignore[union-attr]
        words: _Words = [(w, None) for w in shown.split()]
        if _WORD_TIME.search(raw) and not change and not label:
            words = _timed_words(raw)
        if not words:
            if change or label:
                out.append((change, label, number, []))
            continue
        if out and not change and not label:
            out[-1][3].extend(words)
        else:
            out.append((change, label, number, words))
    return [p for p in out if p[3]]


def _timed_words(raw: str) -> _Words:
    """The words of a line with times inside it (``to<00:00:02.800><c> the</c>``), each with its time."""
    words: _Words = []
    at: int | None = None
    for k, part in enumerate(_WORD_TIME.split(raw)):
        if k % 2:
            at = _ms(part)
            continue
        for w in html.unescape(_TAG.sub("", part)).split():
            words.append((w, at))
            at = None
    return words


def _ms(stamp: str) -> int:
    *hm, s = stamp.split(":")
    hours, minutes = (int(hm[0]), int(hm[1])) if len(hm) == 2 else (0, int(hm[0]))
    return round(((hours * 60 + minutes) * 60 + float(s)) * 1000)


def _anchored(tokens: tuple[Token, ...], words: _Words, cue: CaptionCue, first: bool, last: bool) -> tuple[Token, ...]:
    """Tokens with the cue's start on its first word, and word times where the cue has them."""
    out = list(tokens)
    if len(tokens) == len(words):
        for k, (_, at) in enumerate(words):
            if at is not None and out[k].anchor_ms is None:
                out[k] = Token(out[k].text, at, 0, out[k].note)
    if first and out[0].anchor_ms is None:
        out[0] = Token(out[0].text, cue.start_ms, 0, out[0].note)
    if last:
        out[-1] = replace(out[-1], until_ms=cue.end_ms)
    return tuple(out)


def _ends(turns: list[_Turn], cues: list[CaptionCue]) -> None:
    """Keep a cue's end as its words' end, except where a speaker's cue was closed up to their next.

    Captions are chained: a cue that ends a moment (two frames or so) before the next
    begins was held on screen up to it, and its words ended earlier, when they were
    said; the pause after them is the speaker's own. At a change of speaker, and before
    a pause, the cue's end is where the turn's words end.
    """
    starts = sorted(c.start_ms for c in cues)
    for turn in turns:
        last = max((k for k, t in enumerate(turn.tokens) if t.until_ms is not None), default=None)
        for k, token in enumerate(turn.tokens):
            if token.until_ms is None or k == last:
                continue
            later = [s for s in starts if s >= token.until_ms - CHAINED_MS]
            if later and later[0] - token.until_ms <= CHAINED_MS:
                turn.tokens[k] = replace(token, until_ms=None)


def _raw(turn: _Turn) -> RawTurn:
    """The turn, its first word's anchor made the turn's marker."""
    first = turn.tokens[0]
    bare = replace(first, anchor_ms=None, anchor_precision_ms=1000)
    return RawTurn(turn.label, turn.line, first.anchor_ms, 0, (Paragraph(turn.line, (bare, *turn.tokens[1:])),))


READER = Reader(NAME, "SRT or WebVTT captions: each cue's time an anchor, speakers from <v Name>, Name: or >>",
                "00:00:01,879 --> 00:00:04,824\nMO: a show about the people", sniff, parse)

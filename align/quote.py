"""Find a quote in the transcript and cut it as a clip (its captions are written beside it
by ``align.jobs``, cut by the profile like any others).

Matching ignores case, punctuation, typographic quotes and dashes, and tolerates
small differences (a typo, a missing or extra word): candidates are scored by
difflib's ratio on the normalised text. A quote that matches nowhere well enough,
or well at two places, is an error that lists the nearest candidates with times.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from align import clips, timecode
from align.clips import ClipOptions, Snap
from align.errors import AlignError, Diagnostic
from align.model import Turn, Word
from align.text import match_words

MIN_SCORE = 0.8  # below this a candidate is not the quote
AMBIGUOUS_WITHIN = 0.05  # two places scoring this close to the best are both the quote
QUOTE_SNAP = Snap(outward_ms=1500, inward_ms=150)  # widen to the nearest pause
UNSURE_MS = 100  # how far a boundary between words found end to end may be off
CANDIDATES = 40  # windows aligned to a quote that is not found exactly
_QUOTES = "\"'“”‘’„«» "
DEFAULTS = ClipOptions()

@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a quote was found: the transcript's own words, all in ``turn``."""

    turn: Turn
    words: tuple[Word, ...]
    score: float  # 1.0 for an exact match (after normalising)

    @property
    def start_ms(self) -> int:
        return self.words[0].start_ms

    @property
    def end_ms(self) -> int:
        return self.words[-1].end_ms

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def describe(self) -> str:
        """``[00:05:51] CL: “text…”``"""
        return f"[{timecode.clock(self.start_ms)}] {self.turn.speaker.key}: “{clips.excerpt(self.text)}”"


class QuoteError(AlignError):
    """The quote was not found, or found at more than one place; ``candidates`` are nearest."""

    def __init__(self, message: str, candidates: Sequence[QuoteMatch]) -> None:
        self.candidates = tuple(candidates)
        super().__init__(message)


def _listing(candidates: Sequence[QuoteMatch], scores: bool) -> str:
    parts = [c.describe() + (f" ({c.score:.0%})" if scores else "") for c in candidates]
    return "; ".join(parts)


def find_quote(turns: Sequence[Turn], quote: str) -> QuoteMatch:
    """The one place in ``turns`` where ``quote`` is said; QuoteError if none or several.

    A match lies within one turn.
    """
    wanted = match_words(quote)
    if not wanted:
        raise QuoteError("the quote has no words to find", ())
    flat: list[tuple[str, int, int]] = []  # (token, turn number, word index in the turn)
    for k, turn in enumerate(turns):
        for wi, word in enumerate(turn.words):
            flat.extend((tok, k, wi) for tok in match_words(word.text))
    found = _search([tok for tok, _, _ in flat], [k for _, k, _ in flat], wanted)

    def match(score: float, lo: int, hi: int) -> QuoteMatch:
        turn = turns[flat[lo][1]]
        return QuoteMatch(turn, turn.words[flat[lo][2]:flat[hi - 1][2] + 1], round(score, 3))

    shown = f"“{clips.excerpt(quote.strip().strip(_QUOTES), 40)}”"
    if not found or found[0][0] < MIN_SCORE:
        candidates = [match(*f) for f in found[:3]]
        nearest = f"; nearest: {_listing(candidates, True)}" if candidates else ""
        raise QuoteError(f"quote {shown} not found{nearest}; check its words", candidates)
    close = [match(*f) for f in found if f[0] >= found[0][0] - AMBIGUOUS_WITHIN]
    if len(close) > 1:
        raise QuoteError(f"quote {shown} is said {len(close)} times: {_listing(close[:3], False)}"
                         "; give more of its words to pick one", close)
    return close[0]


def same_words(match: QuoteMatch, turns: Sequence[Turn]) -> QuoteMatch:
    """``match`` in ``turns`` timed again (the same turns, with new word times)."""
    turn = next(t for t in turns if t.index == match.turn.index)
    first = next(k for k, w in enumerate(match.turn.words) if w is match.words[0])
    return replace(match, turn=turn, words=turn.words[first : first + len(match.words)])


def _word_misses(quote: list[str], found: list[str]) -> int:
    """Quote words with no counterpart in ``found`` that could be a misspelling of it."""
    misses = 0
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, quote, found, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(quote[a0:a1], found[b0:b1], strict=False))
        close = sum(1 for q, f in pairs if difflib.SequenceMatcher(None, q, f).ratio() >= 0.7)
        misses += (a1 - a0) - close
    return misses


def _search(text: list[str], group: list[int], quote: list[str]) -> list[tuple[float, int, int]]:
    """Non-overlapping ``(score, lo, hi)`` token ranges of ``text`` most like ``quote``, best first.

    A range never spans two values of ``group`` (two turns). Exact matches score 1.0;
    otherwise the windows holding most of the quote's words are aligned to it word by
    word (difflib) and scored by difflib's ratio on their characters.
    """
    n = len(quote)
    if not text:
        return []
    exact = [(1.0, i, i + n) for i in range(len(text) - n + 1)
             if text[i:i + n] == quote and group[i] == group[i + n - 1]]
    if exact:
        return exact
    slack = max(1, n // 4)
    vocab = set(quote)
    hits = np.cumsum([0] + [tok in vocab for tok in text])
    width = min(n, len(text))
    counts = hits[width:] - hits[:-width]
    joined = " ".join(quote)
    scored: list[tuple[float, int, int]] = []
    for start in np.argsort(-counts, kind="stable")[:CANDIDATES]:
        start = int(start)
        if counts[start] == 0:
            break
        g = group[start]
        lo = start
        while lo > 0 and group[lo - 1] == g and lo > start - slack:
            lo -= 1
        hi = start
        while hi < len(text) and group[hi] == g and hi < start + n + slack:
            hi += 1
        blocks = [b for b in difflib.SequenceMatcher(None, quote, text[lo:hi], autojunk=False)
                  .get_matching_blocks() if b.size]
        if not blocks:
            continue
        first, last = blocks[0], blocks[-1]
        # Quote words before the first (after the last) aligned word were probably
        # misspelt: take as many transcript words there, within the turn.
        a = max(lo + first.b - first.a, lo)
        b = min(lo + last.b + last.size + (n - last.a - last.size), hi)
        ratio = difflib.SequenceMatcher(None, joined, " ".join(text[a:b]), autojunk=False).ratio()
        if _word_misses(quote, text[a:b]) > n // 5:
            ratio = min(ratio, MIN_SCORE - 0.01)  # a different word, not a misspelling: only "nearest"
        scored.append((ratio, a, b))
    scored.sort(key=lambda s: (-s[0], s[1]))
    kept: list[tuple[float, int, int]] = []
    for s in scored:
        if all(s[2] <= k[1] or s[1] >= k[2] for k in kept):
            kept.append(s)
    return kept


# ---------------------------------------------------------------- cutting


@dataclass(frozen=True, slots=True)
class QuoteClip:
    """A quote's clip, cut into ``tmp`` to be published as ``clip`` with its captions."""

    match: QuoteMatch
    clip: Path
    tmp: Path
    start_ms: int  # where the clip was cut in the source
    end_ms: int
    warnings: tuple[Diagnostic, ...]

    def as_turn(self) -> Turn:
        """The quote's words as a turn timed from the clip's start (for its captions)."""
        words = tuple(
            Word(w.text, max(0, w.start_ms - self.start_ms), max(0, min(w.end_ms, self.end_ms) - self.start_ms))
            for w in self.match.words
        )
        return replace(self.match.turn, words=words, paragraph_starts=(0,), marker_ms=None)


def quote_name(match: QuoteMatch) -> str:
    """``quote_00-05-51_CL``: the file stem for a quote's clip and captions."""
    return f"quote_{timecode.clock(match.start_ms, '-')}_{clips.safe_label(match.turn.speaker.key)}"


def _words_around(turns: Sequence[Turn], match: QuoteMatch) -> tuple[int, int | None]:
    """Where the word before the quote ends and the word after it starts: the clip's ends are
    padded and snapped to pauses, never into those words."""
    words = [w for t in turns for w in t.words]
    first = next((k for k, w in enumerate(words) if w is match.words[0]), None)
    last = next((k for k, w in enumerate(words) if w is match.words[-1]), None)
    # Words timed end to end from the text alone leave the ends to the snap, which finds the
    # quietest point near each. Found end to end in the recording, the words bound the clip
    # all the same, give or take what the aligner may be off by: the snap finds the pause
    # there, never one a word further on.
    found = match.turn.aligned
    before = words[first - 1] if first else None
    floor = 0
    if before is not None and (before.end_ms < match.start_ms or found):
        floor = before.end_ms if before.end_ms < match.start_ms else max(0, before.end_ms - UNSURE_MS)
    after = words[last + 1] if last is not None and last + 1 < len(words) else None
    ceiling = None
    if after is not None and (after.start_ms > match.end_ms or found):
        ceiling = after.start_ms if after.start_ms > match.end_ms else after.start_ms + UNSURE_MS
    return min(floor, match.start_ms), None if ceiling is None else max(ceiling, match.end_ms)


def clip_quote(turns: Sequence[Turn], match: QuoteMatch, audio_path: Path, out_dir: Path,
               options: ClipOptions = DEFAULTS, *, stem: str | None = None,
               also: Sequence[Path] = (), protect: Sequence[Path] = ()) -> QuoteClip:
    """Cut the clip of a found quote, for ``out_dir/stem.<format>`` (into a temporary file
    the caller publishes with ``align.outputs.commit``).

    The clip runs from the quote's first word to its last as the transcript times them,
    widened by ``options.pad_ms``, then each end moves out to the nearest pause (up to
    1.5 s) so no word is clipped, never into the word before or after the quote. ``also``
    are the files the caller writes beside it (its captions): checked before anything is cut.
    Nothing is overwritten unless ``options.force``.
    """
    tags = {"title": clips.excerpt(match.text), "artist": match.turn.speaker.name}
    floor, ceiling = _words_around(turns, match)
    clip = clips.export_clip(turns, audio_path, match.start_ms, match.end_ms, out_dir, stem or quote_name(match),
                             options, snap=QUOTE_SNAP, tags=tags, protect=protect, also=also,
                             floor_ms=floor, ceiling_ms=ceiling)
    return QuoteClip(match, clip.path, clip.tmp, clip.start_ms, clip.end_ms, clip.warnings)

"""Find a quote in the transcript and cut it as a clip with a one-cue SRT and VTT beside it.

Matching ignores case, punctuation, typographic quotes and dashes, and tolerates
small differences (a typo, a missing or extra word): candidates are scored by
difflib's ratio on the normalised text. A quote that matches nowhere well enough,
or well at two places, is an error that lists the nearest candidates with times.
"""

from __future__ import annotations

import difflib
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from align import audio, clips
from align.clips import ClipOptions, CutMode, Snap
from align.errors import AlignError, Diagnostic
from align.model import Turn, Word
from align.writers import check_targets, escape_vtt, safe_line, srt_time, vtt_time

MIN_SCORE = 0.8  # below this a candidate is not the quote
AMBIGUOUS_WITHIN = 0.05  # two places scoring this close to the best are both the quote
QUOTE_SNAP = Snap(outward_ms=1500, inward_ms=150)  # widen to the nearest pause
LINE_WIDTH = 42
CANDIDATES = 40  # windows aligned to a quote that is not found exactly
_QUOTES = "\"'“”‘’„«» "
DEFAULTS = ClipOptions()

_PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "`": "'", "´": "'",
                        "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                        "–": " ", "—": " ", "‐": " ", "‑": " ", "-": " ", "/": " ", "…": " "})


def tokens(text: str) -> list[str]:
    """Words of ``text`` for matching: casefolded, letters and digits only (``don’t`` → ``dont``)."""
    plain = unicodedata.normalize("NFKC", text).translate(_PLAIN).casefold()
    return [w for w in ("".join(c for c in raw if c.isalnum()) for raw in plain.split()) if w]


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
        return f"[{clips.clock(self.start_ms)}] {self.turn.speaker.key}: “{clips.excerpt(self.text)}”"


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
    wanted = tokens(quote)
    if not wanted:
        raise AlignError("the quote has no words; pass the words to find, in quotes")
    flat: list[tuple[str, int, int]] = []  # (token, turn number, word index in the turn)
    for k, turn in enumerate(turns):
        for wi, word in enumerate(turn.words):
            flat.extend((tok, k, wi) for tok in tokens(word.text))
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
                         "; quote more words to pick one", close)
    return close[0]


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


# ---------------------------------------------------------------- writing


@dataclass(frozen=True, slots=True)
class QuoteReport:
    match: QuoteMatch
    clip: Path
    srt: Path
    vtt: Path
    start_ms: int  # where the clip was cut in the source
    end_ms: int
    warnings: tuple[Diagnostic, ...]


def one_cue_srt(text: str, duration_ms: int) -> str:
    """An SRT file with one cue showing ``text`` from 0 to ``duration_ms``."""
    lines = textwrap.wrap(safe_line(text), LINE_WIDTH) or [" "]
    return f"1\n{srt_time(0)} --> {srt_time(duration_ms)}\n" + "\n".join(lines) + "\n"


def one_cue_vtt(text: str, duration_ms: int) -> str:
    """A WebVTT file with one cue showing ``text`` (``&``, ``<``, ``>`` escaped)."""
    lines = textwrap.wrap(safe_line(text), LINE_WIDTH) or [" "]
    body = "\n".join(escape_vtt(ln) for ln in lines)
    return f"WEBVTT\n\n{vtt_time(0)} --> {vtt_time(duration_ms)}\n{body}\n"


def quote_name(match: QuoteMatch) -> str:
    """``quote_00-05-51_CL``: the file stem for a quote's clip and captions."""
    return f"quote_{clips.clock(match.start_ms, '-')}_{clips.safe_label(match.turn.speaker.key)}"


def export_quote(turns: Sequence[Turn], quote: str | QuoteMatch, audio_path: Path,
                 out_dir: Path, options: ClipOptions = DEFAULTS, *,
                 name: str | None = None) -> QuoteReport:
    """Find ``quote`` (or take a match) and cut it from the audio with ``.srt`` and ``.vtt``.

    The clip runs from the quote's first word to its last as the transcript times them,
    widened by ``options.pad_ms``, then each end moves out to the nearest pause (up to
    1.5 s) so no word is clipped. Files are ``out_dir/name`` (default ``quote_name``)
    with the format's extension, ``.srt`` and ``.vtt``; the captions' one cue spans the
    clip. Nothing is overwritten unless ``options.force``.
    """
    match = quote if isinstance(quote, QuoteMatch) else find_quote(turns, quote)
    ffmpeg = audio.find_ffmpeg(options.ffmpeg)
    info = audio.probe(Path(audio_path), ffmpeg)
    fmt = clips.output_format(info, options)
    if fmt is not audio.AudioFormat.WAV or options.mode is CutMode.COPY:
        audio.require_ffmpeg(ffmpeg, f"write a {fmt.value} clip (WAV works without it)")
    stem = clips.safe_label(name) if name else quote_name(match)
    clip, srt, vtt = (out_dir / f"{stem}.{ext}" for ext in (fmt.value, "srt", "vtt"))
    check_targets([clip, srt, vtt], [info.path], force=options.force)
    if info.duration_ms is not None and match.start_ms >= info.duration_ms:
        raise AlignError(f"the quote starts at {clips.clock(match.start_ms)}, after the audio "
                         f"ends ({clips.clock(info.duration_ms)}); is it the right recording?")
    clips.make_folder(out_dir)
    tags = {"title": clips.excerpt(match.text), "artist": match.turn.speaker.name,
            "album": options.album or info.path.stem}
    span = clips.Span(match.start_ms, match.end_ms, clip, tags)
    if options.mode is CutMode.COPY:
        _, early = audio.copy_format(info)
        start, end = max(0, span.start_ms - options.pad_ms), span.end_ms + options.pad_ms
        audio.stream_copy(info, [audio.CopyJob(max(0, start - early), end, clip, tags)],
                          ffmpeg, force=options.force)
        got: tuple[int, int] | None = (start, end)
    else:
        decoder = clips.Decoder(info, ffmpeg)
        try:
            got = clips.cut(decoder, span, fmt, options, QUOTE_SNAP)
        finally:
            decoder.close()
    if got is None:
        raise AlignError(f"the audio has nothing at {clips.clock(match.start_ms)}; "
                         "is it the right recording?")
    duration = got[1] - got[0]
    clips.write_text(srt, one_cue_srt(match.text, duration), force=options.force)
    clips.write_text(vtt, one_cue_vtt(match.text, duration), force=options.force)
    return QuoteReport(match, clip, srt, vtt, got[0], got[1],
                       tuple(clips.duration_warnings(info, turns)))

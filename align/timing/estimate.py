"""Estimating when each word is spoken, from the markers and the text alone.

The model: a speaker says a syllable in ``r`` seconds (their own rate), pauses
after sentences, clauses and paragraphs, and leaves a gap before the next
turn. The rates and pauses are fitted on the transcript itself, robustly
(least absolute deviations), from the spans between consecutive markers.

Each stretch of text between two time anchors (turn markers, inline stamps)
then gets a duration that combines two estimates in proportion to their
precision: the text's predicted duration, and the span to the next anchor. A
span far longer than the text (music, a long pause) is not stretched over:
the words follow the speech and the rest is silence. A span too short for
its text borrows from its neighbours within the markers' precision, then
squeezes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from align import timecode
from align.model import Speaker, Turn, Word
from align.readers import RawTurn, Token
from align.text import ends_clause, ends_sentence
from align.timing.syllables import speech_units

NOTE_UNITS = 6.0  # an [inaudible] passage takes about as long as a short word
MIN_WORD_MS = 40
MIN_SEPARATION_MS = 40


@dataclass(frozen=True, slots=True)
class Rate:
    """The fitted speaking model. Durations in seconds, per syllable or per pause."""

    syllable_s: float
    sentence_pause_s: float
    clause_pause_s: float
    paragraph_pause_s: float
    turn_gap_s: float
    speaker_syllable_s: Mapping[str, float] = field(default_factory=dict)
    fitted_on: int = 0  # number of marker-to-marker spans used

    def for_speaker(self, key: str) -> float:
        return self.speaker_syllable_s.get(key, self.syllable_s)


DEFAULT_RATE = Rate(
    syllable_s=0.07, sentence_pause_s=0.35, clause_pause_s=0.25, paragraph_pause_s=0.5, turn_gap_s=0.8
)

# Plausible ranges for the fitted values; a fit outside is clamped and the rest refitted.
_BOUNDS = ((0.02, 0.15), (0.0, 1.5), (0.0, 0.8), (0.0, 2.0), (0.0, 3.0))
_MIN_SPANS = 8
_SHRINK_SYLLABLES = 1500.0
_PRIOR_WEIGHT = 4.0
_SQUEEZED = 0.75  # a stretch said in less than this share of its predicted time


@dataclass(slots=True)
class _Item:
    """One token on the time line: its spoken length and the pause after it, in seconds-units."""

    turn: int
    token: Token
    syllables: float
    pause: str  # "", "clause", "sentence", "paragraph", "turn"


def _items(turns: Sequence[RawTurn]) -> list[_Item]:
    items: list[_Item] = []
    for ti, turn in enumerate(turns):
        for pi, para in enumerate(turn.paragraphs):
            for k, tok in enumerate(para.tokens):
                syl = NOTE_UNITS if tok.note else speech_units(tok.text)
                last_in_para = k == len(para.tokens) - 1
                if last_in_para and pi == len(turn.paragraphs) - 1:
                    pause = "turn"
                elif last_in_para:
                    pause = "paragraph"
                elif ends_sentence(tok.text):
                    pause = "sentence"
                elif ends_clause(tok.text):
                    pause = "clause"
                else:
                    pause = ""
                items.append(_Item(ti, tok, syl, pause))
    return items


def _pause_s(rate: Rate, kind: str) -> float:
    return {
        "": 0.0,
        "clause": rate.clause_pause_s,
        "sentence": rate.sentence_pause_s,
        "paragraph": rate.paragraph_pause_s,
        "turn": rate.turn_gap_s,
    }[kind]


def _l1_fit(x: np.ndarray, y: np.ndarray, fixed: dict[int, float]) -> np.ndarray:
    """Least absolute deviations by iteratively reweighted least squares; ``fixed`` columns held."""
    free = [j for j in range(x.shape[1]) if j not in fixed]
    target = y - sum((x[:, j] * v for j, v in fixed.items()), np.zeros_like(y))
    xf = x[:, free]
    beta = np.linalg.lstsq(xf, target, rcond=None)[0]
    for _ in range(60):
        resid = np.abs(target - xf @ beta)
        w = 1.0 / np.sqrt(np.maximum(resid, 0.05))
        new = np.linalg.lstsq(xf * w[:, None], target * w, rcond=None)[0]
        if np.allclose(new, beta, atol=1e-5):
            beta = new
            break
        beta = new
    out = np.empty(x.shape[1])
    for j, v in fixed.items():
        out[j] = v
    out[free] = beta
    return out


@dataclass(frozen=True, slots=True)
class _Span:
    speakers: dict[str, float]  # syllables per speaker key
    features: tuple[float, float, float, float]  # sentences, clauses, paragraphs, turn gaps
    seconds: float


def _spans(turns: Sequence[RawTurn], keys: Sequence[str], items: Sequence[_Item]) -> list[_Span]:
    """Marker-to-marker spans with what was said in them (inline stamps are not used here)."""
    by_turn: list[list[_Item]] = [[] for _ in turns]
    for it in items:
        by_turn[it.turn].append(it)
    spans: list[_Span] = []
    start: int | None = None
    acc_syl: dict[str, float] = {}
    acc = [0.0, 0.0, 0.0, 0.0]
    for ti, turn in enumerate(turns):
        if turn.marker_ms is not None:
            if start is not None and turn.marker_ms > start:
                spans.append(_Span(acc_syl, (acc[0], acc[1], acc[2], acc[3]), (turn.marker_ms - start) / 1000))
            start, acc_syl, acc = turn.marker_ms, {}, [0.0, 0.0, 0.0, 0.0]
        for it in by_turn[ti]:
            acc_syl[keys[ti]] = acc_syl.get(keys[ti], 0.0) + it.syllables
            index = {"sentence": 0, "clause": 1, "paragraph": 2, "turn": 3}.get(it.pause)
            if index is not None:
                acc[index] += 1
    return spans


def fit_rate(turns: Sequence[RawTurn], keys: Sequence[str], items: Sequence[_Item] | None = None) -> Rate:
    """Fit the speaking model on the spans between markers; the default when there are too few."""
    items = _items(turns) if items is None else items
    spans = _spans(turns, keys, items)
    if len(spans) < _MIN_SPANS:
        return DEFAULT_RATE
    x = np.array([[sum(s.speakers.values()), *s.features] for s in spans])
    y = np.array([s.seconds for s in spans])
    # Weak priors on the pauses (pseudo-spans): a short transcript cannot fit five numbers alone.
    defaults = (DEFAULT_RATE.sentence_pause_s, DEFAULT_RATE.clause_pause_s,
                DEFAULT_RATE.paragraph_pause_s, DEFAULT_RATE.turn_gap_s)
    prior_x = np.zeros((4, 5))
    for j in range(4):
        prior_x[j, j + 1] = _PRIOR_WEIGHT
    x = np.vstack([x, prior_x])
    y = np.concatenate([y, _PRIOR_WEIGHT * np.array(defaults)])
    fixed: dict[int, float] = {}
    beta = _l1_fit(x, y, fixed)
    for _ in range(len(_BOUNDS)):
        out = [j for j, (lo, hi) in enumerate(_BOUNDS) if j not in fixed and not lo <= beta[j] <= hi]
        if not out:
            break
        j = out[0]
        fixed[j] = min(max(beta[j], _BOUNDS[j][0]), _BOUNDS[j][1])
        beta = _l1_fit(x, y, fixed)
    syllable_s = float(beta[0])
    # Each speaker's own rate: weighted median of what their single-speaker spans imply,
    # shrunk towards the pooled rate when they said little.
    # One pass over the spans (not one a speaker: a file with thousands of labels took minutes).
    by_speaker: dict[str, list[tuple[float, float]]] = {}
    for s, row, sec in zip(spans, x, y, strict=False):
        said = sum(s.speakers.values())
        for key, syl in s.speakers.items():
            if syl > 0 and syl >= 0.95 * said:
                pauses = float(row[1:] @ beta[1:])
                by_speaker.setdefault(key, []).append(((sec - pauses) / (syllable_s * syl), syl))
    per_speaker: dict[str, float] = {}
    for key in dict.fromkeys(keys):
        ratios = by_speaker.get(key, [])
        if not ratios:
            continue
        ratios.sort()
        total = sum(w for _, w in ratios)
        acc, median = 0.0, ratios[-1][0]
        for value, w in ratios:
            acc += w
            if acc >= total / 2:
                median = value
                break
        median = min(max(median, 0.6), 1.6)
        weight = total / (total + _SHRINK_SYLLABLES)
        per_speaker[key] = syllable_s * (weight * median + (1 - weight))
    return Rate(
        syllable_s=syllable_s,
        sentence_pause_s=float(beta[1]),
        clause_pause_s=float(beta[2]),
        paragraph_pause_s=float(beta[3]),
        turn_gap_s=float(beta[4]),
        speaker_syllable_s=per_speaker,
        fitted_on=len(spans),
    )


@dataclass(slots=True)
class _Segment:
    """Items from one time anchor up to the next."""

    first: int  # index into items
    stop: int
    lo_ms: int  # the anchor: the first item starts in [lo_ms, hi_ms]
    hi_ms: int
    start_ms: float = 0.0
    duration_ms: float = 0.0
    predicted_ms: float = 0.0
    squeezed: bool = False


def estimate_times(
    turns: Sequence[RawTurn], speakers: Mapping[str, Speaker], rate: Rate | None = None
) -> tuple[list[Turn], Rate]:
    """Timed turns from the raw turns: every word gets an estimated start and end."""
    keys = [speakers[t.label].key for t in turns]
    items = _items(turns)
    rate = rate or fit_rate(turns, keys, items)
    if not items:
        return [], rate
    speech = np.array([it.syllables * rate.for_speaker(keys[it.turn]) for it in items]) * 1000
    pause = np.array([_pause_s(rate, it.pause) for it in items]) * 1000
    segments = _segments(turns, items)
    _place(segments, speech, pause, items)
    starts = np.zeros(len(items))
    ends = np.zeros(len(items))
    for seg in segments:
        sp = speech[seg.first : seg.stop]
        pa = pause[seg.first : seg.stop].copy()
        pa[-1] = 0.0
        total = float(sp.sum() + pa.sum())
        scale = seg.duration_ms / total if total > 0 else 1.0
        t = seg.start_ms
        for k in range(seg.first, seg.stop):
            starts[k] = t
            t += speech[k] * scale
            ends[k] = t
            t += (pause[k] if k < seg.stop - 1 else 0.0) * scale
    return _to_turns(turns, speakers, items, segments, starts, ends), rate


def _segments(turns: Sequence[RawTurn], items: Sequence[_Item]) -> list[_Segment]:
    segments: list[_Segment] = []
    first_of_turn: dict[int, int] = {}
    for k, it in enumerate(items):
        first_of_turn.setdefault(it.turn, k)
    previous_lo = -1
    for k, it in enumerate(items):
        anchor: tuple[int, int] | None = None
        turn = turns[it.turn]
        if first_of_turn[it.turn] == k and turn.marker_ms is not None:
            anchor = (turn.marker_ms, turn.marker_precision_ms)
        elif it.token.anchor_ms is not None:
            anchor = (it.token.anchor_ms, it.token.anchor_precision_ms)
        if anchor is not None:  # an inline stamp earlier than the marker before it: not usable
            anchor = timecode.after(anchor, previous_lo if previous_lo >= 0 else None)
        if k == 0 and anchor is None:
            anchor = (0, 0)
        if anchor is not None:
            if segments:
                segments[-1].stop = k
            segments.append(_Segment(k, len(items), anchor[0], anchor[0] + anchor[1]))
            previous_lo = anchor[0]
    return segments


def _place(segments: list[_Segment], speech: np.ndarray, pause: np.ndarray, items: Sequence[_Item]) -> None:
    """Choose each segment's start and duration within the anchors' windows."""
    for seg in segments:
        seg.start_ms = (seg.lo_ms + seg.hi_ms) / 2
        pa = pause[seg.first : seg.stop]
        seg.predicted_ms = float(speech[seg.first : seg.stop].sum() + pa[:-1].sum())
    for i, seg in enumerate(segments):
        if i > 0:
            prev = segments[i - 1]
            prev_end = prev.start_ms + prev.duration_ms
            if prev_end + MIN_SEPARATION_MS > seg.start_ms:
                seg.start_ms = min(max(seg.start_ms, prev_end + MIN_SEPARATION_MS), float(seg.hi_ms))
        trail = float(pause[seg.stop - 1])
        predicted = seg.predicted_ms
        until = items[seg.stop - 1].token.until_ms
        if until is not None and until > seg.start_ms:
            # The transcript says when these words end (a caption cue's end): so they do, short
            # of the next anchor.
            stated = until - seg.start_ms
            if i + 1 < len(segments):
                nxt = segments[i + 1]
                stated = min(stated, max((nxt.lo_ms + nxt.hi_ms) / 2 - MIN_SEPARATION_MS - seg.start_ms, 1.0))
            seg.duration_ms = max(stated, 1.0)
            continue
        if i + 1 == len(segments):
            seg.duration_ms = predicted
            continue
        nxt = segments[i + 1]
        available = (nxt.lo_ms + nxt.hi_ms) / 2 - seg.start_ms - trail
        duration = _combine(predicted, available, sum(it.syllables for it in items[seg.first : seg.stop]),
                            nxt.hi_ms - nxt.lo_ms)
        room = (nxt.lo_ms + nxt.hi_ms) / 2 - MIN_SEPARATION_MS - seg.start_ms
        if duration > room:
            # Borrow: start as early as the anchor allows, end as late as the next one allows.
            floor = segments[i - 1].start_ms + segments[i - 1].duration_ms + MIN_SEPARATION_MS if i else 0.0
            seg.start_ms = max(float(seg.lo_ms), min(seg.start_ms, floor))
            room = nxt.hi_ms - MIN_SEPARATION_MS - seg.start_ms
            duration = min(duration, room)
        n_items = seg.stop - seg.first
        # Words get a moment each, but never so much that they run past the next anchor:
        # text too dense for its span is squeezed into it (and reported), not spilled over.
        shortest = min(float(n_items * MIN_WORD_MS), max(room if duration > room else duration, float(n_items)))
        seg.duration_ms = max(duration, shortest)
        seg.squeezed = seg.duration_ms < _SQUEEZED * predicted


def _combine(predicted: float, available: float, syl: float, precision_ms: int) -> float:
    """The segment's duration from the text's estimate and the span to the next anchor."""
    if predicted <= 0:
        return max(0.0, min(available, 300.0))
    if available <= 0:
        return predicted
    sigma_rate = math.sqrt(0.06**2 + 1.0 / max(syl, 1.0))
    sigma_span = (math.hypot(0.41 * precision_ms / 1000, 0.2) * 1000 + 50) / available
    z = (math.log(available) - math.log(predicted)) / math.hypot(sigma_rate, sigma_span)
    if z > 2.5:  # far more time than text: speech, then silence or music
        return predicted
    w_rate, w_span = 1 / sigma_rate**2, 1 / sigma_span**2
    log_d = (w_rate * math.log(predicted) + w_span * math.log(available)) / (w_rate + w_span)
    return math.exp(log_d)


def _to_turns(
    turns: Sequence[RawTurn],
    speakers: Mapping[str, Speaker],
    items: Sequence[_Item],
    segments: Sequence[_Segment],
    starts: np.ndarray,
    ends: np.ndarray,
) -> list[Turn]:
    squeezed_items = np.zeros(len(items), dtype=bool)
    for seg in segments:
        if seg.squeezed:
            squeezed_items[seg.first : seg.stop] = True
    out: list[Turn] = []
    k = 0
    previous_end = 0  # a word never starts before the one said before it ends, in its turn or the last
    for ti, raw in enumerate(turns):
        words: list[Word] = []
        para_starts: list[int] = []
        squeezed = False
        for para in raw.paragraphs:
            para_starts.append(len(words))
            for tok in para.tokens:
                s = max(round(starts[k]), previous_end)
                e = max(round(ends[k]), s + 1)
                words.append(Word(tok.text, s, e, tok.opens_cue))
                previous_end = e
                squeezed |= bool(squeezed_items[k])
                k += 1
        out.append(
            Turn(
                index=ti,
                speaker=speakers[raw.label],
                line=raw.line,
                marker_ms=raw.marker_ms,
                words=tuple(words),
                paragraph_starts=tuple(para_starts),
                confidence=0.5 if squeezed else 1.0,
            )
        )
    return out

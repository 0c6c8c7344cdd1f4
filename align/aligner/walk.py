"""Walking through turns window by window.

A long turn is aligned in windows of a few dozen words (the grammar search's work per
frame grows with the words in its grammar): a window that cuts the turn may stop after
any word, and only words well before its end are kept; the next window starts just
before the last kept word, which its grammar may enter. The window holding the turn's
end must reach it and may run on into the next turn's first words. Consecutive turns
in one job chain the same way: a turn's search starts at the previous turn's last
word when that turn was found (windows from markers alone start seconds early).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from align.aligner.decoder import RATE, Hit, Path
from align.aligner.grammar import Chain
from align.aligner.tokens import TurnSpec

log = logging.getLogger(__name__)

# Mean acoustic log score per frame at and below which the text is taken not to be in
# the audio (``confidence`` explains the number).
BAD_SCORE = -6.3
SCORED_WORDS = 8  # a shorter turn's score says too little to throw it away


@dataclass(frozen=True, slots=True)
class WalkSettings:
    chunk_words: int = 55  # words of the turn a window is sized for
    # more words in the grammar than the window is sized for: a window must never hold more
    # speech than its grammar has words (with 10, a turn said at 185 words a minute was lost)
    lookahead_words: int = 25
    # Once the turn shows its pace, as many as the window holds at this many times that pace,
    # from the least to the most below: the search's work per frame grows with the grammar's
    # words, and at 400 ms a word 25 are 15 more than the window can hold. A quarter faster
    # than the turn's pace for the window's whole length, and never fewer than 10 (the grammar
    # then still holds a speaker of 230 words a minute): at 1.5 the search did 2% more work.
    headroom: float = 1.25
    least_lookahead_words: int = 10
    most_lookahead_words: int = 40
    tail_words: int = 4  # words before the window the search may start inside
    fast_ms_per_word: int = 300  # a cut window's length per word: a fast speaker's pace
    slow_ms_per_word: int = 500  # a cut window holds at least one word per this long
    pace_ms: int = 400  # a turn's last window: pace per word until the turn shows its own
    end_slack_ms: int = 1200  # ... plus this much
    lead_slack_ms: int = 3000  # more for a turn's first window when it was not chained
    guard_ms: int = 500  # words ending this close to a cut window's end are redone
    overlap_ms: int = 100  # the next window starts this long before the last kept word
    max_stretch: int = 4  # a window that keeps nothing is retried up to this many times longer
    last_words: int = 400  # ... and then, with at most this many words left, over the rest of the recording
    lead_in_ms: int = 500  # audio before a window the decoder's front end hears first (its noise)


@dataclass(frozen=True, slots=True)
class TurnResult:
    """Times (ms, relative to the job) for each token of a turn; None where not found."""

    index: int
    times: tuple[tuple[int, int] | None, ...]
    log_score: float  # summed over the frames of the found words
    frames: int
    widened: bool
    reason: str
    first_phones: tuple[str, ...] = ()  # each token's first phone as said on the path ("" unknown)
    token_scores: tuple[tuple[float, int], ...] = ()  # each token's log score and frames (0, 0 unfound)

    @property
    def found(self) -> int:
        return sum(t is not None for t in self.times)

    @property
    def per_frame(self) -> float:
        """Mean acoustic log score per frame of the words found."""
        return self.log_score / self.frames if self.frames else -10.0

    @property
    def trusted(self) -> bool:
        """All words found and the fit passes: the next turn may start where this one ends."""
        return (
            not self.reason
            and self.found == len(self.times)
            and (self.per_frame > BAD_SCORE or len(self.times) < SCORED_WORDS)
        )

    @property
    def end_ms(self) -> int | None:
        ends = [t[1] for t in self.times if t is not None]
        return max(ends) if ends else None


class WindowAligner(Protocol):
    @property
    def frame_ms(self) -> float: ...

    def align(self, samples: npt.NDArray[np.int16], chain: Chain,
              before: npt.NDArray[np.int16] | None = None) -> Path | None: ...


def walk_job(
    decoder: WindowAligner,
    audio: npt.NDArray[np.int16],
    turns: Sequence[TurnSpec],
    settings: WalkSettings = WalkSettings(),
) -> list[TurnResult]:
    """Align consecutive turns over ``audio`` (the job's slice), chaining their starts:
    a turn's search starts at the previous turn's last word when that turn was found."""
    results: list[TurnResult] = []
    previous: TurnResult | None = None
    for spec in turns:
        start = spec.start_ms
        if previous is not None and previous.trusted and previous.times[-1] is not None:
            # start just before the previous turn's last word: the grammar may enter there
            last_start = previous.times[-1][0] - settings.overlap_ms
            if last_start < spec.end_ms - 1000:
                start = max(start, last_start)
        result = walk_turn(decoder, audio, spec, start, settings)
        results.append(result)
        previous = result
    return results


def walk_turn(
    decoder: WindowAligner,
    audio: npt.NDArray[np.int16],
    spec: TurnSpec,
    start_ms: int,
    settings: WalkSettings = WalkSettings(),
) -> TurnResult:
    """Align one turn from ``start_ms`` on, window by window, never past ``spec.end_ms``."""
    walk = _Walk(decoder, audio, spec, start_ms, settings)
    while walk.pos < len(spec.tokens):
        if not walk.step():
            break
    return TurnResult(
        spec.index, tuple(walk.times), walk.log_score, walk.frames, walk.widened, walk.reason,
        tuple(walk.phones), tuple(walk.scores),
    )


class _Walk:
    """The state of one turn's walk: what is aligned so far and where to look next."""

    def __init__(
        self, decoder: WindowAligner, audio: npt.NDArray[np.int16], spec: TurnSpec,
        start_ms: int, settings: WalkSettings,
    ) -> None:
        self.chained = start_ms > spec.start_ms
        self.decoder, self.audio, self.spec, self.s = decoder, audio, spec, settings
        self.times: list[tuple[int, int] | None] = [None] * len(spec.tokens)
        self.phones: list[str] = [""] * len(spec.tokens)
        self.scores: list[tuple[float, int]] = [(0.0, 0)] * len(spec.tokens)
        self.log_score, self.frames, self.widened, self.reason = 0.0, 0, False, ""
        self.pos, self.cursor, self.stretch = 0, start_ms, 1
        self.tail = spec.tail[len(spec.tail) - settings.tail_words :] if settings.tail_words else ()
        self.end_limit = min(spec.end_ms, len(audio) * 1000 // RATE)

    def pace_ms(self) -> float:
        """Milliseconds per word so far in this turn (a default before any is found)."""
        measured = self._measured_pace()
        return float(self.s.pace_ms) if measured is None else measured

    def _measured_pace(self) -> float | None:
        found = [t for t in self.times if t is not None]
        if len(found) < 8:
            return None
        return min(700.0, max(250.0, (found[-1][1] - found[0][0]) / len(found)))

    def lookahead(self, window_ms: float) -> int:
        """Words of the turn in a cut window's grammar beyond those it is sized for."""
        s, pace = self.s, self._measured_pace()
        if pace is None:
            return s.lookahead_words
        fits = math.ceil(window_ms * s.headroom / pace)
        return min(s.most_lookahead_words, max(s.least_lookahead_words, fits - s.chunk_words))

    def step(self) -> bool:
        """Align the next window; False when the turn cannot go on."""
        s, spec, n, pos = self.s, self.spec, len(self.spec.tokens), self.pos
        if self.cursor >= self.end_limit - 100:
            self.reason = "the window ended before the turn's words"
            return False
        rest = n - pos
        lead = len(self.tail) // 2
        # an unchained turn may begin a few seconds after its window does
        slack = s.lead_slack_ms if pos == 0 and not self.chained else 0
        ending = rest <= s.chunk_words
        if ending:  # the rest of the turn and the next turn's first words
            words = spec.tokens[pos:]
            length = (lead + rest) * self.pace_ms() * 1.15 + s.end_slack_ms + slack
            if pos == 0:  # a run of short turns also holds the pauses between them
                length += spec.reach_ms
        else:  # cut the turn: size the window for chunk_words at a fast pace
            length = (lead + s.chunk_words) * s.fast_ms_per_word + slack
            words = spec.tokens[pos : pos + s.chunk_words + self.lookahead(self.stretch * length)]
        window_end = self.cursor + round(self.stretch * length)
        final = window_end >= self.end_limit or self.stretch >= s.max_stretch
        if final and (n - pos <= s.last_words or window_end >= self.end_limit):
            window_end, words, ending = self.end_limit, spec.tokens[pos:], True
        elif final:
            # Many words still to come and nothing found in four tries: the rest of the recording
            # with the rest of the turn would cost without bound (50,000 words against three hours
            # took minutes) and find nothing the tries did not. One more, twice as long, and stop.
            window_end = min(self.end_limit, self.cursor + round(2 * self.stretch * length))
        window_ms = window_end - self.cursor
        chain, first = self._chain(words, ending, window_ms)
        lo, hi = self.cursor * RATE // 1000, window_end * RATE // 1000
        path = self.decoder.align(self.audio[lo:hi], chain, self.audio[max(0, lo - s.lead_in_ms * RATE // 1000) : lo])
        kept = self._keep(path, first, len(words), final, window_ms)
        log.debug(
            "turn %d: words %d..%d of %d, window %d..%d ms%s: %s", spec.index, pos,
            pos + len(words), n, self.cursor, window_end, " (final)" if final else "",
            "no path" if path is None else f"kept {len(kept)} of {len(path.hits)}",
        )
        if path is None or not kept:
            if final:
                self.reason = "no alignment found" if path is None else "window too short"
                return False
            self.stretch *= 2
            return True
        self.widened = self.widened or path.widened
        self._take(kept, first)
        return True

    def _chain(self, words: tuple[str, ...], ending: bool, window_ms: int) -> tuple[Chain, int]:
        n, first = len(self.spec.tokens), len(self.tail)
        ends_turn = self.pos + len(words) == n
        head = self.spec.head if ends_turn else ()
        chain_words = (*self.tail, *words, *head)
        if ending:  # the rest of the turn must be said inside this window
            exits = tuple(range(first + len(words), len(chain_words) + 1))
        else:  # the window cuts the turn; it holds at least this many words of it (where
            # the turn begins a jingle or a pause may come first: then only a few)
            least = window_ms // self.s.slow_ms_per_word if self.pos else len(words) // 4
            least = max(1, min(len(words), least))
            exits = tuple(range(first + least, len(chain_words) + 1))
        # where the turn begins, sound before the previous turn's last words (long
        # speech, music) and between them and the turn may pass as garbage
        loose = (0, first) if self.pos == 0 and first else (first,) if self.pos == 0 else ()
        if ends_turn:
            loose = (*loose, first + len(words))
        # inside the turn, where the text pauses, a breath or a cough may pass
        pauses = tuple(first + t - self.pos + 1 for t in sorted(self.spec.pauses)
                       if self.pos <= t < self.pos + len(words) - 1)
        return Chain(chain_words, tuple(range(first + 1)), exits, loose, pauses), first

    def _keep(
        self, path: Path | None, first: int, n_words: int, final: bool, window_ms: int
    ) -> list[Hit]:
        """The turn's words on the path that are safe to keep (a prefix of them)."""
        if path is None:
            return []
        own = [h for h in path.hits if first <= h.position < first + n_words]
        if final or (path.hits and path.hits[-1].position >= first + n_words):
            return own  # the turn ended inside the window: the next one's words follow
        # The window cut the turn, or ended so close after it that its last words may be
        # squeezed against the cut: keep words that end well before it, not the last two.
        limit = window_ms - self.s.guard_ms
        ends = [(h.last_frame + 1) * self.decoder.frame_ms for h in own]
        last_of_turn = first + len(self.spec.tokens) - self.pos - 1
        if own and own[-1].position == last_of_turn and ends[-1] <= limit:
            return own  # the turn ends well inside the window
        return [h for h, end in zip(own[:-2], ends, strict=False) if end <= limit]

    def _take(self, kept: list[Hit], first: int) -> None:
        frame_ms = self.decoder.frame_ms
        for hit in kept:
            begin = self.cursor + round(hit.first_frame * frame_ms)
            finish = self.cursor + round((hit.last_frame + 1) * frame_ms)
            self.times[self.pos + hit.position - first] = (begin, finish)
            self.phones[self.pos + hit.position - first] = hit.first_phone
            self.scores[self.pos + hit.position - first] = (hit.log_score, hit.last_frame - hit.first_frame + 1)
            self.log_score += hit.log_score
            self.frames += hit.last_frame - hit.first_frame + 1
        done = self.pos + kept[-1].position - first + 1
        last = self.times[done - 1]
        assert last is not None
        self.tail = self.spec.tokens[max(0, done - self.s.tail_words) : done]
        # the next window starts just before the last kept word, which opens its grammar
        self.cursor = max(self.cursor + 1, last[0] - self.s.overlap_ms)
        self.pos, self.stretch = done, 1

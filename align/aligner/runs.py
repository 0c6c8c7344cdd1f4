"""Runs of short turns by different speakers, aligned as one.

Searched one at a time, a turn of a word or two fits almost anywhere: "Hello?" said by
one speaker and "Hello?" said by the next were both put on the second one's audio,
the first one's passing as untranscribed sound before it. Consecutive short turns are
therefore searched as a single chain of words, in which each must take its own sound:
between them only silence may pass. The result is cut back into one per turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from align.aligner.tokens import TurnSpec
from align.aligner.walk import TurnResult

SHORT_TOKENS = 3  # a turn of at most this many spoken words is short
_CLOSE_MS = 5000


@dataclass(frozen=True, slots=True)
class Member:
    """A turn inside a run: its index, and where its tokens sit in the run's."""

    index: int
    first: int
    count: int


@dataclass(frozen=True, slots=True)
class Unit:
    """What the walker aligns: one turn, or a run of short turns joined into one spec."""

    spec: TurnSpec
    members: tuple[Member, ...]


def units(specs: Sequence[TurnSpec]) -> list[Unit]:
    """The specs in order, with each run of two or more consecutive short turns joined
    (turns that follow each other: indexes one apart, windows that meet)."""
    out: list[Unit] = []
    k = 0
    while k < len(specs):
        j = k
        while j < len(specs) and 0 < len(specs[j].tokens) <= SHORT_TOKENS and (
            j == k or _next_to(specs[j - 1], specs[j])
        ):
            j += 1
        if j - k >= 2:
            out.append(_join(specs[k:j]))
            k = j
        else:
            spec = specs[k]
            out.append(Unit(spec, (Member(spec.index, 0, len(spec.tokens)),)))
            k += 1
    return out


def _next_to(first: TurnSpec, second: TurnSpec) -> bool:
    """Turns that follow each other in the transcript, closely: searched in windows that
    meet and start less than 5 s apart (a short turn takes a second or two; when the
    next one is marked later, something came between them, music or a long pause, that
    the run's grammar would have no room for)."""
    return (second.index == first.index + 1 and second.start_ms <= first.end_ms
            and second.start_ms - first.start_ms <= _CLOSE_MS)


def _join(run: Sequence[TurnSpec]) -> Unit:
    tokens: list[str] = []
    pauses: set[int] = set()
    members = []
    for spec in run:
        members.append(Member(spec.index, len(tokens), len(spec.tokens)))
        # a turn's own pauses (after "Well,") stay; its last word is followed by the next turn
        pauses.update(len(tokens) + p for p in spec.pauses if p < len(spec.tokens) - 1)
        tokens.extend(spec.tokens)
    first, last = run[0], run[-1]
    joined = TurnSpec(first.index, tuple(tokens), tuple(range(len(tokens))), first.tail, last.head,
                      first.start_ms, max(s.end_ms for s in run), first.anchored, frozenset(pauses),
                      reach_ms=max(0, last.start_ms - first.start_ms))
    return Unit(joined, tuple(members))


def split(unit: Unit, result: TurnResult) -> list[TurnResult]:
    """The result of a unit, one per turn (the run's remark goes to each)."""
    if len(unit.members) == 1:
        return [result]
    out = []
    for m in unit.members:
        part = slice(m.first, m.first + m.count)
        scores = result.token_scores[part]
        out.append(TurnResult(
            m.index, result.times[part], sum(s for s, _ in scores), sum(f for _, f in scores),
            result.widened, result.reason, result.first_phones[part], scores,
        ))
    return out

"""Cutting timed turns into caption cues.

Each turn is cut on its own (a cue never mixes two speakers), by dynamic
programming over the whole turn: every possible cue is priced by where it
breaks (sentence and clause ends are cheap, a break after an article is
dear), how well its lines can be set, whether it can stay on screen long
enough to be read, and a small price per cue so cues are full; the cheapest
cut wins. Cue times then follow the words: a cue starts when its first word
is spoken and stays until it has been on screen long enough to read, but
never into the next cue.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from align.linebreak import break_cost, layout_range
from align.model import Cue, Turn
from align.profiles import Profile

_CUE_PRICE = 8.0
_BREAK_WEIGHT = 3.0
_READING_WEIGHT = 60.0
_MIN_VISIBLE_MS = 250


@dataclass(frozen=True, slots=True)
class _Piece:
    turn: Turn
    first: int
    stop: int
    lines: tuple[str, ...]


def cut_turn(turn: Turn, profile: Profile, reserve: Callable[[int], int] | None = None,
             next_start_ms: int | None = None) -> list[tuple[int, int, tuple[str, ...]]]:
    """Cut one turn into cues: (first word, stop word, lines) for each.

    ``reserve(k)`` gives the characters to keep free on the first line of a
    cue starting at word k (for a speaker label).
    """
    words = turn.words
    n = len(words)
    if n == 0:
        return []
    texts = [w.text for w in words]
    prefix = [0]
    for t in texts:
        prefix.append(prefix[-1] + len(t))
    costs = [0.0] + [break_cost(a, b) for a, b in itertools.pairwise(texts)]
    limit = profile.max_chars * profile.max_lines + profile.max_lines - 1
    hard_end = next_start_ms if next_start_ms is not None else words[-1].end_ms + profile.max_duration_ms
    inf = float("inf")
    best = [inf] * (n + 1)
    back: list[tuple[int, tuple[int, ...]]] = [(0, ())] * (n + 1)
    best[0] = 0.0
    for i in range(n):
        if best[i] == inf:
            continue
        res = reserve(i) if reserve else 0
        start = words[i].start_ms
        for j in range(i + 1, n + 1):
            chars = prefix[j] - prefix[i] + (j - i - 1)
            if chars + res > limit and j > i + 1:
                break
            speech = words[j - 1].end_ms - start
            if speech > profile.max_duration_ms and j > i + 1:
                break
            found = layout_range(prefix, costs, i, j, profile.max_chars, profile.max_lines, res)
            if found is None:
                continue
            cuts, cost = found
            cost += _CUE_PRICE
            # Room to stay on screen: until the next cue could start.
            end_room = (words[j].start_ms if j < n else hard_end) - profile.min_gap_ms - start
            need = max(chars * 1000 / profile.max_cps, profile.min_duration_ms)
            room = min(end_room, profile.max_duration_ms)
            if need > room:
                cost += _READING_WEIGHT * (need - max(room, 1)) / need
            if j < n:
                pause = words[j].start_ms - words[j - 1].end_ms
                cost += _BREAK_WEIGHT * costs[j] - min(max(pause, 0), 800) / 100
            total = best[i] + cost
            if total < best[j]:
                best[j] = total
                back[j] = (i, cuts)
    out: list[tuple[int, int, tuple[str, ...]]] = []
    j = n
    while j > 0:
        i, cuts = back[j]
        bounds = (i, *cuts, j)
        lines = tuple(" ".join(texts[a:b]) for a, b in itertools.pairwise(bounds))
        out.append((i, j, lines))
        j = i
    out.reverse()
    return out


LabelReserve = Callable[[Turn, int], int]


def make_cues(turns: Sequence[Turn], profile: Profile, label_width: LabelReserve | None = None) -> list[Cue]:
    """All cues of all turns, timed, in order, never overlapping.

    ``label_width(turn, k)`` is the width of a speaker label shown on the cue
    that starts at word k of ``turn`` (0 for none).
    """
    pieces: list[_Piece] = []
    spoken = [t for t in turns if t.words]
    for n, turn in enumerate(spoken):
        nxt = spoken[n + 1].start_ms if n + 1 < len(spoken) else None

        def reserve(k: int, turn: Turn = turn) -> int:
            width = label_width(turn, k) if label_width else 0
            return width + 1 if width else 0

        for first, stop, lines in cut_turn(turn, profile, reserve, nxt):
            pieces.append(_Piece(turn, first, stop, lines))
    return _time(pieces, profile)


def _time(pieces: Sequence[_Piece], profile: Profile) -> list[Cue]:
    starts = [p.turn.words[p.first].start_ms for p in pieces]
    # Starts strictly increase, leaving each cue a moment on screen before the next.
    for k in range(1, len(starts)):
        starts[k] = max(starts[k], starts[k - 1] + _MIN_VISIBLE_MS + profile.min_gap_ms)
    cues: list[Cue] = []
    for k, p in enumerate(pieces):
        start = starts[k]
        chars = sum(len(line) for line in p.lines)
        spoken_end = p.turn.words[p.stop - 1].end_ms
        want = max(spoken_end, start + round(chars * 1000 / profile.max_cps), start + profile.min_duration_ms)
        end = min(want, start + max(profile.max_duration_ms, spoken_end - start))
        end = min(end, start + profile.max_duration_ms) if spoken_end - start <= profile.max_duration_ms else end
        if k + 1 < len(pieces):
            limit = starts[k + 1] - profile.min_gap_ms
            if limit - end < profile.chain_gap_ms - profile.min_gap_ms and limit - start <= profile.max_duration_ms:
                end = limit  # chain: close a short gap down to the minimum
            end = min(end, limit)
        end = max(end, start + 1)
        cues.append(
            Cue(
                start_ms=start,
                end_ms=end,
                lines=p.lines,
                speaker=p.turn.speaker,
                turn=p.turn.index,
                first_word=p.first,
                word_count=p.stop - p.first,
            )
        )
    return cues

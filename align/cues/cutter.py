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

from align.cues.labels import LabelMode, label_for, speaker_changes
from align.cues.linebreak import break_cost, layout_range
from align.cues.profiles import Profile
from align.model import Cue, Turn

_CUE_PRICE = 8.0
_BREAK_WEIGHT = 3.0
_READING_WEIGHT = 60.0
_MIN_VISIBLE_MS = 250
_EARLY_MS = 120  # a cue the next one would cut below the minimum may start this much before its word
_ACCEPTABLE_BREAK = 20.0
_DANGLING_CHARS = 16
_DANGLING_PRICE = 8.0
_INSIDE_CAPTION = 40.0  # ending a cue inside one of the captions read: only when it cannot be whole


@dataclass(frozen=True, slots=True)
class _Piece:
    turn: Turn
    first: int
    stop: int
    lines: tuple[str, ...]
    label: str  # the SRT speaker label shown before the first line ('' for none)


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
    # Where the transcript was a caption file, its cues are kept where they fit the
    # profile: a cue never runs over the start of one, and one is cut inside only when
    # it cannot be shown whole (too long for the lines or for the screen).
    stop_at = [n] * (n + 1)
    cut_costs = list(costs)
    if any(w.opens_cue for w in words):
        for k in range(n - 1, 0, -1):
            stop_at[k - 1] = k if words[k].opens_cue else stop_at[k]
            cut_costs[k] = 0.0 if words[k].opens_cue else max(costs[k], _INSIDE_CAPTION)
    limit = profile.max_chars * profile.max_lines + profile.max_lines - 1
    hard_end = next_start_ms if next_start_ms is not None else words[-1].end_ms + profile.max_duration_ms
    starts = [w.start_ms for w in words] + [hard_end]
    ends = [w.end_ms for w in words]
    # Cues end where a break is acceptable: not after an article, preposition, conjunction,
    # auxiliary or first name. Only if no cut exists that way are those breaks tried too.
    args = (profile, reserve, texts, prefix, costs, cut_costs, starts, ends, limit, stop_at)
    back = _cheapest_cut(*args, _ACCEPTABLE_BREAK)
    if back is None:
        back = _cheapest_cut(*args, float("inf"))
    assert back is not None  # one word a cue is always possible
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


def _cheapest_cut(
    profile: Profile,
    reserve: Callable[[int], int] | None,
    texts: Sequence[str],
    prefix: Sequence[int],
    costs: Sequence[float],
    cut_costs: Sequence[float],
    starts: Sequence[int],
    ends: Sequence[int],
    limit: int,
    stop_at: Sequence[int],
    allowed: float,
) -> list[tuple[int, tuple[int, ...]]] | None:
    """Back-pointers of the cheapest cut into cues: ``costs`` price line breaks,
    ``cut_costs`` the ends of cues (no cue ends where it is ``allowed`` or more)."""
    n = len(texts)
    inf = float("inf")
    best = [inf] * (n + 1)
    back: list[tuple[int, tuple[int, ...]]] = [(0, ())] * (n + 1)
    best[0] = 0.0
    # last_stop[k]: the latest word index m <= k where a sentence starts (m = 0 counts too).
    last_stop = [0] * (n + 1)
    for k in range(1, n + 1):
        last_stop[k] = k if k < n and costs[k] == 0.0 else last_stop[k - 1]
    max_chars, max_lines, max_cps = profile.max_chars, profile.max_lines, profile.max_cps
    min_gap, min_dur, max_dur = profile.min_gap_ms, profile.min_duration_ms, profile.max_duration_ms
    for i in range(n):
        base = best[i]
        if base == inf:
            continue
        res = reserve(i) if reserve else 0
        start = starts[i]
        for j in range(i + 1, stop_at[i] + 1):
            chars = prefix[j] - prefix[i] + (j - i - 1)
            if chars + res > limit and j > i + 1:
                break
            if ends[j - 1] - start > max_dur and j > i + 1:
                break
            if j < n and cut_costs[j] >= allowed:
                continue
            # The cheap parts of the price first: a cue that cannot win even with perfect
            # lines is not laid out at all.
            cost = base + _CUE_PRICE
            room = min(starts[j] - min_gap - start, max_dur)  # until the next cue could start
            need = max((chars + res) * 1000 / max_cps, min_dur)
            if need > room:
                cost += _READING_WEIGHT * (need - max(room, 1)) / need
            if j < n:
                pause = starts[j] - ends[j - 1]
                cost += _BREAK_WEIGHT * cut_costs[j] - min(max(pause, 0), 800) / 100
                m = last_stop[j - 1]
                if costs[j] > 0.0 and m > i and prefix[j] - prefix[m] + (j - m - 1) < _DANGLING_CHARS:
                    cost += _DANGLING_PRICE  # "… to live. No," — a new sentence barely begun
            if cost >= best[j]:
                continue
            cuts: tuple[int, ...] = ()
            if chars + res > max_chars:
                # Only a layout that makes this cut the best so far matters (a hair of slack
                # keeps the comparison below the one that decides).
                found = layout_range(prefix, costs, i, j, max_chars, max_lines, res, best[j] - cost + 1e-6)
                if found is None:
                    continue
                cuts = found[0]
                cost += found[1]
            if cost < best[j]:
                best[j] = cost
                back[j] = (i, cuts)
    return back if best[n] < inf else None


def make_cues(turns: Sequence[Turn], profile: Profile, labels: LabelMode = LabelMode.NONE,
              end_ms: int | None = None) -> list[Cue]:
    """All cues of all turns, timed, in order, never overlapping, none past ``end_ms``.

    Each cue carries the SRT speaker label ``labels`` gives it; the label's width is
    kept free on the cue's first line and counts towards its reading time.
    """
    pieces: list[_Piece] = []
    spoken = [t for t in turns if t.words]
    changed = speaker_changes(spoken)
    for n, turn in enumerate(spoken):
        nxt = spoken[n + 1].start_ms if n + 1 < len(spoken) else end_ms

        def label(k: int, turn: Turn = turn) -> str:
            return label_for(turn, k, turn.index in changed, labels)

        def reserve(k: int, label: Callable[[int], str] = label) -> int:
            width = len(label(k))
            return width + 1 if width else 0

        for first, stop, lines in cut_turn(turn, profile, reserve, nxt):
            pieces.append(_Piece(turn, first, stop, lines, label(first)))
    return _time(pieces, profile, end_ms)


def _time(pieces: Sequence[_Piece], profile: Profile, end_ms: int | None) -> list[Cue]:
    starts = [p.turn.words[p.first].start_ms for p in pieces]
    # Starts strictly increase, leaving each cue a moment on screen before the next.
    for k in range(1, len(starts)):
        starts[k] = max(starts[k], starts[k - 1] + _MIN_VISIBLE_MS + profile.min_gap_ms)
    # A short cue the next one would cut below the minimum duration starts a moment early,
    # into the pause before it, rather than flash by ("Right." between two sentences).
    for k in range(len(starts) - 1):
        short = profile.min_duration_ms - (starts[k + 1] - profile.min_gap_ms - starts[k])
        if 0 < short <= _EARLY_MS:
            before = pieces[k - 1].turn.words[pieces[k - 1].stop - 1].end_ms if k else 0
            floor = max(before + profile.min_gap_ms, starts[k - 1] + _MIN_VISIBLE_MS + profile.min_gap_ms if k else 0)
            starts[k] = max(starts[k] - short, min(starts[k], floor))
    cues: list[Cue] = []
    for k, p in enumerate(pieces):
        start = starts[k]
        chars = sum(len(line) for line in p.lines) + (len(p.label) + 1 if p.label else 0)
        spoken_end = p.turn.words[p.stop - 1].end_ms
        want = max(spoken_end, start + round(chars * 1000 / profile.max_cps), start + profile.min_duration_ms)
        end = min(want, start + max(profile.max_duration_ms, spoken_end - start))
        end = min(end, start + profile.max_duration_ms) if spoken_end - start <= profile.max_duration_ms else end
        if k + 1 < len(pieces):
            limit = starts[k + 1] - profile.min_gap_ms
            if limit - end < profile.chain_gap_ms - profile.min_gap_ms and limit - start <= profile.max_duration_ms:
                end = limit  # chain: close a short gap down to the minimum
            end = min(end, limit)
        elif end_ms is not None:
            end = min(end, end_ms)
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
                label=p.label,
            )
        )
    return cues

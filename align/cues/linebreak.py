"""Where a line or a caption may break, by the rules of Netflix, BBC and DCMP guidance.

Break after punctuation; before a conjunction or preposition rather than
after it; never after an article, a preposition, a conjunction or an
auxiliary verb; never between a first and a last name; keep lines balanced,
and when they are unequal let the bottom line be the longer.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from functools import lru_cache

from align.text import (
    ARTICLES,
    AUXILIARIES,
    CLAUSE_STARTERS,
    CONJUNCTIONS,
    NAME_PARTICLES,
    PREPOSITIONS,
    PRONOUNS,
    TITLES,
    bare,
    ends_clause,
    ends_sentence,
    is_dash,
)


def _capitalised(word: str) -> bool:
    """The word's first letter or digit is a capital: ``“Robert`` is, ``(and`` is not."""
    first = next((c for c in word if c.isalnum() or c == "_"), "")
    return first.isupper()


@lru_cache(maxsize=1 << 16)
def break_cost(left: str, right: str) -> float:
    """Cost of breaking between two adjacent words (0 = ideal, 40 = forbidden in practice)."""
    if left.lower() in TITLES:
        return 40.0  # "Dr. Okafor": a title's period ends no sentence
    if ends_sentence(left):
        return 0.0
    if is_dash(right) or right.startswith(("–", "—")):
        return 30.0  # a line must not start with a dash
    if ends_clause(left):
        return 3.0
    lb, rb = bare(left), bare(right)
    if lb in ARTICLES and not left.endswith(("”", '"')):
        return 40.0
    if lb in NAME_PARTICLES or (
        _capitalised(left) and lb != "i" and (_capitalised(right) or rb in NAME_PARTICLES or right.lower() in TITLES)
    ):
        return 40.0  # first and last name, "John von Neumann"
    if lb in PREPOSITIONS:
        return 25.0
    if lb in CONJUNCTIONS:
        return 20.0
    if lb in AUXILIARIES:
        return 20.0
    if lb in PRONOUNS:
        return 12.0
    if lb.replace(",", "").isdigit() and rb.isalpha():
        return 15.0  # "800 gigabytes"
    if rb in CONJUNCTIONS or rb in CLAUSE_STARTERS:
        return 3.0
    if rb in PREPOSITIONS:
        return 4.0
    return 6.0


def layout(
    words: Sequence[str], max_chars: int, max_lines: int, reserve: int = 0
) -> tuple[tuple[str, ...], float] | None:
    """The best way to set ``words`` on at most ``max_lines`` lines, and its cost.

    ``reserve`` characters are kept free at the start of the first line (for a
    speaker label). None when the words do not fit; a single word longer than a
    line is set alone on its line rather than split.
    """
    if not words:
        return None
    prefix = [0]
    for w in words:
        prefix.append(prefix[-1] + len(w))
    costs = [0.0] + [break_cost(a, b) for a, b in itertools.pairwise(words)]
    found = layout_range(prefix, costs, 0, len(words), max_chars, max_lines, reserve)
    if found is None:
        return None
    cuts, cost = found
    bounds = (0, *cuts, len(words))
    return tuple(" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)), cost


_SEARCH_NODES = 400  # layouts of three lines or more: partial layouts priced before the best found is taken


def layout_range(
    prefix: Sequence[int],
    costs: Sequence[float],
    i: int,
    j: int,
    max_chars: int,
    max_lines: int,
    reserve: int = 0,
    bound: float = math.inf,
) -> tuple[tuple[int, ...], float] | None:
    """Best line breaks for words ``i..j`` given their prefix lengths and break costs.

    ``prefix[k]`` is the total length of the first k words; ``costs[k]`` the
    cost of starting a line at word k. Returns the word indices where lines
    2, 3, … start, and the cost. With ``bound``, a caller that wants only a
    layout cheaper than it may get None instead of a dearer one.
    """

    def width(a: int, b: int) -> int:
        return prefix[b] - prefix[a] + (b - a - 1)

    if width(i, j) + reserve <= max_chars:
        return (), 0.0
    if j - i == 1:
        return (), 50.0  # too long for any line: shown alone, never split
    if max_lines == 2:
        return _two_lines(prefix, costs, i, j, max_chars, reserve)
    # Each line past the second costs 10, so a caller's bound can rule the text out at once.
    line = max_chars + 1
    if bound <= 10.0 * ((width(i, j) + reserve + line) // line - 2):
        return None
    best: tuple[tuple[int, ...], float] | None = None
    nodes = 0
    gap = prefix[j] + j  # width(a, j) = gap - prefix[a] - a - 1

    def search(a: int, lines_left: int, cuts: tuple[int, ...], cost: float) -> None:
        nonlocal best, nodes
        first = reserve if a == i else 0
        rest = gap - prefix[a] - a - 1 + first
        # The shape of the lines only adds to the cost of the breaks and of the lines the rest
        # needs: a search that has spent as much as the best layout found, or as the caller
        # allows, finds nothing better.
        floor = cost + 10.0 * max(0, len(cuts) + (rest + line) // line - 2)
        if floor >= bound or (best is not None and floor >= best[1]):
            return
        nodes += 1
        if nodes > _SEARCH_NODES and best is not None:
            return  # a cue of many short words: the even layouts come first, and are enough
        if rest <= max_chars and cuts:
            bounds = (i, *cuts, j)
            widths = [width(x, y) + (reserve if x == i else 0) for x, y in itertools.pairwise(bounds)]
            total = cost + _shape_cost(widths, max_chars) + 10.0 * (len(widths) - 2)
            if total < bound and (best is None or total < best[1]):
                best = (cuts, total)
        if lines_left <= 1:
            return
        room = (lines_left - 1) * line - 1  # what the lines after this one can hold
        base = prefix[a] + a + 1 - first  # width(a, k) + first = prefix[k] + k - base
        target = rest / lines_left  # breaks nearest an even share of what is left first
        ks = []
        for k in range(a + 1, j):
            upper = prefix[k] + k - base
            if upper > max_chars:
                break
            if gap - prefix[k] - k - 1 <= room:
                ks.append((abs(upper - target), k))
        ks.sort()
        lines = len(cuts) - 1  # the lines after the next break, less the two that are free
        for _, k in ks:
            spent = cost + costs[k]
            # the child's own first test, made here: most children end there
            floor = spent + 10.0 * max(0, lines + (gap - prefix[k] - k - 1 + line) // line)
            if floor < bound and (best is None or floor < best[1]):
                search(k, lines_left - 1, (*cuts, k), spent)

    search(i, max_lines, (), 0.0)
    return best


def _two_lines(
    prefix: Sequence[int], costs: Sequence[float], i: int, j: int, max_chars: int, reserve: int
) -> tuple[tuple[int, ...], float] | None:
    """``layout_range`` for two lines, the common case, without the general search."""
    total = prefix[j] - prefix[i] + (j - i - 1) + reserve
    if total > 2 * max_chars + 1:
        return None
    best_k, best_cost = -1, float("inf")
    base = prefix[i] + i + 1  # width(i, k) = prefix[k] - prefix[i] + k - i - 1
    for k in range(i + 1, j):
        upper = prefix[k] + k - base + reserve
        if upper > max_chars:
            break
        lower = total - upper - 1
        if lower > max_chars:
            continue
        # _shape_cost for two lines, inlined.
        diff = (upper - lower) / max_chars
        cost = costs[k] + 10.0 * diff * diff
        if upper > lower:
            cost += 1.0 + 5.0 * diff
        if cost < best_cost:
            best_k, best_cost = k, cost
    if best_k < 0:
        return None
    return (best_k,), best_cost


def _shape_cost(widths: Sequence[int], max_chars: int) -> float:
    """Balanced lines; if unequal, bottom-heavy (a pyramid)."""
    mean = sum(widths) / len(widths)
    cost = sum(((w - mean) / max_chars) ** 2 for w in widths) * 20
    for upper, lower in itertools.pairwise(widths):
        if upper > lower:
            cost += 1.0 + 5.0 * (upper - lower) / max_chars
    return cost

"""Numbers as spoken English words: cardinals, years, ordinals, decimals, decades."""

from __future__ import annotations

import re

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_ORDINAL = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}

NUMBER = re.compile(
    r"^(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?P<suffix>%|st|nd|rd|th|s|'s|k|m|x)?$",
    re.IGNORECASE,
)
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}


def cardinal(n: int) -> list[str]:
    """``1234`` -> ``one thousand two hundred thirty four`` (US style, no "and")."""
    if n < 0:
        return ["minus", *cardinal(-n)]
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        tens, ones = divmod(n, 10)
        return [_TENS[tens]] + ([_ONES[ones]] if ones else [])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return [_ONES[hundreds], "hundred"] + (cardinal(rest) if rest else [])
    for size, name in _SCALES:
        if n >= size:
            high, rest = divmod(n, size)
            return [*cardinal(high), name] + (cardinal(rest) if rest else [])
    raise AssertionError("unreachable")  # pragma: no cover


def year(n: int) -> list[str]:
    """``1984`` -> ``nineteen eighty four``; ``2019`` -> ``twenty nineteen``;
    ``2005`` -> ``two thousand five``."""
    high, low = divmod(n, 100)
    if n % 1000 < 10:
        return cardinal(n)
    if low == 0:
        return [*cardinal(high), "hundred"]
    return cardinal(high) + (["oh", _ONES[low]] if low < 10 else cardinal(low))


def ordinal(n: int) -> list[str]:
    """``21`` -> ``twenty first``."""
    words = cardinal(n)
    last = words[-1]
    if last in _ORDINAL:
        words[-1] = _ORDINAL[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return words


def _plural(words: list[str]) -> list[str]:
    last = words[-1]
    return [*words[:-1], last[:-1] + "ies" if last.endswith("y") else last + "s"]


def number_readings(text: str) -> list[list[str]]:
    """Ways to say a number token, most likely first; empty if ``text`` is no number.

    Handles ``1,000``, ``3.5``, ``50%``, ``$5``, ``1st``, ``1990s``, ``'90s``, ``10x``, ``5k``.
    """
    m = NUMBER.match(text.lstrip("'’"))
    if not m:
        return []
    digits = m.group("num").replace(",", "")
    n = int(digits)
    frac, suffix, cur = m.group("frac"), (m.group("suffix") or "").lower(), m.group("cur")
    if frac is not None:
        base = [*cardinal(n), "point", *(_ONES[int(d)] for d in frac)]
        readings = [base]
    elif suffix in ("st", "nd", "rd", "th"):
        return [ordinal(n)]
    elif suffix in ("s", "'s") and n % 10 == 0 and n >= 10:
        said = year(n) if 1000 <= n < 2100 else cardinal(n)
        return [_plural(said)]
    elif 1000 <= n < 2100 and "," not in m.group("num") and not cur:
        readings = [year(n), cardinal(n)]
    elif len(digits) > 1 and digits.startswith("0"):
        readings = [[_ONES[int(d)] for d in digits]]
    else:
        readings = [cardinal(n)]
    tail = {"%": ["percent"], "k": ["k"], "m": ["million"], "x": ["x"]}.get(suffix, [])
    if cur:
        tail = [*tail, _CURRENCY[cur]]
    return [r + tail for r in readings]

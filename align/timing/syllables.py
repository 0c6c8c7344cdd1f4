"""How long a written word takes to say, in syllables.

A vowel-group count with the usual English corrections, plus spoken forms of
numbers (``2020`` → twenty twenty), acronyms (``GPT`` → three letters) and
web addresses (``datastax.com`` → data stax dot com). It only has to be right
on average: the speaking rate is calibrated on the same counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from align.text import plain

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_ONES = [0, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 3, 1, 2, 2, 2, 2, 3, 2, 2]  # zero..nineteen
_TENS = [0, 0, 2, 2, 2, 2, 2, 3, 2, 2]  # twenty..ninety
_LETTER = {"w": 3}  # "double-u"; every other letter is one syllable


def _number(n: int) -> int:
    """Syllables in the English words for ``n``."""
    if n < 20:
        return _ONES[n] if n else 2  # "zero"
    if n < 100:
        return _TENS[n // 10] + (_ONES[n % 10] if n % 10 else 0)
    if n < 1000:
        return _ONES[n // 100] + 2 + (_number(n % 100) if n % 100 else 0)  # "x hundred"
    if 1100 <= n <= 2099 and n % 100:  # years: "twenty twenty", "nineteen ninety-nine"
        return _number(n // 100) + _number(n % 100)
    for size, words in ((10**9, 2), (10**6, 2), (1000, 2)):  # billion, million, thousand
        if n >= size:
            rest = n % size
            return _number(n // size) + words + (_number(rest) if rest else 0)
    return 1


def _digits(token: str) -> int:
    """Syllables of a number written in digits (any script's decimal digits)."""
    cleaned = token.replace(",", "")
    if cleaned.isdecimal() and len(cleaned) <= 12:
        return _number(int(cleaned))
    return sum(_ONES[int(d)] if int(d) else 2 for d in token if d.isdecimal())


def _alpha(part: str) -> int:
    if len(part) >= 2 and part.isupper() and len(part) <= 5 and not _VOWEL_GROUP.search(part.lower()[1:-1] or "x"):
        return sum(_LETTER.get(c, 1) for c in part.lower())  # "GPT", "MIT"
    if len(part) <= 4 and part.isupper() and len(part) >= 2:
        return sum(_LETTER.get(c, 1) for c in part.lower())  # "AI", "OSI", "CEO"
    word = part.lower()
    count = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "make", "size"
    if word.endswith(("ed",)) and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1  # "released", "called"
    return max(1, count)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Estimated syllables when ``word`` (as written, with punctuation) is spoken; 0 for notes."""
    if word.startswith("[") and word.rstrip(".,;:!?…").endswith("]"):
        return 0
    word = plain(word)  # "m²" is said like "m2", "①" like "1"
    total = 0
    # camelCase and CamelCase split ("EleutherAI" → Eleuther AI), dots in addresses say "dot".
    for piece in re.findall(r"\d[\d,]*(?:\.\d+)?%?|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[@&%]|(?<!\.)\.(?=\w)", word):
        if piece[0].isdigit():
            total += _digits(piece.rstrip("%")) + (2 if piece.endswith("%") else 0)
        elif piece == ".":
            total += 1  # "dot"
        elif piece in "@&%":
            total += 2 if piece != "@" else 1
        else:
            total += _alpha(piece)
    return total


@lru_cache(maxsize=65536)
def speech_units(word: str) -> float:
    """How long ``word`` takes to say, in syllable-sized units; 0 for bracketed notes.

    Syllables alone miss how long each one is; letters stand in for phonemes
    (a spelled-out number counts as the letters of its words). Weights fitted
    on eSpeak NG speech: a syllable 1, a letter 0.8, a word 0.35.
    """
    syl = syllables(word)
    if syl == 0:
        return 0.0
    word = plain(word)
    letters = sum(1 for c in word if c.isalpha())
    if any(c.isdecimal() for c in word):
        letters += 3 * _digits("".join(c for c in word if c.isdecimal() or c == ","))
    return syl + 0.8 * letters + 0.35

"""What a caption word sounds like: the word sequences a speaker may say for it.

A caption word as written (``"GPT-3,"``, ``OSI’s``, ``2019``, ``[inaudible]``) becomes a
tuple of *readings*, each a tuple of items to pronounce:

* a lowercase word to look up in the dictionary (``"twenty"``),
* an uppercase single letter to spell (``"G"``),
* the special item ``"'s"`` (a possessive or plural ending after spelled letters),
* anything else: text to hand to the grapheme-to-phoneme fallback as written.

A word with no readings (bracketed notes, lone punctuation) is not spoken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from align.aligner.numbers import number_readings
from align.text import plain

Reading = tuple[str, ...]
Readings = tuple[Reading, ...]

# Parenthesised notes that transcribers write for sounds, not words ("(laughs)").
_NOTE_WORDS = frozenset(
    "applause background beep break chuckle chuckles chuckling coughs coughing crosstalk "
    "inaudible indiscernible laugh laughs laughter laughing music noise overlapping pause "
    "silence sighs sigh static unintelligible crosstalking foreign".split()
)
_EDGE = re.compile(r"^[^\w$£€&'’]+|[^\w%]+$")
_ACRONYM = re.compile(r"^(?P<letters>[A-Z]{2,6})(?P<suffix>'?s)?$")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+(?:\.\d+)?")
_SYMBOLS = {"&": ("and",), "+": ("plus",), "@": ("at",), "=": ("equals",), "%": ("percent",)}


def clean(word: str) -> str:
    """The word without surrounding punctuation, with typographic quotes made plain."""
    text = _EDGE.sub("", plain(word))
    return text if re.match(r"^'\d", text) else text.lstrip("'")  # keep '90s


def spoken_words(words: Sequence[str], known: Callable[[str], bool]) -> list[Readings]:
    """Readings for each written word of one turn; ``()`` for words that are not spoken.

    ``known(word)`` tells whether the pronunciation dictionary has a lowercase word.
    Square-bracketed text is never spoken (``[inaudible]``, ``[crosstalk 00:12:03]``),
    nor are parenthesised sound notes (``(laughs)``).
    """
    out: list[Readings] = []
    closer = ""
    for i, word in enumerate(words):
        if closer:
            out.append(())
            if closer in word:
                closer = ""
            continue
        if word.startswith("[") or (word.startswith("(") and _is_note(words, i)):
            out.append(())
            closer = "]" if word.startswith("[") else ")"
            if closer in word:
                closer = ""
            continue
        out.append(readings(word, known))
    return out


def _is_note(words: Sequence[str], i: int) -> bool:
    inside = []
    for word in words[i : i + 4]:
        inside.append(word)
        if ")" in word:
            break
    else:
        return False
    return any(clean(w).lower() in _NOTE_WORDS for w in inside)


def readings(word: str, known: Callable[[str], bool]) -> Readings:
    """The ways to say one written word, most likely first (empty if nothing is said)."""
    core = clean(word)
    symbol = _SYMBOLS.get(core or word.strip())
    if symbol:
        return (symbol,)
    if not core:
        return ()
    found: list[Reading] = []
    low = core.lower()
    acronym = _ACRONYM.match(core)
    if acronym:
        found.append(_spell(acronym.group("letters"), acronym.group("suffix")))
    if known(low):
        found.append((low,))
    numbers = number_readings(core)
    found.extend(tuple(r) for r in numbers)
    if not found or (acronym is None and not numbers and not known(low)):
        found.extend(_parts(core, known))
    if not known(low):
        found.append((core,))  # as written, for the grapheme-to-phoneme fallback
    return tuple(dict.fromkeys(found))


def _spell(letters: str, suffix: str | None) -> Reading:
    return (*letters, *(("'s",) if suffix else ()))


def _parts(core: str, known: Callable[[str], bool]) -> list[Reading]:
    """Split ``open-source``, ``DeepMind``, ``GPT-3``, ``and/or`` into known pieces.

    Acronym pieces are spelled; a second reading says the ones the dictionary knows
    as words (``NASA-CERN``).
    """
    pieces: list[str] = []
    for chunk in re.split(r"[-/_.]+", core):
        pieces.extend(_CAMEL.findall(chunk) or ([chunk] if chunk else []))
    if len(pieces) < 2 and (not pieces or pieces[0] == core):
        return []
    spelled: list[str] = []
    said: list[str] = []
    for piece in pieces:
        low = piece.lower()
        if _ACRONYM.match(piece) or (len(piece) == 1 and piece.isalpha() and piece.isupper()):
            spelled.extend(piece)
            said.extend([low] if len(piece) > 2 and known(low) else piece)
        elif known(low):
            spelled.append(low)
            said.append(low)
        elif numbers := number_readings(piece):
            spelled.extend(numbers[0])
            said.extend(numbers[0])
        else:
            spelled.append(piece)
            said.append(piece)
    return list(dict.fromkeys([tuple(spelled), tuple(said)]))

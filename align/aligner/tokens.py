"""From caption words to the decoder's vocabulary: one grammar token per spoken word.

A written word the dictionary knows as it is (``coffee``) is its own token. Any other
spoken word (``GPT-3``, ``2019``, ``OSI’s``, ``Maffulli``) becomes a made-up token
(``~3``) whose pronunciations are its readings, each pronounced item by item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from align.aligner.normalize import Readings, spoken_words
from align.aligner.pronounce import LETTERS, PHONES, SUFFIX_S, guess

CONTEXT_WORDS = 12  # neighbour words kept on each side of a turn


@dataclass(frozen=True, slots=True)
class TurnSpec:
    """One turn as the decoder sees it; times are relative to the job's audio."""

    index: int
    tokens: tuple[str, ...]
    owners: tuple[int, ...]  # index of the written word each token stands for
    tail: tuple[str, ...]
    head: tuple[str, ...]
    start_ms: int
    end_ms: int
    anchored: bool
    pauses: frozenset[int] = frozenset()  # tokens after which the text pauses (a sentence or clause ends)
    reach_ms: int = 0  # a run of turns: how much later than the first its last turn is searched from


@dataclass(slots=True)
class Vocabulary:
    """Made-up tokens with their readings, and guessed pronunciations of unknown items."""

    readings: dict[str, Readings] = field(default_factory=dict)
    guesses: dict[str, str] = field(default_factory=dict)
    _names: dict[Readings, str] = field(default_factory=dict)

    def token(self, readings: Readings, known: Callable[[str], bool]) -> str:
        if len(readings) == 1 and len(readings[0]) == 1 and known(readings[0][0]):
            return readings[0][0]
        name = self._names.get(readings)
        if name is None:
            name = self._names[readings] = f"~{len(self._names)}"
            self.readings[name] = readings
        return name


def tokens_of(
    words: Sequence[str], known: Callable[[str], bool], vocab: Vocabulary
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Grammar tokens of a run of written words, and the written word of each token."""
    tokens: list[str] = []
    owners: list[int] = []
    for i, readings in enumerate(spoken_words(words, known)):
        if readings:
            tokens.append(vocab.token(readings, known))
            owners.append(i)
    return tuple(tokens), tuple(owners)


_PAUSE_MARKS = tuple(".?!,;:…—–")


def pauses_after(words: Sequence[str], owners: Sequence[int]) -> frozenset[int]:
    """Tokens that end a written word closing a sentence or clause (``well,`` ``so.``)."""
    return frozenset(
        k for k, owner in enumerate(owners)
        if (k + 1 == len(owners) or owners[k + 1] != owner)
        and words[owner].rstrip("\"”’')]").endswith(_PAUSE_MARKS)
    )


def needs_guess(item: str, known: Callable[[str], bool]) -> bool:
    return not (item == "'s" or (len(item) == 1 and item.isupper()) or known(item))


def guess_unknown(vocab: Vocabulary, known: Callable[[str], bool]) -> None:
    """Fill ``vocab.guesses`` for every item no dictionary entry covers (one eSpeak run)."""
    items = {
        item
        for readings in vocab.readings.values()
        for reading in readings
        for item in reading
        if needs_guess(item, known)
    }
    vocab.guesses.update(guess(sorted(items)))


def pronunciations(
    readings: Readings,
    lookup: Callable[[str], str | None],
    guesses: dict[str, str],
) -> list[str]:
    """ARPABET strings for a made-up token: each reading's items pronounced in a row."""
    out: list[str] = []
    for reading in readings:
        phones: list[str] = []
        for item in reading:
            if item == "'s":
                said: str | None = SUFFIX_S
            elif len(item) == 1 and item.isupper():
                said = LETTERS.get(item)
            else:
                said = lookup(item) or guesses.get(item)
            if not said:
                break
            phones.extend(p for p in said.split() if p in PHONES)
        else:
            text = " ".join(phones)
            if phones and text not in out:
                out.append(text)
    return out

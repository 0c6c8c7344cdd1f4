"""The search grammar for one window, and reading the decoder's path back out of it.

A window's grammar is a chain of words: a few words of what came before (the search
may enter at any of them), the words to align, and a few words of what comes after
(the search may leave after any word from ``first_exit`` on). Entering inside the
previous words keeps this turn's first word from swallowing the neighbour's speech;
leaving early lets a window end wherever it cuts the speech.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Transition = tuple[int, int, float] | tuple[int, int, float, str]

# Words that soak up sound the text does not cover where a turn begins or ends: the
# model's noise and speech-noise units, and a few sonorant phones for music (the noise
# units match tonal sound worse than a word of the turn stretched over it). Each use
# has a price, so they never take the place of words that are really there. Three
# phones, two far-apart vowels and a hum: with nine (AE AO UW ER N L as well) a turn
# after a music bed fitted too weakly to keep (-7.2 against -5.9 with three: the phones
# that sound like speech took some of it), and they were 5% of the search's work.
GARBAGE_PHONES = {
    "+noise+": "+NSN+", "+speech+": "+SPN+",
    **{f"+{p.lower()}+": p for p in ("AA", "IY", "M")},
}
GARBAGE = {w: 0.1 if w in ("+noise+", "+speech+") else 1e-3 for w in GARBAGE_PHONES}
# Inside a turn, where the text has a pause (after a sentence or a clause), only noise may
# pass: a breath, a cough, clapping. Never speech, so no word of the turn is lost there.
BREATH = {"+noise+": 0.1}
SILENCE = ("<sil>", 0.005)  # a pause may follow any word (the decoder's own silprob)


@dataclass(frozen=True, slots=True)
class Chain:
    """``words`` in order; the path starts at a state in ``entries`` and ends in ``exits``.

    State ``i`` lies before ``words[i]``; state ``len(words)`` after the last word.
    """

    words: tuple[str, ...]
    entries: tuple[int, ...]
    exits: tuple[int, ...]
    loose: tuple[int, ...] = ()  # states where untranscribed sound may pass (music, noise)
    pauses: tuple[int, ...] = ()  # states where noise may pass (a breath between sentences)

    def __post_init__(self) -> None:
        n = len(self.words)
        if not self.entries or not self.exits:
            raise ValueError("a chain needs an entry and an exit")
        if any(not 0 <= s <= n for s in (*self.entries, *self.exits, *self.loose, *self.pauses)):
            raise ValueError("chain entry or exit outside the chain")

    @property
    def start_state(self) -> int:
        return len(self.words) + 1

    @property
    def final_state(self) -> int:
        return len(self.words) + 2

    def transitions(self) -> list[Transition]:
        """Arcs for ``Decoder.create_fsg``: words, then null arcs in and out."""
        arcs: list[Transition] = [(i, i + 1, 1.0, w) for i, w in enumerate(self.words)]
        arcs.extend((self.start_state, e, 1.0) for e in self.entries)
        arcs.extend((x, self.final_state, 1.0) for x in self.exits)
        for state in self.loose:
            arcs.extend((state, state, prob, word) for word, prob in GARBAGE.items())
        for state in sorted(set(self.pauses) - set(self.loose)):
            arcs.extend((state, state, prob, word) for word, prob in BREATH.items())
        arcs.extend((s, s, SILENCE[1], SILENCE[0]) for s in range(len(self.words) + 1))
        return arcs

    def locate(self, decoded: Sequence[str]) -> int | None:
        """Where the decoded word sequence starts in the chain, or None if it is no path.

        ``decoded`` holds dictionary words without fillers or alternate markers.
        """
        k = len(decoded)
        exits = set(self.exits)
        for entry in self.entries:
            if entry + k in exits and tuple(decoded) == self.words[entry : entry + k]:
                return entry
        return None


def base_word(word: str) -> str:
    """``the(2)`` -> ``the``: the decoder names alternate pronunciations this way."""
    if word.endswith(")") and "(" in word:
        head, _, number = word[:-1].rpartition("(")
        if number.isdigit() and head:
            return head
    return word


def is_filler(word: str) -> bool:
    """Silence and noise entries (``<sil>``, ``[NOISE]``, ``<s>``), not words of the text."""
    return word.startswith(("<", "[", "+")) or word == "(NULL)"

"""Whether a few words at the head of a line are a speaker's name.

A label is a name (``Rob Pike``, ``Tomás Reyes``, ``王伟``), initials (``CL``), a role
(``Interviewer``, ``ANNOUNCER``, ``Q``) or a tool's generic speaker (``Speaker 1``,
``SPEAKER_00``, ``Unknown Speaker``), or several of these joined (``Jen & Safia``): every
word capitalised (particles such as ``van`` and numbers after the first aside), never
a sentence's opening words (``So``, ``The thing is``) nor a page's section title
(``Episode 12``, ``Show notes``). Labels are kept as written; ``align.speakers`` decides
who is who.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from align.text import (
    ARTICLES,
    AUXILIARIES,
    CLAUSE_STARTERS,
    CONJUNCTIONS,
    NAME_PARTICLES,
    PREPOSITIONS,
    PRONOUNS,
    initials,
)

MAX_WORDS = 5
MAX_CHARS = 48
_JOINERS = re.compile(r"\s*(?:&|\+|/|,|\band\b)\s*")
_WORD = re.compile(r"^[^\W_][\w.'’\-]*$")
_FUNCTION_WORDS = ARTICLES | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | PRONOUNS | CLAUSE_STARTERS | frozenset(
    "yes no yeah okay ok oh well so um uh hmm right sure thanks thank hello hi hey now then here there also "
    "just really actually maybe please sorry wow great good".split())
# The first word of a page's section titles, never of a speaker's label.
_SECTIONS = frozenset(
    "episode episodes chapter chapters part season section transcript transcription summary sponsors sponsor "
    "sponsored links resources notes contents credits tags categories share subscribe related topics "
    "timestamps references listen download comments note".split())


# Sounds a transcript notes in brackets ("[Music]", "[Applause]"): never a speaker.
SOUNDS = frozenset("music applause laughter laughs laughing inaudible crosstalk silence noise cheering "
                   "foreign background sighs coughs chuckles groans beep static intro outro".split())


def looks_like_name(label: str) -> bool:
    """``label`` reads as a speaker's name, initials, role or generic speaker."""
    if not label or label != " ".join(label.split()) or len(label) > MAX_CHARS or label.casefold() in SOUNDS:
        return False  # a name is written with single spaces: "Tomás Reyes  1" is a name, then a time
    parts = [p for p in _JOINERS.split(label) if p]
    if not parts or len(parts) > 4 or (len(parts) > 1 and not _JOINERS.search(label)):  # "and" alone names no one
        return False
    return all(_one_name(p) for p in parts)


def _one_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= MAX_WORDS or not all(_WORD.match(w) for w in words):
        return False
    first = words[0].casefold().rstrip(".")
    if first in _SECTIONS or (len(words[0]) > 1 and first in _FUNCTION_WORDS):
        return False
    if not _capital(words[0]):
        return False
    for w in words[1:]:
        if w.isdigit() or _capital(w) or w.casefold() in NAME_PARTICLES:
            continue
        return False
    return True


def _capital(word: str) -> bool:
    """Capitalised, or in a script without capitals (王伟, أحمد, דוד)."""
    first = word[0]
    return first.isupper() or (first.isalpha() and not first.islower())


def corroborated(counts: Mapping[str, int], known: Iterable[str] = (), *, guests: bool = True) -> set[str]:
    """The labels a transcript gives as speakers, from how often each heads a turn.

    A label that heads two turns or more is a speaker, and so is one the transcript
    lists (``known``, from its front matter), a full name whose initials or first name
    head turns (``Connor Leahy`` once, ``CL`` after), and any full name once a label
    recurs (the transcript names its speakers so; not with ``guests`` off, for names
    standing alone on a line, which a page's title does too). A one-off label alone
    could be a sentence's first words.
    """
    known_set = set(known)
    sure = {lbl for lbl, n in counts.items() if n >= 2 or lbl in known_set}
    for label in counts:
        words = label.split()
        if len(words) > 1 and (initials(label) in sure or words[0] in sure):
            sure.add(label)
    for label in counts:
        if label in sure:
            continue
        if any(len(full.split()) > 1 and (initials(full) == label or full.split()[0] == label)
               for full in sure | known_set):
            sure.add(label)
    if guests and any(counts.get(lbl, 0) >= 2 for lbl in sure):
        # Speakers are named this way here: a guest who speaks once is named so too, by a full name.
        sure |= {lbl for lbl in counts if len(lbl.split()) > 1}
    return sure

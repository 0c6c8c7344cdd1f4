"""Text: the one normaliser and the word lexicon every stage shares.

``plain`` is the normaliser: Unicode compatibility forms folded (``²`` → ``2``,
``ﬁ`` → ``fi``) and typographic quotes, dashes and ellipses made ASCII. The rest build
on it: ``fold`` for comparing paragraphs, ``match_words`` for finding a quote,
``bare`` for looking a word up in the lexicon. Caption text itself is never
normalised: what the transcript says is what the captions show.

The lexicon holds the small closed classes of English words that decide where a
line may break, and the particles of personal names.
"""

from __future__ import annotations

import re
import unicodedata

_PLAIN = str.maketrans({
    "’": "'", "‘": "'", "ʼ": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-", "…": "...",
})


def plain(text: str) -> str:
    """``text`` in compatibility form with typographic quotes, dashes and ellipses in ASCII."""
    return unicodedata.normalize("NFKC", text).translate(_PLAIN)


def one_line(text: str) -> str:
    """``text`` on one line (for names that end up inside caption files): control characters
    and every kind of space or line break become one space, bytes that were not UTF-8 (lone
    surrogates) U+FFFD. Invisible characters that belong to the spelling (a zero-width
    joiner or non-joiner, a direction mark) stay."""
    kept = "".join(" " if cat == "Cc" else "\ufffd" if cat == "Cs" else c
                   for c, cat in ((c, unicodedata.category(c)) for c in text))
    return " ".join(kept.split())


_BREAKS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def single_line(text: str) -> str:
    """``text`` as a message may quote it: control characters but tab, and every character
    that breaks a line (``str.splitlines`` breaks at VT, FF, FS, GS, RS, NEL, U+2028, U+2029
    too) become spaces; nothing else changes."""
    return _BREAKS.sub(" ", text)


def fold(text: str) -> str:
    """Casefolded words separated by single spaces: for telling repeated text apart."""
    return re.sub(r"[\W_]+", " ", plain(text).casefold()).strip()


_MATCH_SPLIT = re.compile(r"-|/|\.\.\.")


def match_words(text: str) -> list[str]:
    """Words for matching a quote: casefolded, letters and digits only (``don’t`` → ``dont``).

    Dashes, slashes and ellipses separate words (``well-known`` → ``well known``).
    """
    spaced = _MATCH_SPLIT.sub(" ", plain(text)).casefold()
    return [w for w in ("".join(c for c in raw if c.isalnum()) for raw in spaced.split()) if w]


_EDGE = re.compile(r"^[^\w]+|[^\w']+$")


def bare(word: str) -> str:
    """A written word as the lexicon spells it: ``“Don’t,`` → ``don't``."""
    return _EDGE.sub("", plain(word)).lower()


# ---------------------------------------------------------------- lexicon

ARTICLES = frozenset(
    "a an the this that these those my your his her its our their some any no every each".split()
)
PREPOSITIONS = frozenset(
    """of in on at to for with from by about into onto over under between through after before
    during without within across against among around behind beyond near off out per since than
    toward towards upon via like as""".split()
)
CONJUNCTIONS = frozenset("and but or nor so yet because although though if unless while whereas whether".split())
AUXILIARIES = frozenset(
    """am is are was were be been being have has had do does did will would shall should can could
    may might must not don't doesn't didn't won't can't isn't aren't wasn't weren't it's i'm
    you're we're they're he's she's that's there's i've we've you've they've i'll we'll you'll
    they'll i'd we'd you'd they'd""".split()
)
PRONOUNS = frozenset("i we you they he she it".split())
CLAUSE_STARTERS = frozenset("that which who whom whose where when what how why".split())
# Lower-case words inside a personal name ("John von Neumann", "Ibn al Haytham"), and the
# titles written before one ("Dr. Okafor").
NAME_PARTICLES = frozenset("von van de der den da di du la le del dos das bin ibn al".split())
TITLES = frozenset("st. mr. mrs. ms. dr. prof.".split())

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_CLAUSE_END = re.compile(r"[,;:][\"”’')\]]*$|[–—]$")
_DASH = re.compile(r"^[–—-]+$")


def ends_sentence(word: str) -> bool:
    """``possible.``, ``“No.”``, ``ago?)``: the word closes a sentence."""
    return _SENTENCE_END.search(word) is not None


def ends_clause(word: str) -> bool:
    """``coffee,``, ``so:``, ``then –`` or a dash standing alone: a clause ends after it."""
    return _CLAUSE_END.search(word) is not None or is_dash(word)


def is_dash(word: str) -> bool:
    """A dash standing alone as a word."""
    return _DASH.match(word) is not None


def initials(name: str) -> str:
    """``Connor Leahy`` → ``CL``; lower-case particles are skipped: ``John von Neumann`` → ``JN``.

    A name in a script without letter case (``王伟``) is its own key.
    """
    words = name.split()
    if not any(w[0].isupper() for w in words):
        return name
    return "".join(w[0] for w in words if w[0].isupper()).upper()

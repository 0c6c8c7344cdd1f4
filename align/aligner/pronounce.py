"""Pronunciations in the acoustic model's phone set (ARPABET, as in the CMU dictionary).

Words the dictionary lacks are pronounced by eSpeak NG (its IPA output mapped to
ARPABET) when the ``espeak-ng`` program is installed, else by crude spelling rules.
"""

from __future__ import annotations

import array
import bisect
import functools
import itertools
import logging
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

PHONES = frozenset(
    "AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH "
    "UH UW V W Y Z ZH".split()
)

LETTERS = {
    "A": "EY", "B": "B IY", "C": "S IY", "D": "D IY", "E": "IY", "F": "EH F", "G": "JH IY",
    "H": "EY CH", "I": "AY", "J": "JH EY", "K": "K EY", "L": "EH L", "M": "EH M", "N": "EH N",
    "O": "OW", "P": "P IY", "Q": "K Y UW", "R": "AA R", "S": "EH S", "T": "T IY", "U": "Y UW",
    "V": "V IY", "W": "D AH B AH L Y UW", "X": "EH K S", "Y": "W AY", "Z": "Z IY",
}
SUFFIX_S = "Z"  # the "'s" item after spelled letters

# eSpeak NG IPA (stress and length marks removed) to ARPABET, longest first.
_IPA = {
    "aɪə": "AY ER", "aɪɚ": "AY ER", "aʊɚ": "AW ER", "oːɹ": "AO R", "ɔːɹ": "AO R", "ɑːɹ": "AA R",
    "ɛɹ": "EH R", "ɪɹ": "IH R", "ʊɹ": "UH R", "iə": "IY AH", "əʊ": "OW",
    "aɪ": "AY", "aʊ": "AW", "ɔɪ": "OY", "eɪ": "EY", "oʊ": "OW", "tʃ": "CH", "dʒ": "JH",
    "iː": "IY", "uː": "UW", "ɑː": "AA", "ɔː": "AO", "ɜː": "ER", "oː": "AO",
    "i": "IY", "ɪ": "IH", "ᵻ": "IH", "e": "EH", "ɛ": "EH", "æ": "AE", "a": "AE", "ɑ": "AA",
    "ɒ": "AA", "ɔ": "AO", "o": "OW", "ʊ": "UH", "u": "UW", "ʌ": "AH", "ə": "AH", "ɐ": "AH",
    "ɚ": "ER", "ɝ": "ER", "ɜ": "ER", "y": "UW",
    "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "ɡ": "G", "g": "G", "f": "F", "v": "V",
    "θ": "TH", "ð": "DH", "s": "S", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "h": "HH", "x": "HH",
    "ç": "HH", "m": "M", "n": "N", "ŋ": "NG", "l": "L", "ɫ": "L", "ɹ": "R", "r": "R", "ɾ": "T",
    "w": "W", "ʍ": "W", "j": "Y", "ɲ": "N Y", "ʔ": "",
}
_IPA_KEYS = sorted(_IPA, key=len, reverse=True)
_IGNORED = dict.fromkeys(map(ord, "ˈˌ\u200d\u0361\u032f"), None)
_SYLLABIC = "\u0329"  # n̩ -> AH N

# Spelling rules for when eSpeak NG is missing: rough, but better than nothing.
_RULES = {
    "tch": "CH", "sch": "SH", "tion": "SH AH N", "ch": "CH", "sh": "SH", "th": "TH",
    "ph": "F", "gh": "", "ng": "NG", "ck": "K", "qu": "K W", "wh": "W", "ee": "IY",
    "ea": "IY", "oo": "UW", "ou": "AW", "ow": "OW", "ai": "EY", "ay": "EY", "oi": "OY",
    "oy": "OY", "au": "AO", "aw": "AO", "ie": "IY", "ei": "EY", "er": "ER", "ar": "AA R",
    "or": "AO R", "a": "AE", "b": "B", "c": "K", "d": "D", "e": "EH", "f": "F", "g": "G",
    "h": "HH", "i": "IH", "j": "JH", "k": "K", "l": "L", "m": "M", "n": "N", "o": "AA",
    "p": "P", "q": "K", "r": "R", "s": "S", "t": "T", "u": "AH", "v": "V", "w": "W",
    "x": "K S", "y": "IY", "z": "Z",
}
_RULE_KEYS = sorted(_RULES, key=len, reverse=True)


class WordList:
    """Words kept sorted in one string and found by bisection: the dictionary's 126,000 words
    take 2 MB this way, where a set of them takes 12 MB of the process that aligns."""

    def __init__(self, words: Iterable[str]) -> None:
        ordered = list(words)
        if not all(a < b for a, b in itertools.pairwise(ordered)):  # a dictionary file comes sorted
            ordered = sorted(set(ordered))
        self._text = "\n".join(ordered)
        self._starts = array.array("L", itertools.accumulate((len(w) + 1 for w in ordered[:-1]), initial=0))
        self._seen: dict[str, bool] = {}  # a transcript asks for the same words again and again

    def __len__(self) -> int:
        return len(self._starts) if self._text else 0

    def _word(self, k: int) -> str:
        start = self._starts[k]
        end = self._starts[k + 1] - 1 if k + 1 < len(self._starts) else len(self._text)
        return self._text[start:end]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not self._text or "\n" in word:
            return False
        found = self._seen.get(word)
        if found is None:
            k = bisect.bisect_left(range(len(self._starts)), word, key=self._word)
            found = self._seen[word] = k < len(self._starts) and self._word(k) == word
        return found


@functools.cache
def dictionary_words(path: Path) -> WordList:
    """The words of a CMU-format dictionary (alternates like ``the(2)`` folded in)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return WordList(head for head in _HEAD.findall(text) if not head.endswith(")"))


_HEAD = re.compile(r"^([^ \n]+) ", re.MULTILINE)


def ipa_to_arpabet(ipa: str) -> str:
    """``ɡˈɪt hˈʌb`` -> ``G IH T HH AH B`` (words and ``_`` separators both ignored)."""
    text = ipa.translate(_IGNORED)
    out: list[str] = []
    for unit in re.split(r"[\s_]+", text):
        i = 0
        while i < len(unit):
            if unit[i] == _SYLLABIC:
                if out and out[-1] in ("N", "L", "M"):
                    out.insert(len(out) - 1, "AH")
                i += 1
                continue
            for key in _IPA_KEYS:
                if unit.startswith(key, i):
                    out.extend(_IPA[key].split())
                    i += len(key)
                    break
            else:
                i += 1  # a mark we do not model (length, tie, tone)
    # eSpeak NG writes some r-coloured vowels with a second r ("dʒˌʊɹ_ɹɪs..."); say it once.
    return " ".join(p for i, p in enumerate(out) if i == 0 or p != out[i - 1])


def spelling_rules(word: str) -> str:
    """A guess from the letters alone, used only when eSpeak NG is not installed."""
    text = re.sub(r"[^a-z]", "", word.lower())
    text = re.sub(r"(.)\1+", r"\1", text)
    if len(text) > 3 and text.endswith("e") and not text.endswith("ee"):
        text = text[:-1]
    out: list[str] = []
    i = 0
    while i < len(text):
        for key in _RULE_KEYS:
            if text.startswith(key, i):
                if key == "y" and i == 0:
                    out.append("Y")
                elif _RULES[key]:
                    out.extend(_RULES[key].split())
                i += len(key)
                break
        else:  # pragma: no cover - every letter has a rule
            i += 1
    return " ".join(out) or "AH"


def espeak_program() -> str | None:
    return shutil.which("espeak-ng") or shutil.which("espeak")


def guess(words: Iterable[str], voice: str = "en-us") -> dict[str, str]:
    """ARPABET for words the dictionary lacks, one eSpeak NG run for all of them."""
    todo = list(dict.fromkeys(w for w in words if w.strip()))
    if not todo:
        return {}
    program = espeak_program()
    found: dict[str, str] = {}
    if program is not None:
        found = _espeak(program, todo, voice)
    elif todo:
        log.info("espeak-ng not found; guessing %d pronunciations from spelling", len(todo))
    for word in todo:
        if not found.get(word):
            found[word] = spelling_rules(word)
    return found


def _espeak(program: str, words: list[str], voice: str) -> dict[str, str]:
    # One word per line: eSpeak NG answers one line per input line.
    text = "\n".join(w.replace("\n", " ") for w in words) + "\n"
    try:
        run = subprocess.run(
            [program, "-q", "--ipa", "-v", voice, "--sep=_"],
            input=text, capture_output=True, text=True, timeout=60, check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("espeak-ng failed (%s); guessing pronunciations from spelling", exc)
        return {}
    lines = run.stdout.splitlines()  # a line per word, each with its newline: a line short is noticed
    if len(lines) != len(words):
        log.warning("espeak-ng gave %d lines for %d words; guessing from spelling",
                    len(lines), len(words))
        return {}
    return {w: ipa_to_arpabet(line) for w, line in zip(words, lines, strict=True)}

"""align.text: the one normaliser, the words built on it, and the lexicon."""

from __future__ import annotations

import pytest

from align.text import initials, match_words


def test_initials() -> None:
    assert initials("Connor Leahy") == "CL"
    assert initials("John von Neumann") == "JN"


@pytest.mark.parametrize(("text", "expected"), [
    ("Don’t", ["dont"]),
    ("“Hello,” she said—quietly…", ["hello", "she", "said", "quietly"]),
    ("open-source AI's", ["open", "source", "ais"]),
    ("  ¡ ... !  ", []),
])
def test_tokens(text: str, expected: list[str]) -> None:
    assert match_words(text) == expected

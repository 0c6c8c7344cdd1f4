"""align.writers.lines: caption lines that cannot end their cue, markup escaped."""

from __future__ import annotations

import pytest

from align.writers.lines import escape_vtt, safe_line


@pytest.mark.parametrize(("line", "safe"), [
    ("a --> b", "a -> b"), ("--->", "->"), ("----->", "->"), ("-- >", "-- >"), ("->", "->"), ("", ""),
])
def test_safe_line(line: str, safe: str) -> None:
    assert safe_line(line) == safe


def test_escape_vtt_escapes_the_ampersand_first() -> None:
    assert escape_vtt("a & <b> &amp;") == "a &amp; &lt;b&gt; &amp;amp;"

"""Caption text as the formats need it: no line that could end a cue, markup escaped."""

from __future__ import annotations


def safe_line(line: str) -> str:
    """A caption line that cannot end its cue: "-->" would, in both formats' parsers.

    Replaced until none is left, so ``--->`` does not become ``-->``.
    """
    while "-->" in line:
        line = line.replace("-->", "->")
    return line


def escape_vtt(text: str) -> str:
    """``&``, ``<`` and ``>`` as WebVTT character references."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

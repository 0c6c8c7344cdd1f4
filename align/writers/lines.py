"""Caption text as the formats need it: no line that could end a cue, markup escaped."""

from __future__ import annotations


def safe_line(line: str) -> str:
    """An SRT line that cannot end its cue: "-->" would, and SRT has no escape for it.

    Replaced until none is left, so ``--->`` does not become ``-->``. (WebVTT escapes the
    ``>`` instead, which keeps the text as written.)
    """
    while "-->" in line:
        line = line.replace("-->", "->")
    return line


def escape_vtt(text: str) -> str:
    """``&``, ``<`` and ``>`` as WebVTT character references."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""A paragraph of transcript text as caption tokens, with inline stamps as anchors.

Every reader hands its paragraphs' text to ``tokenize``: what the transcript writes
inside the text about time (``[inaudible 00:08:50]``, a bare ``[00:08:50]``) is the
same whatever the layout around it.
"""

from __future__ import annotations

import re

from align import timecode
from align.errors import Diagnostic
from align.readers.model import Token

# Inline stamps such as "[inaudible 00:08:50]", "[cross talk 0:20:02]" or a bare "[00:08:50]",
# in any form a transcript writes a stamp ("[100:08]", "[00:44:03:20]").
INLINE = re.compile(rf"\[(?P<note>[^\[\]\d]*?)\s*(?P<time>{timecode.LOOSE_STAMP})\s*\]")


def tokenize(
    text: str, path: str = "<text>", line: int = 0, diags: list[Diagnostic] | None = None
) -> tuple[Token, ...]:
    """Split a paragraph into tokens, turning inline stamps into anchored notes.

    ``[inaudible 00:08:50]`` becomes the token ``[inaudible]`` anchored at 00:08:50
    (a note of several words, ``[cross talk 00:08:50]``, becomes one token a word,
    all notes, the first anchored); a bare ``[00:08:50]`` inside text becomes an
    anchor on the next word. What is written against a stamp, with no space between (a word,
    punctuation, another stamp), stays in one token with it.
    """
    tokens: list[Token] = []
    pos = 0
    pending_anchor: tuple[int, int] | None = None
    glue = False  # the next text piece continues the previous token (no space between)
    for m in INLINE.finditer(text):
        pieces = text[pos : m.start()]
        pending_anchor, glue = _add_words(tokens, pieces, pending_anchor, glue)
        parsed = timecode.parse_stamp(m.group("time"))
        note = " ".join(m.group("note").split())
        if parsed is None:
            if diags is not None:
                diags.append(Diagnostic(path, line, f"malformed time in “{m.group(0)}”; kept as text"))
            pending_anchor, glue = _add_words(tokens, m.group(0), pending_anchor, glue)
        elif note:
            words = f"[{note}]".split()
            # Written against what comes before (a word, or another stamp): the same word.
            attach = tokens and (not pieces[-1].isspace() if pieces else glue)
            anchor = parsed
            if pending_anchor is not None and not pieces.strip():
                # "[00:00:02][inaudible 00:01:02]": the bare stamp says where this begins
                anchor, pending_anchor = pending_anchor, None
            if attach:
                prev = tokens.pop()
                words[0] = prev.text + words[0]
                if prev.anchor_ms is not None:  # the word already starts at a stated time
                    anchor = (prev.anchor_ms, prev.anchor_precision_ms)
            tokens.append(Token(words[0], anchor[0], anchor[1], True))
            tokens.extend(Token(w, note=True) for w in words[1:])
            glue = True
        else:
            if pending_anchor is None:
                pending_anchor = parsed
            elif diags is not None:  # "[00:03:36] [00:00:02] text": the first says where the words begin
                diags.append(Diagnostic(path, line, f"time stamp {m.group(0)} follows another with no words between; "
                                                    "the first is used"))
            glue = False
        pos = m.end()
    _add_words(tokens, text[pos:], pending_anchor, glue)
    return tuple(tokens)


def _add_words(
    tokens: list[Token], piece: str, anchor: tuple[int, int] | None, glue: bool
) -> tuple[tuple[int, int] | None, bool]:
    if not piece:
        return anchor, glue
    words = piece.split()
    if glue and words and tokens and not piece[0].isspace():
        prev = tokens.pop()
        tokens.append(Token(prev.text + words[0], prev.anchor_ms, prev.anchor_precision_ms, prev.note))
        words = words[1:]
    in_note = False  # inside a bracketed note of several words: "[laughs loudly]"
    for w in words:
        note = in_note or w.startswith("[")
        in_note = note and not w.rstrip(".,;:!?…").endswith("]")
        if anchor is not None:
            tokens.append(Token(w, anchor[0], anchor[1], note))
            anchor = None
        else:
            tokens.append(Token(w, note=note))
    return anchor, bool(piece) and not piece[-1].isspace()

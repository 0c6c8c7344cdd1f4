"""Writing cues as SRT (pysrt), WebVTT (webvtt-py) and JSON; every file written atomically.

Neither library escapes cue text or guards against lines that would end a
cue, so this module does: WebVTT text has ``&``, ``<`` and ``>`` escaped,
no cue ever holds a blank line or ``-->``, and times are whole milliseconds.
"""

from __future__ import annotations

import enum
import io
import json
import os
import re
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pysrt
import webvtt

from align.errors import OutputError
from align.model import Cue, Turn


class LabelMode(enum.Enum):
    """How SRT names speakers (WebVTT always uses ``<v Full Name>``)."""

    NONE = "none"
    INITIALS = "initials"  # "CL: …" when the speaker changes
    NAMES = "names"  # "[Connor Leahy] …" when the speaker changes
    EVERY = "every"  # "[Connor Leahy] …" on every cue


def srt_label(turn: Turn, first_word: int, changed: bool, mode: LabelMode) -> str:
    """The label an SRT cue starting at ``first_word`` of ``turn`` carries ('' for none)."""
    if mode is LabelMode.NONE:
        return ""
    if mode is LabelMode.EVERY:
        return f"[{turn.speaker.name}]"
    if first_word != 0 or not changed:
        return ""
    return f"{turn.speaker.key}:" if mode is LabelMode.INITIALS else f"[{turn.speaker.name}]"


def speaker_changes(turns: Sequence[Turn]) -> set[int]:
    """Indices of the turns whose speaker differs from the turn spoken before."""
    changed: set[int] = set()
    previous = None
    for t in turns:
        if not t.words:
            continue
        if previous is None or t.speaker != previous:
            changed.add(t.index)
        previous = t.speaker
    return changed


def safe_line(line: str) -> str:
    """A caption line that cannot end its cue: "-->" would, in both formats' parsers."""
    return line.replace("-->", "->")


def vtt_time(ms: int) -> str:
    """``HH:MM:SS.mmm``; SRT writes the same with a comma."""
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def srt_time(ms: int) -> str:
    return vtt_time(ms).replace(".", ",")


def escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_srt(cues: Sequence[Cue], turns: Sequence[Turn], mode: LabelMode = LabelMode.NAMES) -> str:
    changed = speaker_changes(turns)
    by_index = {t.index: t for t in turns}
    items = []
    for number, cue in enumerate(cues, start=1):
        lines = [safe_line(line) for line in cue.lines]
        label = srt_label(by_index[cue.turn], cue.first_word, cue.turn in changed, mode)
        if label:
            lines[0] = f"{label} {lines[0]}"
        items.append(
            pysrt.SubRipItem(
                number,
                pysrt.SubRipTime.from_ordinal(int(cue.start_ms)),
                pysrt.SubRipTime.from_ordinal(int(cue.end_ms)),
                "\n".join(lines),
            )
        )
    buffer = io.StringIO()
    pysrt.SubRipFile(items=items).write_into(buffer, eol="\n")
    return buffer.getvalue()


def to_vtt(cues: Sequence[Cue]) -> str:
    captions = []
    for cue in cues:
        name = re.sub(r"[<>&\n]", " ", cue.speaker.name).strip()
        text = "\n".join(escape_vtt(safe_line(line)) for line in cue.lines)
        captions.append(
            webvtt.Caption(vtt_time(cue.start_ms), vtt_time(cue.end_ms), f"<v {name}>{text}")
        )
    return str(webvtt.WebVTT(captions=captions).content)


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def check_targets(paths: Iterable[Path], inputs: Sequence[Path], *, force: bool) -> None:
    """Refuse, before anything is written, to write over an input or (unless ``force``) any file."""
    originals = {p.resolve() for p in inputs}
    for path in paths:
        if path.resolve() in originals:
            raise OutputError(f"{path}: would overwrite the input; choose another folder with -o")
        if not force and path.exists():
            raise OutputError(f"{path}: already exists; add --force to replace it, or choose another folder with -o")


def write_atomic(path: Path, text: str, *, protect: Sequence[Path] = (), force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a reader never sees half a file.

    Refuses to write over any of ``protect`` (the inputs) and, unless
    ``force``, over a file that already exists.
    """
    check_targets([path], protect, force=force)
    folder = path.parent
    # A fresh hidden name beside the target, opened exclusively: os.replace is then atomic,
    # and the file gets the permissions the umask allows (mkstemp would make it 0600).
    tmp = folder / f".{path.name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        f = tmp.open("x", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write there ({exc.strerror}); choose another folder with -o") from exc
    try:
        with f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write it ({exc.strerror}); choose another folder with -o") from exc

"""Choosing and naming clips: the options, which turns, what format, file names, the manifest."""

from __future__ import annotations

import csv
import enum
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from align import audio
from align.audio import AudioFormat, AudioInfo
from align.errors import AlignError, Diagnostic
from align.model import Turn

MANIFEST = ("manifest.csv", "manifest.json")
_NAME_MAX = 40


class CutMode(enum.Enum):
    """How clips are cut (the CLI's ``--copy`` picks COPY)."""

    REENCODE = "reencode"  # sample-accurate, snapped to quiet, optional fades
    COPY = "copy"  # lossless stream copy on codec frames, no snapping or fades


@dataclass(frozen=True, slots=True)
class Snap:
    """How far a boundary may move: ``outward`` away from the words, ``inward`` into them."""

    outward_ms: int = 500
    inward_ms: int = 300


@dataclass(frozen=True, slots=True)
class ClipOptions:
    """Everything ``export_turn_clips`` needs besides the turns, audio and folder.

    ``format`` None means: like the source when it is one of ours, else mp3.
    ``pad_ms`` widens the estimated speech before snapping; the snapped point is
    the quietest within ``snap`` of the padded target. ``speakers`` (keys or names,
    any case) and ``turns`` (inclusive ranges of ``Turn.index``) select turns;
    empty selects all. ``jobs`` 0 uses every core. ``ffmpeg`` as for ``find_ffmpeg``.
    """

    format: AudioFormat | None = None
    mode: CutMode = CutMode.REENCODE
    pad_ms: int = 200
    fade_ms: int = 0
    snap: Snap = Snap()
    speakers: tuple[str, ...] = ()
    turns: tuple[tuple[int, int], ...] = ()
    jobs: int = 0
    force: bool = False
    ffmpeg: str | None = None
    album: str | None = None  # tag; the audio file's name when None

    def __post_init__(self) -> None:
        for name in ("pad_ms", "fade_ms", "jobs"):
            if getattr(self, name) < 0:
                raise AlignError(f"--{name.removesuffix('_ms')} must not be negative")
        if self.mode is CutMode.COPY and self.fade_ms:
            raise AlignError("--fade needs re-encoding; drop --copy or --fade")


@dataclass(frozen=True, slots=True)
class ClipRow:
    """One written clip, as listed in the manifest. Times are where it was cut in the source."""

    index: int
    speaker: str
    name: str
    start_ms: int
    end_ms: int
    text: str
    file: str

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


# ---------------------------------------------------------------- choosing and naming


def parse_turn_range(text: str) -> tuple[tuple[int, int], ...]:
    """``"3-7"``, ``"12"``, ``"3-"``, ``"-7"`` or a comma list of those, as inclusive ranges."""
    ranges = []
    for part in text.split(","):
        m = re.fullmatch(r"\s*(\d*)\s*(-?)\s*(\d*)\s*", part)
        if not m or not (m.group(1) or m.group(3)) or (m.group(3) and not m.group(2)):
            raise AlignError(f"--turns {text!r}: write turn numbers like 3-7, 12 or 3-7,10-")
        lo = int(m.group(1)) if m.group(1) else 0
        hi = int(m.group(3)) if m.group(3) else (lo if not m.group(2) else 10**9)
        if hi < lo:
            raise AlignError(f"--turns {text!r}: {lo}-{hi} runs backwards; write {hi}-{lo}")
        ranges.append((lo, hi))
    return tuple(ranges)


def select_turns(turns: Sequence[Turn], options: ClipOptions) -> list[Turn]:
    """The turns ``options.speakers`` and ``options.turns`` select, in order."""
    if not turns:
        raise AlignError("the transcript has no turns to cut")
    chosen = list(turns)
    if options.speakers:
        wanted = {s.casefold() for s in options.speakers}
        known = {t.speaker.key.casefold() for t in turns} | {t.speaker.name.casefold() for t in turns}
        missing = sorted(s for s in options.speakers if s.casefold() not in known)
        if missing:
            keys = ", ".join(sorted({t.speaker.key for t in turns}))
            raise AlignError(f"--speaker {missing[0]}: no such speaker; the speakers are {keys}")
        chosen = [t for t in chosen
                  if t.speaker.key.casefold() in wanted or t.speaker.name.casefold() in wanted]
    if options.turns:
        chosen = [t for t in chosen if any(lo <= t.index <= hi for lo, hi in options.turns)]
    if not chosen:
        raise AlignError("no turn matches --speaker and --turns; run without them to see all turns")
    return chosen


def safe_label(label: str) -> str:
    """``label`` made safe inside a file name on any system: letters, digits, ``_`` and ``-``.

    Control characters, path separators, dots (so no ``..``) and reserved characters
    become ``-``; the result is at most 40 characters, or ``speaker`` when nothing is left.
    """
    text = unicodedata.normalize("NFKC", label)
    text = "".join(c if (c.isalnum() or c in "_-") and c.isprintable() else "-" for c in text)
    text = re.sub(r"-{2,}", "-", text).strip("-_")[:_NAME_MAX].strip("-_")
    return text or "speaker"


def clock(ms: int, sep: str = ":") -> str:
    """``HH:MM:SS`` (floored to the second) with ``sep`` between the fields."""
    s = max(0, ms) // 1000
    return f"{s // 3600:02d}{sep}{s % 3600 // 60:02d}{sep}{s % 60:02d}"


def clip_name(turn: Turn, fmt: AudioFormat) -> str:
    """``0012_CL_00-05-51.mp3``: turn index, safe speaker key, start time."""
    return f"{turn.index:04d}_{safe_label(turn.speaker.key)}_{clock(turn.start_ms, '-')}.{fmt.value}"


def excerpt(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- format and length


def output_format(info: AudioInfo, options: ClipOptions) -> AudioFormat:
    """The clips' format: what ``--copy`` keeps, else ``options.format``, else like the source."""
    if options.mode is CutMode.COPY:
        kept, _ = audio.copy_format(info)
        if options.format not in (None, kept):
            assert options.format is not None
            raise AlignError(f"--copy keeps the source's {info.codec} audio, written as "
                             f"{kept.value}; drop --format {options.format.value} or --copy")
        return kept
    if options.format is not None:
        return options.format
    if info.wav:
        return AudioFormat.WAV
    try:
        return audio.copy_format(info)[0]
    except AlignError:
        return AudioFormat.MP3


def duration_warnings(info: AudioInfo, turns: Sequence[Turn]) -> list[Diagnostic]:
    """Warnings when the audio is shorter than the transcript, or much longer."""
    ends = [t.end_ms for t in turns if t.words]
    if info.duration_ms is None or not ends:
        return []
    have, need = info.duration_ms, max(ends)
    where = str(info.path)
    if have < need - 1000:
        return [Diagnostic(where, None, f"the audio lasts {clock(have)} but the transcript runs "
                                        f"to {clock(need)}; turns past the end get no clip")]
    if have > need + max(60_000, need // 10):
        return [Diagnostic(where, None, f"the audio lasts {clock(have)}, {clock(have - need)} "
                                        f"longer than the transcript; is it the right recording?")]
    return []


# ---------------------------------------------------------------- manifest

_COLUMNS = ("index", "speaker", "name", "start", "end", "duration", "text", "file")


def _row(r: ClipRow) -> dict[str, object]:
    return {"index": r.index, "speaker": r.speaker, "name": r.name, "start": r.start_ms / 1000,
            "end": r.end_ms / 1000, "duration": r.duration_ms / 1000, "text": r.text,
            "file": r.file}


def manifest_csv(rows: Sequence[ClipRow]) -> str:
    """The manifest as CSV: times in seconds with three decimals."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(_COLUMNS)
    for r in rows:
        d = _row(r)
        w.writerow([f"{v:.3f}" if isinstance(v, float) else v for v in d.values()])
    return out.getvalue()


def manifest_json(rows: Sequence[ClipRow], info: AudioInfo, fmt: AudioFormat,
                  mode: CutMode) -> str:
    """The manifest as JSON: the source, how it was cut, and one object per clip."""
    doc = {"audio": str(info.path), "format": fmt.value, "mode": mode.value,
           "clips": [_row(r) for r in rows]}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"

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
from pathlib import Path

from align import audio, timecode
from align.audio import AudioFormat, AudioInfo
from align.errors import AlignError, Diagnostic, OptionError, SpeakerError, shown
from align.model import Turn

MANIFEST = ("manifest.csv", "manifest.json")
_NAME_MAX = 40
MAX_PAD_MS = 60_000  # a clip widened by more than a minute a side is not a clip of a turn
MAX_FADE_MS = 60_000


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
    empty selects all. ``jobs`` 0 uses every core. ``ffmpeg`` is the program found by
    ``align.audio.find_ffmpeg``.
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
    ffmpeg: Path | None = None
    album: str | None = None  # tag; the audio file's name when None

    def __post_init__(self) -> None:
        for name, most in (("pad_ms", MAX_PAD_MS), ("fade_ms", MAX_FADE_MS), ("jobs", 1024)):
            value = getattr(self, name)
            if not 0 <= value <= most:
                raise OptionError(name, f"{name.removesuffix('_ms')} must be between 0 and {most}, not {value}")
        if self.mode is CutMode.COPY and self.fade_ms:
            raise OptionError("fade_ms", "a fade needs re-encoding; a stream copy cannot fade")


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
            raise SpeakerError(missing[0], sorted({t.speaker.key for t in turns}))
        chosen = [t for t in chosen
                  if t.speaker.key.casefold() in wanted or t.speaker.name.casefold() in wanted]
    if options.turns:
        chosen = [t for t in chosen if any(lo <= t.index <= hi for lo, hi in options.turns)]
    if not chosen:
        raise OptionError("turns", "no turn is both of the speakers and in the turns chosen")
    return chosen


def safe_label(label: str) -> str:
    """``label`` made safe inside a file name on any system: letters, digits, ``_`` and ``-``.

    Control characters, path separators, dots (so no ``..``) and reserved characters
    become ``-``; the result is at most 40 characters, or ``speaker`` when nothing is left.
    A name Windows reserves for a device (``CON``, ``NUL``, ``COM1``...) gets a ``_``.
    """
    text = unicodedata.normalize("NFKC", label)
    text = "".join(c if (c.isalnum() or c in "_-") and c.isprintable() else "-" for c in text)
    text = re.sub(r"-{2,}", "-", text).strip("-_")[:_NAME_MAX].strip("-_")
    if text.upper() in _DEVICES:
        text += "_"
    return text or "speaker"


def file_stem(name: str) -> str:
    """A file name the user chose, checked: it must already be safe (see ``safe_label``),
    so that two different names never end up as one file."""
    if safe_label(name) != name:
        raise OptionError("name", f"'{name}' cannot be a file name here; use letters, digits, '-' and '_' "
                                  f"(for example '{safe_label(name)}')")
    return name


_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)), *(f"LPT{n}" for n in range(10))})


def clip_name(turn: Turn, fmt: AudioFormat) -> str:
    """``0012_CL_00-05-51.mp3``: turn index, safe speaker key, start time."""
    return f"{turn.index:04d}_{safe_label(turn.speaker.key)}_{timecode.clock(turn.start_ms, '-')}.{fmt.value}"


def excerpt(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- format and length


def output_format(info: AudioInfo, options: ClipOptions) -> AudioFormat:
    """The clips' format: what ``--copy`` keeps, else ``options.format``, else like the source."""
    if options.mode is CutMode.COPY:
        kept, _ = audio.copy_format(info)
        if options.format not in (None, kept):
            assert options.format is not None
            raise OptionError("format", f"a stream copy keeps the source's {info.codec} audio, written as "
                                        f"{kept.value}, not {options.format.value}")
        return kept
    if options.format is not None:
        return options.format
    if info.wav:
        return AudioFormat.WAV
    try:
        return audio.copy_format(info)[0]
    except OptionError:
        return AudioFormat.MP3


def duration_warnings(info: AudioInfo, turns: Sequence[Turn]) -> list[Diagnostic]:
    """Warnings when the audio is shorter than the transcript, or much longer."""
    ends = [t.end_ms for t in turns if t.words]
    if info.duration_ms is None or not ends:
        return []
    have, need = info.duration_ms, max(ends)
    where = str(info.path)
    if have < need - 1000:
        return [Diagnostic(where, None, f"the audio lasts {timecode.clock(have)} but the transcript runs "
                                        f"to {timecode.clock(need)}; turns past the end get no clip")]
    if have > need + max(60_000, need // 10):
        return [Diagnostic(where, None, f"the audio lasts {timecode.clock(have)}, {timecode.clock(have - need)} "
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
    doc = {"audio": shown(info.path), "format": fmt.value, "mode": mode.value,
           "clips": [_row(r) for r in rows]}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"

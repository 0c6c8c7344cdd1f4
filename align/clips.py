"""Audio clips per turn: choose the turns, find clean cut points, write the files and a manifest.

A clip is cut sample-accurately by default: its range is decoded with input-side
seeking and streamed through in one-second chunks to the encoder, so memory stays
the same for a 10-second turn or a 3-hour one. Neighbouring clips share one ffmpeg
decoder (see ``Decoder``), and ``jobs`` runs of them are cut at once.

Boundaries: the transcript's first word start and last word end are widened by
``pad_ms``, then each moves to the quietest point within 0.5 s outward or 0.3 s
inward (``Snap``), by energy over 10 ms frames of the decoded audio. A cut must
have 30 ms of quiet on its outer side and 80 ms toward the words (a word's time
starts before its sound), and moving into the words costs extra, so clips neither
start nor end inside a word even when the transcript's times are off by 0.3 s.

``CutMode.COPY`` instead copies the compressed frames: lossless and near-instant,
but cut on codec frames (26 ms for MP3), from the padded transcript times without
snapping or fades.
"""

from __future__ import annotations

import csv
import enum
import functools
import io
import json
import logging
import os
import queue
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from align import audio
from align.audio import AudioFormat, AudioInfo, Samples
from align.errors import AlignError, Diagnostic, OutputError
from align.model import Turn
from align.writers import check_targets

log = logging.getLogger(__name__)

Progress = Callable[[int], object]  # called with the number of clips just finished

FRAME_MS = 10  # energy is measured over 10 ms frames
QUIET_AWAY = 3  # a cut needs 30 ms of quiet on the side away from the words
QUIET_TOWARD = 8  # and 80 ms toward them: a word's time starts before its sound
MARGIN_MS = 120  # decoded beyond each snap window (covers the above and decoder warm-up)
DISTANCE_DB_PER_S = 20.0  # what each second away from the target costs, in dB
INSIDE_DB_PER_10MS = 1.0  # what each 10 ms into the clip's own (estimated) words costs
CHUNK_MS = 1000  # decoded audio moves in chunks of this length
REUSE_GAP_MS = 60_000  # decode through a gap this long rather than restart ffmpeg
KEEP_MS = 5000  # decoded audio held back for a next clip that overlaps this one
GROUPS_PER_JOB = 3  # neighbouring clips share a decoder in runs: this many per job
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


@dataclass(frozen=True, slots=True)
class ClipReport:
    clips: tuple[ClipRow, ...]
    warnings: tuple[Diagnostic, ...]
    out_dir: Path
    manifest_csv: Path
    manifest_json: Path
    format: AudioFormat
    mode: CutMode


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


# ---------------------------------------------------------------- snapping


def snap(energy_db: npt.NDArray[np.float64], rate: int, origin: int, target: int,
         lo: int, hi: int, speech: int, *, is_start: bool) -> int:
    """The cut point (a sample index) for one boundary: the quietest point in ``[lo, hi]``.

    ``energy_db`` holds the power of 10 ms frames from sample ``origin``. A point is as
    loud as the loudest frame from ``QUIET_AWAY`` frames on the outer side to
    ``QUIET_TOWARD`` frames on the words' side of it, so it must sit in a pause, not in
    a stop consonant, with room before the word. Ties go to the point nearest ``target``;
    points on the words' side of ``speech`` (the estimated first word start, or last
    word end) pay for each 10 ms they reach into the words. Returns ``target`` clamped
    to the decoded range when no frame lies in ``[lo, hi]``.
    """
    n, frame = len(energy_db), rate * FRAME_MS // 1000
    centers = origin + np.arange(n) * frame + frame // 2
    inside = (centers >= lo) & (centers <= hi)
    if n == 0 or not inside.any():
        return int(min(max(target, origin), origin + n * frame))
    before, after = (QUIET_AWAY, QUIET_TOWARD) if is_start else (QUIET_TOWARD, QUIET_AWAY)
    padded = np.pad(energy_db, (before, after), mode="edge")
    loud = np.lib.stride_tricks.sliding_window_view(padded, before + after + 1).max(axis=1)
    cost = loud + DISTANCE_DB_PER_S * np.abs(centers - target) / rate
    into = (centers - speech) if is_start else (speech - centers)
    cost += INSIDE_DB_PER_10MS * np.maximum(into, 0) / max(frame, 1)
    cost[~inside] = np.inf
    return int(centers[int(np.argmin(cost))])


@dataclass(frozen=True, slots=True)
class Span:
    """A clip to cut: the estimated speech ``[start_ms, end_ms)``, where to write, its tags."""

    start_ms: int
    end_ms: int
    path: Path
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Plan:
    """A span's boundaries in samples: targets, snap windows, decode range."""

    rate: int
    t0: int
    t1: int
    s_lo: int
    s_hi: int
    e_lo: int
    e_hi: int
    speech0: int
    speech1: int
    first: int  # first decoded sample
    margin: int
    fade: int


def _plan(span: Span, rate: int, pad_ms: int, fade_ms: int, snap_: Snap) -> _Plan:
    def smp(ms: int) -> int:
        return ms * rate // 1000

    t0, t1 = smp(max(0, span.start_ms - pad_ms)), smp(span.end_ms + pad_ms)
    mid = (t0 + t1) // 2
    s_lo, s_hi = max(0, t0 - smp(snap_.outward_ms)), min(t0 + smp(snap_.inward_ms), mid)
    e_lo, e_hi = max(t1 - smp(snap_.inward_ms), mid), t1 + smp(snap_.outward_ms)
    margin = smp(MARGIN_MS)
    return _Plan(rate, t0, t1, s_lo, s_hi, e_lo, e_hi, smp(span.start_ms), smp(span.end_ms),
                 max(0, s_lo - margin), margin, smp(fade_ms))


def _fade(chunk: Samples, at: int, start: int, end: int | None, fade: int, rate: int) -> Samples:
    """``chunk`` (first sample ``at``) with linear fades over ``fade`` samples at both ends."""
    if fade <= 0 or len(chunk) == 0:
        return chunk
    out = chunk
    regions = [(start, start + fade, True)]
    if end is not None:
        regions.append((end - fade, end, False))
    for lo, hi, rising in regions:
        a, b = max(lo, at), min(hi, at + len(chunk))
        if a >= b:
            continue
        first, last = ((p - lo + 0.5) / fade for p in (a, b - 1))
        if not rising:
            first, last = 1.0 - first, 1.0 - last
        if out is chunk:
            out = chunk.copy()
        out[a - at : b - at] = audio.gain_ramp(out[a - at : b - at], rate, first, last)
    return out


class Decoder:
    """One source's audio read forward range by range, so one ffmpeg run serves many clips.

    A read that starts before what is still held, or more than ``REUSE_GAP_MS`` after
    what was decoded, restarts ffmpeg there (seeking on the input side); a shorter gap is
    decoded through, which costs less than starting ffmpeg and seeking again. At most
    ``KEEP_MS`` of audio before the latest read is held. Close it when done.
    """

    def __init__(self, info: AudioInfo, ffmpeg: Path | None) -> None:
        self.info, self.ffmpeg, self.rate = info, ffmpeg, info.sample_rate
        self._reader: audio.PcmReader | None = None
        self._chunks: list[Samples] = []
        self._start = self._end = 0  # samples held: [_start, _end)
        self._eof = False

    def read(self, first: int, count: int) -> Samples:
        """Up to ``count`` samples from ``first`` on (a view, no copy); empty at the end."""
        if (self._reader is None or first < self._start
                or first > self._end + self.rate * REUSE_GAP_MS // 1000):
            self.close()
            ms = first * 1000 // self.rate
            self._reader = audio.open_pcm(self.info, ms, None, self.ffmpeg)
            self._start = self._end = (ms * self.rate + 500) // 1000
            self._chunks, self._eof = [], False
        while self._end <= first and not self._eof:
            part = self._reader.read(self.rate * CHUNK_MS // 1000)
            self._eof = not len(part)
            self._chunks.append(part)
            self._end += len(part)
        keep = first - self.rate * KEEP_MS // 1000
        while self._chunks and self._start + len(self._chunks[0]) <= keep:
            self._start += len(self._chunks.pop(0))
        pos = self._start
        for c in self._chunks:
            if pos <= first < pos + len(c):
                return c[max(first - pos, 0):first - pos + count]
            pos += len(c)
        return np.zeros((0, self.info.channels), np.int16)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


def cut(source: Decoder, span: Span, fmt: AudioFormat, options: ClipOptions,
        snap_: Snap | None = None) -> tuple[int, int] | None:
    """Decode, snap, fade and encode one clip; its ``(start_ms, end_ms)``, or None if empty.

    Memory stays bounded: only the start window, one chunk, and the end window
    with the fade are ever held, whatever the length of the clip.
    """
    rate, channels = source.rate, source.info.channels
    plan = _plan(span, rate, options.pad_ms, options.fade_ms, snap_ or options.snap)
    tail_from = plan.e_lo - plan.margin - plan.fade  # kept back until the end is snapped
    last = plan.e_hi + plan.margin
    chunk = rate * CHUNK_MS // 1000
    pos = plan.first

    def more() -> Samples:
        nonlocal pos
        part = source.read(pos, min(chunk, last - pos))
        pos += len(part)
        return part

    pending, at = more(), plan.first
    while pos < min(last, plan.s_hi + plan.margin) and len(part := more()):
        pending = np.concatenate([pending, part])  # the start window: short
    start = max(at, snap(audio.frame_energy_db(pending, rate), rate, at, plan.t0, plan.s_lo,
                         plan.s_hi, plan.speech0, is_start=True))
    pending, at = pending[start - at:], start
    writer: audio.PcmWriter | None = None
    try:
        while True:
            emit = min(len(pending), tail_from - at)
            if emit > 0:
                writer = writer or audio.open_writer(span.path, fmt, rate, channels, span.tags,
                                                     source.ffmpeg)
                writer.write(_fade(pending[:emit], at, start, None, plan.fade, rate))
                pending, at = pending[emit:], at + emit
            if pos >= last or not len(part := more()):
                break
            pending = np.concatenate([pending, part]) if len(pending) else part
        end = snap(audio.frame_energy_db(pending, rate), rate, at, plan.t1,
                   max(plan.e_lo, at + 1), plan.e_hi, plan.speech1, is_start=False)
        end = min(end, at + len(pending))
        if end <= start:
            if writer is not None:
                writer.abort()
            return None
        writer = writer or audio.open_writer(span.path, fmt, rate, channels, span.tags,
                                             source.ffmpeg)
        writer.write(_fade(pending[: end - at], at, start, end, plan.fade, rate))
        writer.commit(force=options.force)
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    return start * 1000 // rate, -(-end * 1000 // rate)


# ---------------------------------------------------------------- exporting


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


def make_folder(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{out_dir}: is a file, not a folder; choose another with -o") from None
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create it ({exc.strerror}); "
                          "choose another folder with -o") from exc


def write_text(path: Path, text: str, *, force: bool) -> None:
    """Write ``text`` as UTF-8 through a temporary file beside ``path``."""
    tmp = audio.temp_path(path)
    try:
        with tmp.open("x", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write it ({exc.strerror}); "
                          "choose another folder with -o") from exc
    audio.publish(tmp, path, force=force)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_parallel(tasks: Sequence[Callable[[threading.Event], None]], jobs: int,
                 progress: Progress | None, finished: queue.SimpleQueue[int]) -> None:
    """Run ``tasks`` on ``jobs`` threads (each drives its own ffmpeg processes).

    Tasks put the number of clips they finish into ``finished``; ``progress`` hears of
    them on this thread. The first error sets the event each task is given (tasks stop
    at their next clip), cancels what has not started, and is raised.
    """
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(tasks)))) as pool:
        pending = {pool.submit(task, stop) for task in tasks}
        try:
            while pending:
                done, pending = wait(pending, timeout=0.1, return_when=FIRST_EXCEPTION)
                while progress is not None and not finished.empty():
                    progress(finished.get())
                for fut in done:
                    fut.result()
        except BaseException:
            stop.set()
            for fut in pending:
                fut.cancel()
            raise


def _groups(order: Sequence[int], spans: Sequence[Span], count: int) -> list[list[int]]:
    """``order`` cut into about ``count`` runs of similar total length."""
    total = sum(spans[k].end_ms - spans[k].start_ms for k in order)
    groups: list[list[int]] = [[]]
    size = 0
    for k in order:
        if groups[-1] and size >= total / count:
            groups.append([])
            size = 0
        groups[-1].append(k)
        size += spans[k].end_ms - spans[k].start_ms
    return groups


def _cut_all(info: AudioInfo, spans: Sequence[Span], fmt: AudioFormat, options: ClipOptions,
             ffmpeg: Path | None, jobs: int, progress: Progress | None
             ) -> list[tuple[int, int] | None]:
    """Cut every span: runs of neighbouring spans share a decoder, ``jobs`` runs at a time."""
    results: list[tuple[int, int] | None] = [None] * len(spans)
    finished: queue.SimpleQueue[int] = queue.SimpleQueue()

    def task(group: list[int], stop: threading.Event) -> None:
        decoder = Decoder(info, ffmpeg)
        try:
            for k in group:
                if stop.is_set():
                    return
                results[k] = cut(decoder, spans[k], fmt, options)
                finished.put(1)
        finally:
            decoder.close()

    order = sorted(range(len(spans)), key=lambda k: spans[k].start_ms)
    groups = _groups(order, spans, GROUPS_PER_JOB * jobs)
    run_parallel([functools.partial(task, g) for g in groups], jobs, progress, finished)
    return results


def export_turn_clips(turns: Sequence[Turn], audio_path: Path, out_dir: Path,
                      options: ClipOptions = ClipOptions(), *, progress: Progress | None = None,
                      transcript: str = "transcript") -> ClipReport:
    """Write one clip per selected turn into ``out_dir``, plus manifest.csv and manifest.json.

    ``turns`` is the whole transcript (so the audio's length can be checked against it);
    ``options`` selects which turns to cut. ``progress`` is called with the number of
    clips finished each time some finish. Nothing is overwritten unless ``options.force``;
    other files in ``out_dir`` are never touched. ``transcript`` names the transcript in
    warnings about its turns.
    """
    ffmpeg = audio.find_ffmpeg(options.ffmpeg)
    info = audio.probe(Path(audio_path), ffmpeg)
    fmt = output_format(info, options)
    if fmt is not AudioFormat.WAV or options.mode is CutMode.COPY:
        audio.require_ffmpeg(ffmpeg, f"write {fmt.value} clips (WAV works without it)")
    chosen = select_turns(turns, options)
    warnings = duration_warnings(info, turns)
    todo: list[Turn] = []
    for t in chosen:
        if not t.words:
            warnings.append(Diagnostic(transcript, t.line, f"turn {t.index} has no words; no clip"))
        elif info.duration_ms is not None and t.start_ms >= info.duration_ms:
            warnings.append(Diagnostic(transcript, t.line, f"turn {t.index} starts at "
                                       f"{clock(t.start_ms)}, after the audio ends; no clip"))
        else:
            todo.append(t)
    manifest = (out_dir / MANIFEST[0], out_dir / MANIFEST[1])
    paths = [out_dir / clip_name(t, fmt) for t in todo]
    check_targets([*paths, *manifest], [info.path], force=options.force)
    make_folder(out_dir)
    album = options.album or info.path.stem
    spans = [Span(t.start_ms, t.end_ms, path,
                  {"title": excerpt(t.text), "artist": t.speaker.name, "album": album})
             for t, path in zip(todo, paths, strict=True)]
    jobs = options.jobs or cores()
    if options.mode is CutMode.COPY:
        cuts = _copy_spans(info, spans, options, ffmpeg, jobs, progress)
    else:
        cuts = _cut_all(info, spans, fmt, options, ffmpeg, jobs, progress)
    rows: list[ClipRow] = []
    for t, span, got in zip(todo, spans, cuts, strict=True):
        if got is None:
            warnings.append(Diagnostic(transcript, t.line, f"turn {t.index} at {clock(t.start_ms)}"
                                       " has no audio (past the end); no clip"))
            continue
        rows.append(ClipRow(t.index, t.speaker.key, t.speaker.name, got[0], got[1], t.text,
                            span.path.name))
    write_text(manifest[0], manifest_csv(rows), force=options.force)
    write_text(manifest[1], manifest_json(rows, info, fmt, options.mode), force=options.force)
    return ClipReport(tuple(rows), tuple(warnings), out_dir, manifest[0], manifest[1], fmt,
                      options.mode)


def _copy_spans(info: AudioInfo, spans: Sequence[Span], options: ClipOptions,
                ffmpeg: Path | None, jobs: int, progress: Progress | None
                ) -> list[tuple[int, int] | None]:
    """Stream-copy the spans in a few ffmpeg runs (each cuts many), ``jobs`` at a time."""
    _, early_ms = audio.copy_format(info)
    cut_at = [(max(0, s.start_ms - options.pad_ms), s.end_ms + options.pad_ms) for s in spans]
    copies = [audio.CopyJob(max(0, a - early_ms), b, s.path, s.tags)
              for (a, b), s in zip(cut_at, spans, strict=True)]
    size = min(100, max(1, -(-len(copies) // max(1, jobs))))
    groups = [copies[k:k + size] for k in range(0, len(copies), size)]

    finished: queue.SimpleQueue[int] = queue.SimpleQueue()

    def task(group: list[audio.CopyJob], stop: threading.Event) -> None:
        if not stop.is_set():
            audio.stream_copy(info, group, ffmpeg, force=options.force)
            finished.put(len(group))

    run_parallel([functools.partial(task, g) for g in groups], jobs, progress, finished)
    return list(cut_at)


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

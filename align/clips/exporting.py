"""Exporting clips: check the targets, cut every selected turn on a few threads, write the manifest."""

from __future__ import annotations

import functools
import os
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from align import audio, timecode
from align.audio import AudioFormat, AudioInfo
from align.clips.choosing import (
    MANIFEST,
    ClipOptions,
    ClipRow,
    CutMode,
    Snap,
    clip_name,
    duration_warnings,
    excerpt,
    manifest_csv,
    manifest_json,
    output_format,
    select_turns,
)
from align.clips.cutting import Cut, Decoder, Span, cut
from align.errors import AlignError, Diagnostic, shown
from align.model import Turn
from align.outputs import check_targets, commit, discard, folder_lock, make_folder
from align.progress import SILENT, Progress, stage

GROUPS_PER_JOB = 3  # neighbouring clips share a decoder in runs: this many per job


@dataclass(frozen=True, slots=True)
class ClipReport:
    clips: tuple[ClipRow, ...]
    warnings: tuple[Diagnostic, ...]
    out_dir: Path
    manifest_csv: Path
    manifest_json: Path
    format: AudioFormat
    mode: CutMode


# ---------------------------------------------------------------- exporting


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_parallel(tasks: Sequence[Callable[[threading.Event], None]], jobs: int,
                 advance: Callable[[int], None], finished: queue.SimpleQueue[int]) -> None:
    """Run ``tasks`` on ``jobs`` threads (each drives its own ffmpeg processes).

    Tasks put the number of clips they finish into ``finished``; ``advance`` hears of
    them on this thread. The first error sets the event each task is given (tasks stop
    at their next clip), cancels what has not started, and is raised.
    """
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(tasks)))) as pool:
        pending = {pool.submit(task, stop) for task in tasks}
        try:
            while pending:
                done, pending = wait(pending, timeout=0.1, return_when=FIRST_EXCEPTION)
                while not finished.empty():
                    advance(finished.get())
                for fut in done:
                    fut.result()
        except BaseException:
            stop.set()
            for fut in pending:
                fut.cancel()
            raise


def _all_or_none(results: list[Cut | None], tasks: Sequence[Callable[[threading.Event], None]], jobs: int,
                 advance: Callable[[int], None], finished: queue.SimpleQueue[int]) -> list[Cut | None]:
    """Run the tasks that fill ``results``; if one fails, the clips already cut are removed."""
    try:
        run_parallel(tasks, jobs, advance, finished)
    except BaseException:
        for done in results:
            if done is not None:
                discard(done.tmp)
        raise
    return results


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
             ffmpeg: Path | None, jobs: int, advance: Callable[[int], None]) -> list[Cut | None]:
    """Cut every span into a temporary file: runs of neighbouring spans share a decoder,
    ``jobs`` runs at a time. On any error (or an interrupt) every temporary file is removed."""
    results: list[Cut | None] = [None] * len(spans)
    finished: queue.SimpleQueue[int] = queue.SimpleQueue()

    def task(group: list[int], stop: threading.Event) -> None:
        decoder = Decoder(info, ffmpeg)
        try:
            for k in group:
                if stop.is_set():
                    return
                results[k] = cut(decoder, spans[k], fmt, options, stop=stop)
                finished.put(1)
        finally:
            decoder.close()

    order = sorted(range(len(spans)), key=lambda k: spans[k].start_ms)
    groups = _groups(order, spans, GROUPS_PER_JOB * jobs)
    return _all_or_none(results, [functools.partial(task, g) for g in groups], jobs, advance, finished)


def export_turn_clips(turns: Sequence[Turn], audio_path: Path, out_dir: Path,
                      options: ClipOptions = ClipOptions(),  # noqa: B008 (frozen: safe to share)
                      *, progress: Progress = SILENT,
                      transcript: str = "transcript", protect: Sequence[Path] = ()) -> ClipReport:
    """Write one clip per selected turn into ``out_dir``, plus manifest.csv and manifest.json.

    ``turns`` is the whole transcript (so the audio's length can be checked against it);
    ``options`` selects which turns to cut. ``progress`` hears of each clip cut. The clips
    and the manifest appear together when all are cut, or none do. Nothing is overwritten unless ``options.force``, and
    never the audio or any of ``protect`` (the transcript); other files in ``out_dir``
    are never touched. ``transcript`` names the transcript in warnings about its turns.
    """
    ffmpeg, info, fmt = _source(audio_path, options)
    chosen = select_turns(turns, options)
    warnings = duration_warnings(info, turns)
    todo: list[Turn] = []
    for t in chosen:
        if not t.words:
            warnings.append(Diagnostic(transcript, t.line, f"turn {t.index} has no words; no clip"))
        elif info.duration_ms is not None and t.start_ms >= info.duration_ms:
            warnings.append(Diagnostic(transcript, t.line, f"turn {t.index} starts at "
                                       f"{timecode.clock(t.start_ms)}, after the audio ends; no clip"))
        else:
            todo.append(t)
    manifest = (out_dir / MANIFEST[0], out_dir / MANIFEST[1])
    paths = [out_dir / clip_name(t, fmt) for t in todo]
    protect = [info.path, *protect]
    check_targets([*paths, *manifest], protect, force=options.force)
    make_folder(out_dir)
    album = options.album or info.path.stem
    bounds = neighbour_bounds(turns)
    spans = [Span(t.start_ms, t.end_ms, path,
                  {"title": excerpt(t.text), "artist": t.speaker.name, "album": album}, *bounds[t.index])
             for t, path in zip(todo, paths, strict=True)]
    jobs = options.jobs or cores()
    with folder_lock(out_dir), stage("cutting clips", progress, len(spans), "clips") as advance:
        if options.mode is CutMode.COPY:
            cuts = _copy_spans(info, spans, options, ffmpeg, jobs, advance)
        else:
            cuts = _cut_all(info, spans, fmt, options, ffmpeg, jobs, advance)
        rows: list[ClipRow] = []
        for t, span, got in zip(todo, spans, cuts, strict=True):
            if got is None:
                warnings.append(Diagnostic(transcript, t.line, f"turn {t.index} at {timecode.clock(t.start_ms)}"
                                           " has no audio (past the end); no clip"))
                continue
            rows.append(ClipRow(t.index, t.speaker.key, t.speaker.name, got.start_ms, got.end_ms, t.text,
                                span.path.name))
        files = [(manifest[0], manifest_csv(rows)), (manifest[1], manifest_json(rows, info, fmt, options.mode))]
        commit([(c.tmp, c.span.path) for c in cuts if c is not None], files, protect=protect, force=options.force)
    return ClipReport(tuple(rows), tuple(warnings), out_dir, manifest[0], manifest[1], fmt,
                      options.mode)


def neighbour_bounds(turns: Sequence[Turn]) -> dict[int, tuple[int, int | None]]:
    """For each turn with words: where the turn before it ends and the one after it starts
    (never inside the turn's own words), the limits of its clip."""
    spoken = [t for t in turns if t.words]
    out: dict[int, tuple[int, int | None]] = {}
    for k, t in enumerate(spoken):
        floor = min(spoken[k - 1].end_ms, t.start_ms) if k else 0
        ceiling = max(spoken[k + 1].start_ms, t.end_ms) if k + 1 < len(spoken) else None
        out[t.index] = (floor, ceiling)
    return out


def _copy_spans(info: AudioInfo, spans: Sequence[Span], options: ClipOptions,
                ffmpeg: Path | None, jobs: int, advance: Callable[[int], None]) -> list[Cut | None]:
    """Stream-copy the spans in a few ffmpeg runs (each cuts many), ``jobs`` at a time."""
    _, early_ms = audio.copy_format(info)
    cut_at = [s.bounded(max(0, s.start_ms - options.pad_ms), s.end_ms + options.pad_ms) for s in spans]
    copies = [audio.CopyJob(max(0, a - early_ms), b, s.path, s.tags)
              for (a, b), s in zip(cut_at, spans, strict=True)]
    size = min(100, max(1, -(-len(copies) // max(1, jobs))))
    groups = [list(range(k, min(k + size, len(copies)))) for k in range(0, len(copies), size)]
    results: list[Cut | None] = [None] * len(spans)
    finished: queue.SimpleQueue[int] = queue.SimpleQueue()

    def task(group: list[int], stop: threading.Event) -> None:
        if stop.is_set():
            return
        temps = audio.stream_copy(info, [copies[k] for k in group], ffmpeg, stop)
        for k, tmp in zip(group, temps, strict=True):
            results[k] = Cut(spans[k], tmp, *cut_at[k])
        finished.put(len(group))

    return _all_or_none(results, [functools.partial(task, g) for g in groups], jobs, advance, finished)


def _source(audio_path: Path, options: ClipOptions) -> tuple[Path | None, AudioInfo, AudioFormat]:
    """ffmpeg, what the recording holds, and the clips' format; an error if ffmpeg is needed and absent."""
    ffmpeg = options.ffmpeg
    info = audio.probe(Path(audio_path), ffmpeg)
    fmt = output_format(info, options)
    if fmt is not AudioFormat.WAV or options.mode is CutMode.COPY:
        audio.require_ffmpeg(ffmpeg, f"write {fmt.value} clips (WAV works without it)")
    return ffmpeg, info, fmt


@dataclass(frozen=True, slots=True)
class Clip:
    """One clip cut by ``export_clip`` into ``tmp``, to be published at ``path``
    (``align.outputs.commit``), and where it was cut in the source."""

    path: Path
    tmp: Path
    start_ms: int
    end_ms: int
    warnings: tuple[Diagnostic, ...]


def export_clip(turns: Sequence[Turn], audio_path: Path, start_ms: int, end_ms: int, out_dir: Path,
                stem: str, options: ClipOptions = ClipOptions(),  # noqa: B008 (frozen: safe to share)
                *, snap: Snap | None = None, tags: dict[str, str] | None = None,
                protect: Sequence[Path] = (), also: Sequence[Path] = (),
                floor_ms: int = 0, ceiling_ms: int | None = None) -> Clip:
    """Cut ``[start_ms, end_ms)`` of the recording (padded and snapped as ``options`` say,
    never before ``floor_ms`` or past ``ceiling_ms``: the words around it) into a temporary
    file, for ``out_dir/stem.<format>``; the caller publishes it.

    ``turns`` (the whole transcript) are only for checking the audio's length against it.
    ``also`` are other files the caller will write beside the clip: they are checked too,
    before anything is cut, so nothing is half done.
    """
    ffmpeg, info, fmt = _source(audio_path, options)
    path = out_dir / f"{stem}.{fmt.value}"
    check_targets([path, *also], [info.path, *protect], force=options.force)
    warnings = tuple(duration_warnings(info, turns))
    if info.duration_ms is not None and start_ms >= info.duration_ms:
        raise NoAudioError(info.path, start_ms, info.duration_ms)
    make_folder(out_dir)
    tags = {"album": options.album or info.path.stem, **(tags or {})}
    span = Span(start_ms, end_ms, path, tags, floor_ms, ceiling_ms)
    if options.mode is CutMode.COPY:
        _, early = audio.copy_format(info)
        start, end = max(0, start_ms - options.pad_ms), end_ms + options.pad_ms
        tmp = audio.stream_copy(info, [audio.CopyJob(max(0, start - early), end, path, tags)], ffmpeg)[0]
        got: Cut | None = Cut(span, tmp, start, end)
    else:
        decoder = Decoder(info, ffmpeg)
        try:
            got = cut(decoder, span, fmt, options, snap)
        finally:
            decoder.close()
    if got is None:
        raise NoAudioError(info.path, start_ms, info.duration_ms)
    return Clip(path, got.tmp, got.start_ms, got.end_ms, warnings)


class NoAudioError(AlignError):
    """The recording has nothing where a clip should start."""

    def __init__(self, path: Path, start_ms: int, duration_ms: int | None) -> None:
        self.path, self.start_ms, self.duration_ms = path, start_ms, duration_ms
        ends = f" (it ends at {timecode.clock(duration_ms)})" if duration_ms is not None else ""
        super().__init__(f"{shown(path)} has no audio at {timecode.clock(start_ms)}{ends}; "
                         "is it the right recording?")

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

from align import audio
from align.audio import AudioFormat, AudioInfo
from align.clips.choosing import (
    MANIFEST,
    ClipOptions,
    ClipRow,
    CutMode,
    clip_name,
    clock,
    duration_warnings,
    excerpt,
    manifest_csv,
    manifest_json,
    output_format,
    select_turns,
)
from align.clips.cutting import Decoder, Span, cut
from align.errors import Diagnostic, OutputError
from align.model import Turn
from align.writers import check_targets

Progress = Callable[[int], object]  # called with the number of clips just finished

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
                      options: ClipOptions = ClipOptions(),  # noqa: B008 (frozen: safe to share)
                      *, progress: Progress | None = None,
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
    bounds = neighbour_bounds(turns)
    spans = [Span(t.start_ms, t.end_ms, path,
                  {"title": excerpt(t.text), "artist": t.speaker.name, "album": album}, *bounds[t.index])
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
                ffmpeg: Path | None, jobs: int, progress: Progress | None
                ) -> list[tuple[int, int] | None]:
    """Stream-copy the spans in a few ffmpeg runs (each cuts many), ``jobs`` at a time."""
    _, early_ms = audio.copy_format(info)
    cut_at = [s.bounded(max(0, s.start_ms - options.pad_ms), s.end_ms + options.pad_ms) for s in spans]
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

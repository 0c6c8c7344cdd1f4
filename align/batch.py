"""Many episodes in one run: which transcript goes with which recording and output,
what is already done, and the work itself, episode by episode, a few at a time.

``run_episode`` is the whole of one episode's work as a function of its paths and the
settings, with no state shared between calls: a run here uses worker processes, and a
scheduler on a cluster could call it the same way.
"""

from __future__ import annotations

import csv
import enum
import functools
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from align.cues import DEFAULT_PROFILE, LabelMode
from align.errors import AlignError, Diagnostic, InputError, OptionError, shown
from align.jobs import Reading, captions_job
from align.processes import in_processes
from align.progress import SILENT, Progress, stage
from align.writers import DEFAULT_FORMATS, targets

AUDIO_SUFFIXES = (".mp3", ".wav", ".m4a", ".aac", ".ogg", ".opus", ".flac", ".mp4", ".webm")


@dataclass(frozen=True, slots=True)
class Episode:
    """One transcript, its recording (None: text-only timing) and where its captions go
    (a folder, or a file named like a caption file)."""

    transcript: Path
    audio: Path | None
    output: Path
    problem: str = ""  # found while planning (no recording by that name): the episode fails


@dataclass(frozen=True, slots=True)
class Settings:
    """What every episode of a run shares: the same as ``align captions``'s options."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    profile: str = DEFAULT_PROFILE
    labels: LabelMode = LabelMode.INITIALS
    speaker_map: Mapping[str, str] = field(default_factory=dict)
    strict: bool = False
    input_format: str | None = None
    ffmpeg: Path | None = None
    refine: bool = True
    workers: int = 2
    force: bool = False


class Status(enum.Enum):
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Outcome:
    episode: Episode
    status: Status
    files: tuple[Path, ...] = ()
    cues: int = 0
    seconds: float = 0.0
    message: str = ""  # why it failed or was skipped
    warnings: tuple[Diagnostic, ...] = ()


# ---------------------------------------------------------------- planning


def plan(transcripts: Sequence[Path], output: Path, *, audio: Path | None = None,
         audio_dir: Path | None = None) -> list[Episode]:
    """Episodes for transcripts given by name: the recording named like each one in
    ``audio_dir`` (or ``audio`` for a single transcript), the captions into ``output``."""
    if audio is not None and len(transcripts) > 1:
        raise OptionError("audio", "one recording cannot go with several transcripts; put the recordings "
                                   "in a folder, named like their transcripts")
    episodes = []
    for transcript in transcripts:
        try:
            recording = audio if audio is not None else (find_audio(transcript, audio_dir) if audio_dir else None)
        except InputError as exc:
            episodes.append(Episode(transcript, None, output, str(exc)))
            continue
        episodes.append(Episode(transcript, recording, output))
    return episodes


def find_audio(transcript: Path, folder: Path) -> Path:
    """The recording in ``folder`` named like ``transcript`` (``ep12.txt`` → ``ep12.mp3``)."""
    found = [folder / f"{transcript.stem}{suffix}" for suffix in AUDIO_SUFFIXES
             if (folder / f"{transcript.stem}{suffix}").is_file()]
    if not found:
        raise InputError(transcript, f"no recording named {transcript.stem}.* in {shown(folder)}")
    if len(found) > 1:
        raise InputError(transcript, f"two recordings could be its own: {', '.join(p.name for p in found)}")
    return found[0]


MANIFEST_COLUMNS = ("transcript", "audio", "output")


def read_manifest(path: Path, default_output: Path) -> list[Episode]:
    """Episodes from a CSV file with a ``transcript`` column and optional ``audio`` and
    ``output`` columns; relative paths are relative to the CSV file's folder."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})") from exc
    rows = list(csv.DictReader(text.splitlines()))
    columns = set(rows[0]) if rows else set()
    if "transcript" not in columns:
        raise InputError(path, "needs a header line with a 'transcript' column (and 'audio', 'output' if wanted)",
                         line=1)
    unknown = sorted(c for c in columns if c not in MANIFEST_COLUMNS)
    if unknown:
        raise InputError(path, f"unknown column {unknown[0]!r}; the columns are {', '.join(MANIFEST_COLUMNS)}",
                         line=1)
    base = path.parent
    episodes = []
    for number, row in enumerate(rows, start=2):
        transcript = (row.get("transcript") or "").strip()
        if not transcript:
            raise InputError(path, "a row without a transcript", line=number)
        recording = (row.get("audio") or "").strip()
        output = (row.get("output") or "").strip()
        episodes.append(Episode(base / transcript, base / recording if recording else None,
                                base / output if output else default_output))
    return episodes


def outputs(episode: Episode, formats: Sequence[str]) -> list[Path]:
    """The files an episode's captions are written to."""
    return [path for path, _ in targets(episode.output, episode.transcript.stem, formats)]


def check_plan(episodes: Sequence[Episode], formats: Sequence[str]) -> None:
    """Refuse a run in which two episodes would write the same file."""
    seen: dict[Path, Path] = {}
    for episode in episodes:
        for path in outputs(episode, formats):
            key = path.resolve()
            if key in seen:
                raise InputError(episode.transcript, f"would write {shown(path)}, as {shown(seen[key])} does; "
                                                     "give them different names or output folders")
            seen[key] = episode.transcript


def up_to_date(episode: Episode, formats: Sequence[str]) -> bool:
    """Every output exists and is newer than the transcript and the recording."""
    try:
        inputs = [episode.transcript.stat().st_mtime]
        if episode.audio is not None:
            inputs.append(episode.audio.stat().st_mtime)
        return all(p.stat().st_mtime >= max(inputs) for p in outputs(episode, formats))
    except OSError:
        return False


# ---------------------------------------------------------------- running


def run_episode(episode: Episode, settings: Settings) -> Outcome:
    """One episode's captions, written; a failure is an outcome, not an exception."""
    start = time.perf_counter()
    if episode.problem:
        return Outcome(episode, Status.FAILED, message=episode.problem)
    if not settings.force and up_to_date(episode, settings.formats):
        return Outcome(episode, Status.SKIPPED, tuple(outputs(episode, settings.formats)),
                       message="its captions are newer than its transcript and recording")
    reading = Reading(speaker_map=settings.speaker_map, strict=settings.strict, input_format=settings.input_format,
                      audio=episode.audio if settings.refine else None, ffmpeg=settings.ffmpeg,
                      workers=settings.workers, accept_mismatch=settings.force)
    try:
        written = captions_job(episode.transcript, episode.output, reading, formats=settings.formats,
                               profile=settings.profile, labels=settings.labels, force=settings.force)
    except AlignError as exc:
        return Outcome(episode, Status.FAILED, seconds=time.perf_counter() - start, message=str(exc))
    return Outcome(episode, Status.DONE, written.files, len(written.captions.cues), time.perf_counter() - start,
                   warnings=written.captions.diagnostics)


def run_batch(episodes: Sequence[Episode], settings: Settings, *, jobs: int = 1, progress: Progress = SILENT,
              done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Every episode, ``jobs`` at a time (each in a process of its own), in order of the list.

    A failed episode does not stop the others. ``done`` hears of each outcome as it comes.
    """
    check_plan(episodes, settings.formats)
    outcomes: list[Outcome | None] = [None] * len(episodes)
    with stage("episodes", progress, len(episodes), "episodes") as advance:
        if jobs <= 1 or len(episodes) <= 1:
            for k, episode in enumerate(episodes):
                outcomes[k] = run_episode(episode, settings)
                _tell(done, outcomes[k])
                advance(1)
        else:
            # Each episode aligns on its share of the cores.
            shared = replace(settings, workers=max(1, settings.workers // jobs))
            for k, found in in_processes(functools.partial(run_episode, settings=shared), episodes, jobs):
                outcomes[k] = found if isinstance(found, Outcome) else Outcome(
                    episodes[k], Status.FAILED, message=f"the worker stopped: {found}")
                _tell(done, outcomes[k])
                advance(1)
    return [o for o in outcomes if o is not None]


def _tell(done: Callable[[Outcome], None] | None, outcome: Outcome | None) -> None:
    if done is not None and outcome is not None:
        done(outcome)

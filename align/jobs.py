"""One function a command: what ``align captions``, ``info``, ``clips`` and ``quote`` do,
as functions of paths and options with no global state.

The command line parses its options into these calls and prints what they return; a
script or a batch scheduler can call them the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from align.clips import ClipOptions, ClipReport, export_turn_clips, file_stem
from align.cues import DEFAULT_PROFILE, LabelMode, Profile
from align.outputs import commit, discard
from align.pipeline import Captions, cut_captions, read_and_time
from align.preview import PreviewReport, write_preview
from align.progress import SILENT, Progress, stage
from align.quote import QuoteClip, QuoteMatch, clip_quote, find_quote, quote_name, same_words
from align.summary import Summary, summarize
from align.timing import Timed, aligned
from align.writers import DEFAULT_FORMATS, write_captions, writer_for


@dataclass(frozen=True, slots=True)
class Reading:
    """How to read and time a transcript: shared by every command."""

    speaker_map: Mapping[str, str] = field(default_factory=dict)
    strict: bool = False
    input_format: str | None = None
    audio: Path | None = None  # refine word times against this recording
    ffmpeg: Path | None = None
    workers: int = 2
    accept_mismatch: bool = False  # a recording where most turns are not found is a warning, not an error

    def timed(self, transcript: Path, progress: Progress = SILENT, data: bytes | None = None) -> Timed:
        """The transcript (``data``, when given, is its content: standard input) read and timed."""
        return read_and_time(transcript, speaker_map=self.speaker_map, strict=self.strict,
                             input_format=self.input_format, audio=self.audio, ffmpeg=self.ffmpeg,
                             workers=self.workers, progress=progress, data=data,
                             accept_mismatch=self.accept_mismatch)


@dataclass(frozen=True, slots=True)
class Written:
    captions: Captions
    files: tuple[Path, ...]


def captions_job(transcript: Path, out_dir: Path, reading: Reading = Reading(),
                 *, formats: Sequence[str] = DEFAULT_FORMATS, profile: str | Profile = DEFAULT_PROFILE,
                 labels: LabelMode = LabelMode.INITIALS, force: bool = False,
                 progress: Progress = SILENT, data: bytes | None = None) -> Written:
    """Captions for ``transcript`` written into ``out_dir`` in ``formats``, all or none."""
    writers = [writer_for(f) for f in formats]  # an unknown format fails before any work
    captions = cut_captions(reading.timed(transcript, progress, data), profile, labels)
    with stage("writing"):
        files = write_captions(captions, out_dir, writers, force=force)
    return Written(captions, tuple(files))


def render_job(transcript: Path, fmt: str, reading: Reading = Reading(),
               *, profile: str | Profile = DEFAULT_PROFILE, labels: LabelMode = LabelMode.INITIALS,
               progress: Progress = SILENT, data: bytes | None = None) -> tuple[Captions, str]:
    """Captions for ``transcript`` in one format, as text (for standard output)."""
    writer = writer_for(fmt)
    captions = cut_captions(reading.timed(transcript, progress, data), profile, labels)
    return captions, writer.render(captions)


def info_job(transcript: Path, reading: Reading = Reading(),
             *, profile: str | Profile = DEFAULT_PROFILE, progress: Progress = SILENT,
             data: bytes | None = None) -> Summary:
    """What ``info`` prints: speakers, rate, warnings, and the alignment when there is audio."""
    return summarize(cut_captions(reading.timed(transcript, progress, data), profile))


def clips_job(transcript: Path, audio: Path, out_dir: Path, reading: Reading = Reading(),
              options: ClipOptions = ClipOptions(),  # noqa: B008 (frozen)
              *, progress: Progress = SILENT, data: bytes | None = None) -> tuple[Timed, ClipReport]:
    """A clip per selected turn of ``transcript`` cut from ``audio`` into ``out_dir``."""
    timed = reading.timed(transcript, progress, data)
    report = export_turn_clips(timed.turns, audio, out_dir, options, progress=progress,
                               transcript=str(transcript), protect=[transcript])
    return timed, report


def preview_job(transcript: Path, audio: Path, out_dir: Path, reading: Reading = Reading(),
                *, profile: str | Profile = DEFAULT_PROFILE, force: bool = False,
                progress: Progress = SILENT, data: bytes | None = None) -> tuple[Captions, PreviewReport]:
    """A page to listen to the captions on, with its captions and the recording, in ``out_dir``."""
    captions = cut_captions(reading.timed(transcript, progress, data), profile)
    return captions, write_preview(captions, audio, out_dir, force=force)


@dataclass(frozen=True, slots=True)
class QuoteResult:
    timed: Timed
    clip: QuoteClip
    captions: Captions
    files: tuple[Path, ...]  # the captions beside the clip

    @property
    def match(self) -> QuoteMatch:
        return self.clip.match


def quote_job(transcript: Path, words: str, audio: Path, out_dir: Path,
              reading: Reading = Reading(),
              options: ClipOptions = ClipOptions(),  # noqa: B008 (frozen)
              *, name: str | None = None, profile: str | Profile = DEFAULT_PROFILE,
              labels: LabelMode = LabelMode.NONE, formats: Sequence[str] = DEFAULT_FORMATS,
              progress: Progress = SILENT, data: bytes | None = None) -> QuoteResult:
    """Find ``words`` in the transcript, cut their clip, and write its captions beside it.

    The captions are cut by ``profile`` like any others, timed from the clip's start.
    Every file is checked before anything is cut; if the captions cannot be written,
    the clip is taken back.
    """
    writers = [writer_for(f) for f in formats]
    chosen = file_stem(name) if name is not None else None  # a bad name fails before any work
    timed = replace(reading, audio=None).timed(transcript, progress, data)
    match = find_quote(timed.turns, words)
    if reading.audio is not None:  # align the quote's turn and the words beside it, not the episode
        timed = aligned(timed, reading.audio, ffmpeg=reading.ffmpeg, workers=reading.workers, progress=progress,
                        accept_mismatch=reading.accept_mismatch, only={match.turn.index})
        match = same_words(match, timed.turns)
    stem = chosen or quote_name(match)
    beside = [out_dir / f"{stem}{w.suffix}" for w in writers]
    clip = clip_quote(timed.turns, match, audio, out_dir, options, stem=stem, also=beside, protect=[transcript])
    try:
        quoted = replace(timed, turns=(clip.as_turn(),))
        captions = cut_captions(quoted, profile, labels, end_ms=clip.end_ms - clip.start_ms)
        files = [(path, w.render(captions)) for path, w in zip(beside, writers, strict=True)]
    except BaseException:
        discard(clip.tmp)
        raise
    commit([(clip.tmp, clip.clip)], files, protect=[transcript, audio], force=options.force)
    return QuoteResult(timed, clip, captions, tuple(beside))

"""The ``align`` command line: a thin click layer over ``align.jobs``.

Each command parses its options (click types do the parsing), calls one library
function and prints what it returns. Library errors carry data; ``_hint`` turns them
into one line that names the options of the command at hand.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import signal
import sys
from collections.abc import Callable
from contextlib import ExitStack
from functools import wraps
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import click

from align import __version__, timecode
from align.audio import ENV_VAR, AudioFormat, FfmpegMissingError, find_ffmpeg
from align.audio.ffmpeg import FfmpegNotFoundError
from align.check import check_file
from align.clips import ClipOptions, CutMode, export_turn_clips, select_turns
from align.cues import DEFAULT_PROFILE, PROFILES, LabelMode, get_profile
from align.errors import (
    AlignError,
    CannotWriteError,
    Diagnostic,
    InputOverwriteError,
    OptionError,
    SpeakerError,
    TargetExistsError,
    shown,
)
from align.jobs import Reading, captions_job, clips_job, info_job, preview_job, quote_job
from align.readers import READERS
from align.summary import Summary
from align.writers import WRITERS

F = TypeVar("F", bound=Callable[..., Any])

# ---------------------------------------------------------------- option types


def _renames(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """``--speaker OLD=NEW`` (repeatable): speaker labels and their new names."""
    renames: dict[str, str] = {}
    for value in values:
        old, sep, new = value.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise click.BadParameter(f"{value!r}: write it as OLD=NEW, e.g. --speaker SF=SM", ctx, param)
        renames[old.strip()] = new.strip()
    return renames


def _turn_ranges(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[tuple[int, int], ...]:
    """``3-7``, ``12``, ``3-``, ``-7`` or a comma list of those, as inclusive ranges."""
    if value is None:
        return ()
    ranges = []
    for part in value.split(","):
        lo_text, dash, hi_text = (p.strip() for p in part.partition("-"))
        if not (lo_text or hi_text) or not all(t.isdigit() for t in (lo_text, hi_text) if t):
            raise click.BadParameter(f"{value!r}: write turn numbers like 3-7, 12 or 3-7,10-", ctx, param)
        lo = int(lo_text) if lo_text else 0
        hi = int(hi_text) if hi_text else (lo if not dash else 10**9)
        if hi < lo:
            raise click.BadParameter(f"{value!r}: {lo}-{hi} runs backwards; write {hi}-{lo}", ctx, param)
        ranges.append((lo, hi))
    return tuple(ranges)


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    """A comma-separated list of caption formats from the writer registry."""
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in value.split(",") if p.strip()))
    if not chosen or any(f not in WRITERS for f in chosen):
        raise click.BadParameter(f"{value!r}: choose from {', '.join(WRITERS)} (comma-separated)", ctx, param)
    return chosen


def _seconds_option(most: float) -> click.FloatRange:
    return click.FloatRange(min=0, max=most)


def _finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds", ctx, param)
    return value


# ---------------------------------------------------------------- errors and warnings


def _hint(exc: AlignError, command: str) -> str:
    """The one-line message for ``exc``, with the hint that names this command's options."""
    message = str(exc)
    if isinstance(exc, TargetExistsError):
        return f"{message}; add --force to replace it, or choose another folder with -o"
    if isinstance(exc, InputOverwriteError | CannotWriteError):
        return f"{message}; choose another folder with -o"
    if isinstance(exc, SpeakerError):
        flag = f"--speaker {exc.wanted}=…" if exc.renaming else f"--only {exc.wanted}"
        return f"{flag}: {message}"
    if isinstance(exc, FfmpegNotFoundError):
        origin = "--ffmpeg" if exc.origin == "argument" else exc.origin
        return f"{origin} {exc.value}: no such program; install it (apt install ffmpeg) or pass --ffmpeg PATH"
    if isinstance(exc, FfmpegMissingError):
        return f"{message} (or pass --ffmpeg PATH)"
    if isinstance(exc, OptionError):
        return f"{_OPTION_FLAGS.get(exc.option, exc.option)}: {message}{_OPTION_FIXES.get(exc.option, '')}"
    return message


_OPTION_FLAGS = {"pad_ms": "--pad", "fade_ms": "--fade", "jobs": "--jobs", "turns": "--only/--turns",
                 "format": "--format", "mode": "--copy", "speaker_map": "--speaker", "name": "--name"}
_OPTION_FIXES = {"fade_ms": "; drop --copy or --fade", "format": "; drop --format or --copy",
                 "turns": "; run `align info` to see the speakers and turns"}


def _fails_cleanly(func: F) -> F:
    """Turn an AlignError into one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AlignError as exc:
            click.echo(f"Error: {_hint(exc, func.__name__)}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _warning_text(d: Diagnostic) -> str:
    if d.rename is None:
        return str(d)
    label, guess = d.rename
    fix = f"map it with --speaker {label}={guess}" if guess else f"name it with --speaker {label}='Full Name'"
    return f"{d}{' ' if d.message.endswith('?') else '; '}{fix}"


def _warn(diags: tuple[Diagnostic, ...]) -> None:
    for d in diags:
        click.echo(f"warning: {_warning_text(d)}", err=True)


# ---------------------------------------------------------------- shared options


def _reading_options(func: F) -> F:
    """--speaker, --input-format, --refine/--no-refine and --ffmpeg: how a transcript is read and timed."""
    func = click.option("--ffmpeg", metavar="PATH", default=None,
                        help=f"The ffmpeg program (default: ${ENV_VAR}, then PATH).")(func)
    # Kept in the context, not passed on, so that every command reads it through _reading().
    func = click.option("--input-format", type=click.Choice(list(READERS), case_sensitive=False), default=None,
                        expose_value=False, callback=lambda ctx, _, value: ctx.meta.update(input_format=value),
                        help="Read the transcript as this format (default: detected from its content).")(func)
    func = click.option("--refine/--no-refine", default=True, show_default=True,
                        help="Align word times to the audio (off: text-only timing).")(func)
    return click.option("--speaker", "renames", multiple=True, metavar="OLD=NEW", callback=_renames,
                        help="Rename or merge a speaker label, e.g. --speaker SF=SM. Repeatable.")(func)


def _reading(renames: dict[str, str], audio: Path | None, refine: bool, ffmpeg: str | None,
             strict: bool = False) -> Reading:
    input_format = click.get_current_context().meta.get("input_format")
    return Reading(speaker_map=renames, strict=strict, input_format=input_format, audio=audio if refine else None,
                   ffmpeg=find_ffmpeg(ffmpeg))


def _clip_options(func: F) -> F:
    """Options shared by ``clips`` and ``quote``."""
    func = click.option("--force", is_flag=True, help="Replace files that already exist.")(func)
    func = click.option("--copy", is_flag=True, help=_COPY_HELP)(func)
    func = click.option("--fade", type=_seconds_option(60), default=0.0, show_default=True, callback=_finite,
                        help="Fade in and out over this many seconds.")(func)
    func = click.option("--pad", type=_seconds_option(60), default=0.2, show_default=True, callback=_finite,
                        help="Seconds added at each end before snapping to the nearest quiet.")(func)
    func = click.option("--format", "audio_format", type=click.Choice([f.value for f in AudioFormat]),
                        default=None, help="Clip format (default: the source's if listed, else mp3).")(func)
    return click.option("--audio", type=click.Path(path_type=Path), required=True,
                        help="The recording to cut.")(func)


_COPY_HELP = (
    "Lossless stream copy: near-instant and no quality loss, but cuts fall on the codec's "
    "frames (about 26 ms for MP3), with no snapping to quiet and no fades. Without it "
    "clips are re-encoded: sample-accurate, snapped to the quietest point near each end."
)


def _clip_settings(reading: Reading, audio_format: str | None, copy: bool, pad: float, fade: float,
                   force: bool, **selection: Any) -> ClipOptions:
    """ClipOptions from the shared clip options (seconds on the command line, ms inside)."""
    return ClipOptions(
        format=AudioFormat(audio_format) if audio_format else None,
        mode=CutMode.COPY if copy else CutMode.REENCODE,
        pad_ms=round(pad * 1000),
        fade_ms=round(fade * 1000),
        force=force,
        ffmpeg=reading.ffmpeg,
        **selection,
    )


# ---------------------------------------------------------------- commands


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
@click.option("-v", "--verbose", is_flag=True, help="Log what each step does.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Captions, alignment and clips from timestamped interview transcripts.

    \b
    With no command, runs the demo: captions for the bundled sample
    transcript, aligned to its recording, and a clip per turn, into out/demo/.

    \b
    Examples:
      align captions episode.txt -o out/
      align captions episode.txt --format srt,vtt,json --profile bbc
      align captions episode.txt --speaker SF=SM --audio episode.mp3
      align info episode.txt --audio episode.mp3
      align clips episode.txt --audio episode.mp3 --only CL
      align quote episode.txt --audio episode.mp3 "the only secret about the atomic bomb"
      align preview episode.txt --audio episode.mp3
      align check out/episode.srt --profile bbc
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    if ctx.invoked_subcommand is None:
        demo()


DEMO = Path("out") / "demo"


@_fails_cleanly
def demo() -> None:
    """Captions for the bundled sample, aligned to its recording, and a clip per turn, into out/demo/."""
    if DEMO.exists():
        click.echo(f"{DEMO} holds the demo from an earlier run; remove it to run the demo again")
        return
    ffmpeg = find_ffmpeg()
    with ExitStack() as stack:
        sample = resources.files("align") / "sample"
        transcript = stack.enter_context(resources.as_file(sample / "sample.txt"))
        recording = stack.enter_context(resources.as_file(sample / "sample.mp3"))
        DEMO.mkdir(parents=True)
        shutil.copyfile(transcript, DEMO / "sample.txt")
        shutil.copyfile(recording, DEMO / "sample.mp3")
    transcript, recording = DEMO / "sample.txt", DEMO / "sample.mp3"
    audio = recording if ffmpeg is not None else None
    if audio is None:
        click.echo("note: ffmpeg is missing; captions use text-only timing, no clips", err=True)
    reading = Reading(speaker_map={"MA": "MO"}, audio=audio, ffmpeg=ffmpeg)
    written = captions_job(transcript, DEMO, reading, formats=("srt", "vtt", "json"))
    _warn(written.captions.diagnostics)
    click.echo(f"{len(written.captions.cues)} cues from {len(written.captions.turns)} turns → "
               + ", ".join(shown(p) for p in written.files))
    if audio is not None:
        _, report = clips_job(transcript, audio, DEMO / "clips", Reading(speaker_map={"MA": "MO"}, ffmpeg=ffmpeg),
                              ClipOptions(ffmpeg=ffmpeg))
        _warn(report.warnings)
        click.echo(f"{len(report.clips)} clips ({report.format.value}) → {shown(report.out_dir)}, "
                   f"with {report.manifest_csv.name} and {report.manifest_json.name}")


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the caption files.")
@click.option("--format", "formats", callback=_formats, default="srt,vtt", show_default=True,
              help=f"Comma-separated: {', '.join(WRITERS)}.")
@click.option("--profile", type=click.Choice(sorted(PROFILES), case_sensitive=False), default=DEFAULT_PROFILE,
              show_default=True, help="Caption style: line length, reading speed, durations.")
@click.option("--speaker-labels", type=click.Choice([m.value for m in LabelMode]), default=LabelMode.INITIALS.value,
              show_default=True,
              help="SRT speaker names: none; initials ('CL:') or names ('[Connor Leahy]') when the "
                   "speaker changes; every (a name on every cue). WebVTT always uses <v Name>.")
@click.option("--strict", is_flag=True, help="Treat malformed or backwards markers as errors.")
@click.option("--force", is_flag=True, help="Replace caption files that already exist.")
@click.option("--audio", type=click.Path(path_type=Path), default=None,
              help="The recording: refines timing against it.")
@_reading_options
@_fails_cleanly
def captions(transcript: Path, out_dir: Path, formats: tuple[str, ...], profile: str, speaker_labels: str,
             renames: dict[str, str], strict: bool, force: bool, audio: Path | None, refine: bool,
             ffmpeg: str | None) -> None:
    """Write captions (SRT, WebVTT, JSON) for TRANSCRIPT.

    \b
    Examples:
      align captions episode.txt
      align captions episode.txt -o subs/ --format srt,vtt,json --profile bbc
      align captions episode.txt --speaker SF=SM --speaker-labels initials
      align captions episode.txt --audio episode.mp3
    """
    reading = _reading(renames, audio, refine, ffmpeg, strict)
    written = captions_job(transcript, out_dir, reading, formats=formats, profile=profile,
                           labels=LabelMode(speaker_labels), force=force)
    _warn(written.captions.diagnostics)
    click.echo(f"{len(written.captions.cues)} cues from {len(written.captions.turns)} turns → "
               + ", ".join(shown(p) for p in written.files))


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("--audio", type=click.Path(path_type=Path), default=None,
              help="The recording: shows where each turn was found in it.")
@_reading_options
@_fails_cleanly
def info(transcript: Path, renames: dict[str, str], audio: Path | None, refine: bool,
         ffmpeg: str | None) -> None:
    """Show speakers, talk time, the fitted speaking rate and every warning.

    With --audio, also each turn's marker against where the turn was found in
    the recording, and the turns aligned with low confidence.

    \b
    Examples:
      align info episode.txt
      align info episode.txt --audio episode.mp3
    """
    summary = info_job(transcript, _reading(renames, audio, refine, ffmpeg))
    _print_info(summary)
    if summary.alignment is not None:
        _print_alignment(summary)


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/clips"),
              show_default=True, help="Folder for the clips and manifest.csv/json.")
@click.option("--only", "only", multiple=True, metavar="NAME",
              help="Only this speaker's turns (label or name). Repeatable.")
@click.option("--turns", "turn_range", callback=_turn_ranges, default=None, metavar="RANGE",
              help="Only these turns, counted from 0 as `align info --audio` lists them, e.g. 3-7 or 1,4,9-12.")
@click.option("--jobs", type=click.IntRange(min=0, max=1024), default=0, show_default=True,
              help="Clips cut at once (0: one per core).")
@_clip_options
@_reading_options
@_fails_cleanly
def clips(transcript: Path, out_dir: Path, only: tuple[str, ...], turn_range: tuple[tuple[int, int], ...],
          jobs: int, renames: dict[str, str], audio: Path, audio_format: str | None, pad: float,
          fade: float, copy: bool, force: bool, refine: bool, ffmpeg: str | None) -> None:
    """Cut one audio clip per speaker turn, with a manifest.

    \b
    Files are named like 0012_CL_00-05-51.mp3; manifest.csv and manifest.json
    list index, speaker, start, end, duration, text and file of each clip.

    \b
    Examples:
      align clips episode.txt --audio episode.mp3
      align clips episode.txt --audio episode.mp3 --only CL --turns 3-7 --format wav
      align clips episode.txt --audio episode.mp3 --copy -o clips/
    """
    reading = _reading(renames, audio, refine, ffmpeg)
    options = _clip_settings(reading, audio_format, copy, pad, fade, force, speakers=only,
                             turns=turn_range, jobs=jobs)
    if sys.stdout.isatty():
        timed = reading.timed(transcript)
        total = len(select_turns(timed.turns, options))
        with click.progressbar(length=total, label="cutting clips") as bar:
            report = export_turn_clips(timed.turns, audio, out_dir, options, progress=bar.update,
                                       transcript=str(transcript), protect=[transcript])
    else:
        timed, report = clips_job(transcript, audio, out_dir, reading, options)
    _warn(timed.diagnostics)
    _warn(report.warnings)
    how = "stream copy" if report.mode is CutMode.COPY else "re-encoded"
    click.echo(f"{len(report.clips)} clips ({report.format.value}, {how}) → {shown(report.out_dir)}, "
               f"with {report.manifest_csv.name} and {report.manifest_json.name}")


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.argument("words")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/quotes"),
              show_default=True, help="Folder for the clip and its .srt and .vtt.")
@click.option("--name", default=None, help="File name for the clip (default: from the quote's time and words).")
@click.option("--profile", type=click.Choice(sorted(PROFILES), case_sensitive=False), default=DEFAULT_PROFILE,
              show_default=True, help="Caption style of the quote's captions.")
@_clip_options
@_reading_options
@_fails_cleanly
def quote(transcript: Path, words: str, out_dir: Path, name: str | None, profile: str,
          renames: dict[str, str], audio: Path, audio_format: str | None, pad: float, fade: float,
          copy: bool, force: bool, refine: bool, ffmpeg: str | None) -> None:
    """Cut the clip of a quote, with its captions (SRT and VTT) beside it.

    The quote is found ignoring case, punctuation and typographic quotes, and
    small differences; each end then widens to the nearest pause. Its captions
    are cut by the profile and timed from the clip's start.

    \b
    Examples:
      align quote episode.txt --audio episode.mp3 "the only secret about the atomic bomb"
      align quote episode.txt --audio episode.mp3 "try your shot at linear algebra" --format wav
    """
    reading = _reading(renames, audio, refine, ffmpeg)
    options = _clip_settings(reading, audio_format, copy, pad, fade, force)
    result = quote_job(transcript, words, audio, out_dir, reading, options, name=name, profile=profile)
    _warn(result.timed.diagnostics)
    _warn(result.clip.warnings)
    clip = result.clip
    click.echo(f"{result.match.describe()} → {shown(clip.clip)} "
               f"({timecode.clock_tenths(clip.start_ms)}–{timecode.clock_tenths(clip.end_ms)}), "
               + ", ".join(p.name for p in result.files))


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/preview"),
              show_default=True, help="Folder for the page, its captions and the recording.")
@click.option("--profile", type=click.Choice(sorted(PROFILES), case_sensitive=False), default=DEFAULT_PROFILE,
              show_default=True, help="Caption style the captions are cut and checked for.")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.option("--audio", type=click.Path(path_type=Path), required=True, help="The recording to listen to.")
@_reading_options
@_fails_cleanly
def preview(transcript: Path, out_dir: Path, profile: str, force: bool, audio: Path,
            renames: dict[str, str], refine: bool, ffmpeg: str | None) -> None:
    """Write a page to listen to the captions on: player, transcript, speakers, problems.

    \b
    The folder holds NAME.html, NAME.vtt and the recording (a hard link to it,
    or a copy on another disk) and works opened from disk, with no network.
    Every word plays from where it is spoken; turns aligned with low confidence
    and captions that break the style are listed at the top.

    \b
    Examples:
      align preview episode.txt --audio episode.mp3
      align preview episode.txt --audio episode.mp3 -o review/ --profile bbc
    """
    captions, report = preview_job(transcript, audio, out_dir, _reading(renames, audio, refine, ffmpeg),
                                   profile=profile, force=force)
    _warn(captions.diagnostics)
    _warn(report.diagnostics)
    click.echo(f"{len(captions.cues)} cues from {len(captions.turns)} turns, {len(report.flags)} to look at → "
               f"{shown(report.page)}, with {report.captions.name} and {report.audio.name} "
               f"({report.placement.value})")


@cli.command()
@click.argument("captions_file", metavar="CAPTIONS", type=click.Path(path_type=Path))
@click.option("--profile", type=click.Choice(sorted(PROFILES), case_sensitive=False), default=DEFAULT_PROFILE,
              show_default=True, help="Caption style to check against.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@_fails_cleanly
def check(captions_file: Path, profile: str, as_json: bool) -> None:
    """Check an SRT or WebVTT file against a caption style; exit 1 on any error.

    \b
    One finding a line, as FILE:LINE: RULE: MESSAGE, then a summary.
    Errors (a viewer gets it wrong or never sees it): syntax, blank-line,
    empty-cue, escape (WebVTT), order, overlap, duration, line-length, lines.
    Warnings: reading-speed, min-duration, max-duration, gap (under 2 frames),
    top-heavy, numbering and timestamp (SRT).

    \b
    Examples:
      align check out/episode.srt
      align check episode.vtt --profile bbc --json
    """
    report = check_file(captions_file, get_profile(profile))
    if as_json:
        click.echo(json.dumps(report.to_document(), ensure_ascii=False, indent=1))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        click.echo(report.summary())
    if report.errors:
        sys.exit(1)


# ---------------------------------------------------------------- printing


def _print_info(summary: Summary) -> None:
    click.echo(f"{summary.source}: {summary.turns} turns, {summary.words} words, "
               f"{summary.cues} cues ({summary.profile}), ends at {timecode.clock(summary.ends_ms)}, "
               f"read as {summary.reader}")
    click.echo("speakers:")
    for sp in summary.speakers:
        click.echo(f"  {sp.key:<10} {sp.name:<20} {sp.turns:>3} turns  {sp.talk_ms / 60_000:5.1f} min  "
                   f"labels: {', '.join(sp.labels)}")
    rate = summary.rate
    fitted = f"fitted on {rate.fitted_on} marker spans" if rate.fitted_on else "default (too few markers)"
    click.echo(f"rate: {summary.words_per_minute:.0f} words/min while speaking, "
               f"pauses {rate.sentence_pause_s:.2f} s after sentences, {rate.clause_pause_s:.2f} s "
               f"after clauses, {rate.turn_gap_s:.2f} s between turns ({fitted})")
    click.echo(f"warnings: {len(summary.diagnostics)}")
    for d in summary.diagnostics:
        click.echo(f"  {_warning_text(d)}")


def _print_alignment(summary: Summary) -> None:
    alignment = summary.alignment
    assert alignment is not None
    reports = alignment.reports
    click.echo(f"alignment ({alignment.aligner}): {alignment.found} of {len(reports)} turns found in the audio")
    click.echo("  turn  line  speaker     marker    found at  offset  confidence")
    for r in reports:
        marker = timecode.clock(r.marker_ms) if r.marker_ms is not None else "-"
        at = timecode.clock_tenths(r.aligned_start_ms) if r.aligned_start_ms is not None else "not found"
        offset = f"{round(r.offset_ms / 100) / 10:+.1f} s" if r.offset_ms is not None else "-"  # never "-0.0"
        note = f"  {r.reason}" if r.reason else ""
        click.echo(f"  {r.index:>4}  {r.line:>4}  {r.speaker:<10}  {marker:>8}  {at:>10}  {offset:>6}  "
                   f"{r.confidence:10.2f}{note}")
    median = alignment.median_offset_ms
    if median is not None:
        click.echo(f"markers are {abs(median) / 1000:.1f} s {'early' if median >= 0 else 'late'} on the median")
    low = alignment.low_confidence
    click.echo(f"low confidence: {', '.join(str(i) for i in low) if low else 'none'}")


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so every temporary file is removed on the way out."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main() -> None:
    """The ``align`` program: exit 0 done, 1 error, 2 usage, 130 interrupted (143 terminated)."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(prog_name="align", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("Interrupted; nothing half-written was left behind.", err=True)
        sys.exit(130)
    except Terminated:
        click.echo("Terminated; nothing half-written was left behind.", err=True)
        sys.exit(143)

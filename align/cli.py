"""The ``align`` command line: a thin click layer over the library."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from align import __version__
from align.audio import ENV_VAR, AudioFormat, find_ffmpeg
from align.clips import ClipOptions, CutMode, export_turn_clips, parse_turn_range, select_turns
from align.errors import AlignError, Diagnostic
from align.pipeline import Captions, Format, make_captions, write_captions
from align.profiles import DEFAULT_PROFILE, PROFILES
from align.quote import export_quote, find_quote
from align.reader import format_time
from align.refine import LOW_CONFIDENCE
from align.speakers import parse_mapping
from align.writers import LabelMode

F = TypeVar("F", bound=Callable[..., Any])

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "transcripts" / "sample.txt"
SAMPLE_AUDIO = PROJECT / "media" / "sample.mp3"


def _fails_cleanly(func: F) -> F:
    """Turn an AlignError into one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AlignError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _warn(diags: tuple[Diagnostic, ...]) -> None:
    for d in diags:
        click.echo(f"warning: {d}", err=True)


def _formats(value: str) -> list[Format]:
    chosen = []
    for part in value.split(","):
        try:
            chosen.append(Format(part.strip().lower()))
        except ValueError:
            raise AlignError(f"--format {part!r}: choose from srt, vtt, json (comma-separated)") from None
    return chosen


def _audio_options(func: F) -> F:
    """--audio, --refine/--no-refine and --ffmpeg, shared by the commands that read audio."""
    func = click.option("--ffmpeg", metavar="PATH", default=None,
                        help=f"The ffmpeg program (default: ${ENV_VAR}, then PATH).")(func)
    func = click.option("--refine/--no-refine", default=True, show_default=True,
                        help="Align word times to the audio (off: text-only timing).")(func)
    return click.option("--audio", type=click.Path(path_type=Path), default=None,
                        help="The recording: refines timing against it.")(func)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
@click.option("-v", "--verbose", is_flag=True, help="Log what each step does.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Captions, alignment and clips from timestamped interview transcripts.

    \b
    With no command, runs the demo: captions for the bundled sample
    transcript, aligned to its recording, and a clip per turn, into out/.

    \b
    Examples:
      align captions episode.txt -o out/
      align captions episode.txt --format srt,vtt,json --profile bbc
      align captions episode.txt --speaker SF=SM --audio episode.mp3
      align info episode.txt --audio episode.mp3
      align clips episode.txt --audio episode.mp3 --speaker CL
      align quote episode.txt --audio episode.mp3 "the only secret about the atomic bomb"
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    if ctx.invoked_subcommand is None:
        _demo(ctx)


@_fails_cleanly
def _demo(ctx: click.Context) -> None:
    """Captions for the bundled sample, aligned to its recording, and a clip per turn, into out/."""
    audio = SAMPLE_AUDIO if SAMPLE_AUDIO.exists() and find_ffmpeg() is not None else None
    if audio is None:
        click.echo("note: ffmpeg or media/sample.mp3 is missing; captions use text-only timing, no clips", err=True)
    result = make_captions(SAMPLE, audio=audio)
    _warn(result.diagnostics)
    written = write_captions(result, PROJECT / "out", (Format.SRT, Format.VTT, Format.JSON), force=True)
    click.echo(f"{len(result.cues)} cues from {len(result.turns)} turns → " + ", ".join(str(p) for p in written))
    if audio is not None:
        report = export_turn_clips(result.turns, audio, PROJECT / "out" / "clips", ClipOptions(force=True),
                                   transcript=str(SAMPLE))
        _warn(report.warnings)
        click.echo(f"{len(report.clips)} clips ({report.format.value}) → {report.out_dir}, "
                   f"with {report.manifest_csv.name} and {report.manifest_json.name}")


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder for the caption files.")
@click.option("--format", "formats", default="srt,vtt", show_default=True,
              help="Comma-separated: srt, vtt, json.")
@click.option("--profile", type=click.Choice(sorted(PROFILES), case_sensitive=False), default=DEFAULT_PROFILE,
              show_default=True, help="Caption style: line length, reading speed, durations.")
@click.option("--speaker-labels", type=click.Choice([m.value for m in LabelMode]), default=LabelMode.INITIALS.value,
              show_default=True,
              help="SRT speaker names: none; initials ('CL:') or names ('[Connor Leahy]') when the "
                   "speaker changes; every (a name on every cue). WebVTT always uses <v Name>.")
@click.option("--speaker", "speakers", multiple=True, metavar="OLD=NEW",
              help="Rename or merge a speaker label, e.g. --speaker SF=SM. Repeatable.")
@click.option("--strict", is_flag=True, help="Treat malformed or backwards markers as errors.")
@click.option("--force", is_flag=True, help="Replace caption files that already exist.")
@_audio_options
@_fails_cleanly
def captions(transcript: Path, out_dir: Path, formats: str, profile: str, speaker_labels: str,
             speakers: tuple[str, ...], strict: bool, force: bool, audio: Path | None, refine: bool,
             ffmpeg: str | None) -> None:
    """Write captions (SRT, WebVTT, JSON) for TRANSCRIPT.

    \b
    Examples:
      align captions episode.txt
      align captions episode.txt -o subs/ --format srt,vtt,json --profile bbc
      align captions episode.txt --speaker SF=SM --speaker-labels initials
      align captions episode.txt --audio episode.mp3
    """
    chosen = _formats(formats)
    result = make_captions(
        transcript,
        profile=profile,
        labels=LabelMode(speaker_labels),
        speaker_map=parse_mapping(speakers),
        strict=strict,
        audio=audio if refine else None,
        ffmpeg=find_ffmpeg(ffmpeg),
        accept_mismatch=force,
    )
    _warn(result.diagnostics)
    written = write_captions(result, out_dir, chosen, force=force)
    click.echo(f"{len(result.cues)} cues from {len(result.turns)} turns → " + ", ".join(str(p) for p in written))


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("--speaker", "speakers", multiple=True, metavar="OLD=NEW",
              help="Rename or merge a speaker label, e.g. --speaker SF=SM.")
@_audio_options
@_fails_cleanly
def info(transcript: Path, speakers: tuple[str, ...], audio: Path | None, refine: bool, ffmpeg: str | None) -> None:
    """Show speakers, talk time, the fitted speaking rate and every warning.

    With --audio, also each turn's marker against where the turn was found in
    the recording, and the turns aligned with low confidence.

    \b
    Examples:
      align info episode.txt
      align info episode.txt --audio episode.mp3
    """
    result = make_captions(transcript, speaker_map=parse_mapping(speakers), audio=audio if refine else None,
                           ffmpeg=find_ffmpeg(ffmpeg), accept_mismatch=True)  # shows what was not found
    _print_info(result)
    if result.alignment is not None and result.alignment.reports:
        _print_alignment(result)


_COPY_HELP = (
    "Lossless stream copy: near-instant and no quality loss, but cuts fall on the codec's "
    "frames (about 26 ms for MP3), with no snapping to quiet and no fades. Without it "
    "clips are re-encoded: sample-accurate, snapped to the quietest point near each end."
)


def _clip_options(func: F) -> F:
    """Options shared by ``clips`` and ``quote``."""
    func = click.option("--force", is_flag=True, help="Replace files that already exist.")(func)
    func = click.option("--copy", is_flag=True, help=_COPY_HELP)(func)
    func = click.option("--fade", type=click.FloatRange(min=0), default=0.0, show_default=True,
                        help="Fade in and out over this many seconds.")(func)
    func = click.option("--pad", type=click.FloatRange(min=0), default=0.2, show_default=True,
                        help="Seconds added at each end before snapping to the nearest quiet.")(func)
    func = click.option("--format", "audio_format", type=click.Choice([f.value for f in AudioFormat]),
                        default=None, help="Clip format (default: the source's if listed, else mp3).")(func)
    func = click.option("--map", "mapping", multiple=True, metavar="OLD=NEW",
                        help="Rename or merge a speaker label, e.g. --map SF=SM. Repeatable.")(func)
    return func


def _clip_settings(audio_format: str | None, copy: bool, pad: float, fade: float, force: bool,
                   ffmpeg: str | None, **selection: Any) -> ClipOptions:
    """ClipOptions from the shared clip options (seconds on the command line, ms inside)."""
    return ClipOptions(
        format=AudioFormat(audio_format) if audio_format else None,
        mode=CutMode.COPY if copy else CutMode.REENCODE,
        pad_ms=round(pad * 1000),
        fade_ms=round(fade * 1000),
        force=force,
        ffmpeg=ffmpeg,
        **selection,
    )


def _timed_turns(transcript: Path, audio: Path, refine: bool, ffmpeg: str | None,
                 mapping: tuple[str, ...], force: bool) -> Captions:
    result = make_captions(transcript, speaker_map=parse_mapping(mapping), audio=audio if refine else None,
                           ffmpeg=find_ffmpeg(ffmpeg), accept_mismatch=force)
    _warn(result.diagnostics)
    return result


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("--audio", type=click.Path(path_type=Path), required=True, help="The recording to cut.")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/clips"),
              show_default=True, help="Folder for the clips and manifest.csv/json.")
@click.option("--speaker", "speakers", multiple=True, metavar="KEY",
              help="Only this speaker's turns (label or name). Repeatable.")
@click.option("--turns", "turn_range", default=None, metavar="RANGE",
              help="Only these turns, counted from 0 as `align info --audio` lists them, e.g. 3-7 or 1,4,9-12.")
@click.option("--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Clips cut at once (0: one per core).")
@_clip_options
@click.option("--refine/--no-refine", default=True, show_default=True,
              help="Align word times to the audio first (off: text-only timing).")
@click.option("--ffmpeg", metavar="PATH", default=None, help=f"The ffmpeg program (default: ${ENV_VAR}, then PATH).")
@_fails_cleanly
def clips(transcript: Path, audio: Path, out_dir: Path, speakers: tuple[str, ...], turn_range: str | None,
          jobs: int, mapping: tuple[str, ...], audio_format: str | None, pad: float, fade: float, copy: bool,
          force: bool, refine: bool, ffmpeg: str | None) -> None:
    """Cut one audio clip per speaker turn, with a manifest.

    \b
    Files are named like 0012_CL_00-05-51.mp3; manifest.csv and manifest.json
    list index, speaker, start, end, duration, text and file of each clip.

    \b
    Examples:
      align clips episode.txt --audio episode.mp3
      align clips episode.txt --audio episode.mp3 --speaker CL --turns 3-7 --format wav
      align clips episode.txt --audio episode.mp3 --copy -o clips/
    """
    options = _clip_settings(audio_format, copy, pad, fade, force, ffmpeg, speakers=speakers,
                             turns=parse_turn_range(turn_range) if turn_range else (), jobs=jobs)
    result = _timed_turns(transcript, audio, refine, ffmpeg, mapping, force)
    total = len(select_turns(result.turns, options))
    if sys.stdout.isatty() and total > 1:
        with click.progressbar(length=total, label="cutting clips") as bar:
            report = export_turn_clips(result.turns, audio, out_dir, options, progress=bar.update,
                                       transcript=str(transcript))
    else:
        report = export_turn_clips(result.turns, audio, out_dir, options, transcript=str(transcript))
    _warn(report.warnings)
    how = "stream copy" if report.mode is CutMode.COPY else "re-encoded"
    click.echo(f"{len(report.clips)} clips ({report.format.value}, {how}) → {report.out_dir}, "
               f"with {report.manifest_csv.name} and {report.manifest_json.name}")


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.argument("words")
@click.option("--audio", type=click.Path(path_type=Path), required=True, help="The recording to cut.")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/quotes"),
              show_default=True, help="Folder for the clip and its .srt and .vtt.")
@click.option("--name", default=None, help="File name for the clip (default: from the quote's time and words).")
@_clip_options
@click.option("--refine/--no-refine", default=True, show_default=True,
              help="Align word times to the audio first (off: text-only timing).")
@click.option("--ffmpeg", metavar="PATH", default=None, help=f"The ffmpeg program (default: ${ENV_VAR}, then PATH).")
@_fails_cleanly
def quote(transcript: Path, words: str, audio: Path, out_dir: Path, name: str | None, mapping: tuple[str, ...],
          audio_format: str | None, pad: float, fade: float, copy: bool, force: bool, refine: bool,
          ffmpeg: str | None) -> None:
    """Cut the clip of a quote, with its text as a one-cue SRT and VTT.

    The quote is found ignoring case, punctuation and typographic quotes, and
    small differences; each end then widens to the nearest pause.

    \b
    Examples:
      align quote episode.txt --audio episode.mp3 "the only secret about the atomic bomb"
      align quote episode.txt --audio episode.mp3 "try your shot at linear algebra" --format wav
    """
    options = _clip_settings(audio_format, copy, pad, fade, force, ffmpeg)
    result = _timed_turns(transcript, audio, refine, ffmpeg, mapping, force)
    match = find_quote(result.turns, words)
    report = export_quote(result.turns, match, audio, out_dir, options, name=name)
    _warn(report.warnings)
    click.echo(f"{match.describe()} → {report.clip} ({_clock_ms(report.start_ms)}–{_clock_ms(report.end_ms)}), "
               f"{report.srt.name}, {report.vtt.name}")


def _print_alignment(result: Captions) -> None:
    assert result.alignment is not None
    reports = result.alignment.reports
    found = [r for r in reports if r.aligned_start_ms is not None]
    click.echo(f"alignment ({result.alignment.aligner}): {len(found)} of {len(reports)} turns found in the audio")
    click.echo("  turn  line  speaker     marker    found at  offset  confidence")
    for r in reports:
        marker = format_time(r.marker_ms) if r.marker_ms is not None else "-"
        at = _clock_ms(r.aligned_start_ms) if r.aligned_start_ms is not None else "not found"
        offset = f"{round(r.offset_ms / 100) / 10:+.1f} s" if r.offset_ms is not None else "-"  # never "-0.0"
        note = f"  {r.reason}" if r.reason else ""
        click.echo(f"  {r.index:>4}  {r.line:>4}  {r.speaker:<10}  {marker:>8}  {at:>10}  {offset:>6}  "
                   f"{r.confidence:10.2f}{note}")
    for line in result.alignment.clock_lines:
        click.echo(line)
    low = [r for r in found if r.confidence < LOW_CONFIDENCE]
    click.echo(f"low confidence: {', '.join(str(r.index) for r in low) if low else 'none'}")


def _clock_ms(ms: int) -> str:
    return f"{format_time(ms)}.{ms % 1000 // 100}"


def _print_info(result: Captions) -> None:
    turns = result.turns
    click.echo(f"{result.source}: {len(turns)} turns, {sum(len(t.words) for t in turns)} words, "
               f"{len(result.cues)} cues ({result.profile.name}), ends at {format_time(turns[-1].end_ms)}")
    click.echo("speakers:")
    for sp in result.speakers:
        own = [t for t in turns if t.speaker == sp]
        talk = sum(t.end_ms - t.start_ms for t in own) / 1000
        labels = sorted({result.transcript.turns[t.index].label for t in own})
        click.echo(f"  {sp.key:<10} {sp.name:<20} {len(own):>3} turns  {talk / 60:5.1f} min  "
                   f"labels: {', '.join(labels)}")
    rate = result.rate
    words = sum(len(t.words) for t in turns)
    speech_s = sum(w.end_ms - w.start_ms for t in turns for w in t.words) / 1000
    fitted = f"fitted on {rate.fitted_on} marker spans" if rate.fitted_on else "default (too few markers)"
    click.echo(f"rate: {words / max(speech_s, 1e-3) * 60:.0f} words/min while speaking, "
               f"pauses {rate.sentence_pause_s:.2f} s after sentences, {rate.clause_pause_s:.2f} s "
               f"after clauses, {rate.turn_gap_s:.2f} s between turns ({fitted})")
    click.echo(f"warnings: {len(result.diagnostics)}")
    for d in result.diagnostics:
        click.echo(f"  {d}")


def main() -> None:
    cli(prog_name="align")

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
from align.errors import AlignError, Diagnostic
from align.pipeline import Captions, Format, make_captions, write_captions
from align.profiles import DEFAULT_PROFILE, PROFILES
from align.reader import format_time
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


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
@click.option("-v", "--verbose", is_flag=True, help="Log what each step does.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Captions, alignment and clips from timestamped interview transcripts.

    \b
    With no command, runs the demo: captions for the bundled sample
    transcript into out/.

    \b
    Examples:
      align captions episode.txt -o out/
      align captions episode.txt --format srt,vtt,json --profile bbc
      align captions episode.txt --speaker SF=SM --speaker-labels initials
      align info episode.txt
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    if ctx.invoked_subcommand is None:
        ctx.invoke(
            captions,
            transcript=SAMPLE,
            out_dir=PROJECT / "out",
            formats="srt,vtt,json",
            profile=DEFAULT_PROFILE,
            speaker_labels=LabelMode.INITIALS.value,
            speakers=(),
            strict=False,
            force=True,
        )


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
@_fails_cleanly
def captions(transcript: Path, out_dir: Path, formats: str, profile: str, speaker_labels: str,
             speakers: tuple[str, ...], strict: bool, force: bool) -> None:
    """Write captions (SRT, WebVTT, JSON) for TRANSCRIPT.

    \b
    Examples:
      align captions episode.txt
      align captions episode.txt -o subs/ --format srt,vtt,json --profile bbc
      align captions episode.txt --speaker SF=SM --speaker-labels initials
    """
    chosen = _formats(formats)
    result = make_captions(
        transcript,
        profile=profile,
        labels=LabelMode(speaker_labels),
        speaker_map=parse_mapping(speakers),
        strict=strict,
    )
    _warn(result.diagnostics)
    written = write_captions(result, out_dir, chosen, force=force)
    click.echo(f"{len(result.cues)} cues from {len(result.turns)} turns → " + ", ".join(str(p) for p in written))


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("--speaker", "speakers", multiple=True, metavar="OLD=NEW",
              help="Rename or merge a speaker label, e.g. --speaker SF=SM.")
@_fails_cleanly
def info(transcript: Path, speakers: tuple[str, ...]) -> None:
    """Show speakers, talk time, the fitted speaking rate and every warning.

    \b
    Example:
      align info episode.txt
    """
    result = make_captions(transcript, speaker_map=parse_mapping(speakers))
    _print_info(result)


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

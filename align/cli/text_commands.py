"""``captions`` (one episode or many), ``info`` and ``check``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from align import timecode
from align.batch import Outcome, Settings, Status, plan, read_manifest, run_batch
from align.check import check_file
from align.cli.common import (
    fails_cleanly,
    progress,
    reading,
    reading_options,
    say,
    transcript_source,
    verbosity_options,
    warn,
    warning_text,
)
from align.cues import DEFAULT_PROFILE, PROFILES, LabelMode, get_profile
from align.errors import shown
from align.jobs import captions_job, info_job, render_job
from align.summary import Summary, as_dict
from align.writers import DEFAULT_FORMATS, WRITERS


def _formats(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """A comma-separated list of caption formats from the writer registry (None: not given)."""
    if value is None:
        return None
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in value.split(",") if p.strip()))
    if not chosen or any(f not in WRITERS for f in chosen):
        raise click.BadParameter(f"{value!r}: choose from {', '.join(WRITERS)} (comma-separated)", ctx, param)
    return chosen


_PROFILE = click.option("--profile", type=click.Choice(sorted(PROFILES), case_sensitive=False),
                        default=DEFAULT_PROFILE, show_default=True,
                        help="Caption style: line length, reading speed, durations.")


@click.command()
@click.argument("transcripts", metavar="TRANSCRIPT...", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out", default="out", show_default=True, metavar="DIR|FILE|-",
              help="A folder for the caption files; a file named like one (ep.srt, ep.vtt, ep.json...) "
                   "for that file alone; - for standard output (one format).")
@click.option("--format", "formats", callback=_formats, default=None, metavar="LIST",
              help=f"Comma-separated: {', '.join(WRITERS)} [default: srt,vtt].")
@_PROFILE
@click.option("--speaker-labels", type=click.Choice([m.value for m in LabelMode]), default=LabelMode.INITIALS.value,
              show_default=True,
              help="SRT speaker names: none; initials ('CL:') or names ('[Connor Leahy]') when the "
                   "speaker changes; every (a name on every cue). WebVTT always uses <v Name>.")
@click.option("--strict", is_flag=True, help="Treat malformed or backwards markers as errors.")
@click.option("--force", is_flag=True, help="Replace caption files that already exist (and redo finished episodes).")
@click.option("--audio", type=click.Path(path_type=Path), default=None,
              help="The recording: refines timing against it.")
@click.option("--audio-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="For many transcripts: the folder of their recordings, matched by name (ep12.txt, ep12.mp3).")
@click.option("--manifest", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="A CSV file of episodes: columns transcript, audio, output.")
@click.option("--jobs", type=click.IntRange(min=1, max=64), default=1, show_default=True,
              help="Episodes processed at once.")
@reading_options
@verbosity_options
@fails_cleanly
def captions(transcripts: tuple[Path, ...], out: str, formats: tuple[str, ...] | None, profile: str,
             speaker_labels: str, strict: bool, force: bool, audio: Path | None, audio_dir: Path | None,
             manifest: Path | None, jobs: int, renames: dict[str, str], refine: bool, ffmpeg: str | None) -> None:
    """Write captions (SRT, WebVTT, JSON, text, Podcasting 2.0, TTML) for TRANSCRIPT.

    \b
    TRANSCRIPT may be - (standard input). With several transcripts, or
    --manifest, every episode is done in turn (--jobs at once): an episode
    whose captions are newer than its transcript and recording is skipped
    (--force redoes it), one that fails does not stop the others, and a table
    of what was done closes the run (exit status 1 if any failed).

    \b
    Examples:
      align captions episode.txt
      align captions episode.txt -o subs/ --format srt,vtt,json --profile bbc
      align captions episode.txt --speaker SF=SM --speaker-labels initials
      align captions episode.txt --audio episode.mp3 -o episode.srt
      align captions - -o - --format vtt < episode.txt > episode.vtt
      align captions episodes/*.txt --audio-dir recordings/ -o subs/ --jobs 2
      align captions --manifest episodes.csv
    """
    labels = LabelMode(speaker_labels)
    if manifest is not None or len(transcripts) > 1 or audio_dir is not None:
        _batch(transcripts, out, formats or DEFAULT_FORMATS, profile, labels, strict, force, audio, audio_dir,
               manifest, jobs, renames, refine, ffmpeg)
        return
    if not transcripts:
        raise click.UsageError("give a transcript, several, or --manifest")
    source, data = transcript_source(transcripts[0])
    settings = reading(renames, audio, refine, ffmpeg, strict, accept_mismatch=force)
    if out == "-":
        chosen = formats or DEFAULT_FORMATS
        if len(chosen) != 1:
            raise click.UsageError("-o - writes one format to standard output; choose it with --format, "
                                   "e.g. --format srt")
        result, text = render_job(source, chosen[0], settings, profile=profile, labels=labels, progress=progress(),
                                  data=data)
        warn(result.diagnostics)
        sys.stdout.write(text)
        return
    written = captions_job(source, Path(out), settings, formats=formats or DEFAULT_FORMATS, profile=profile,
                           labels=labels, force=force, progress=progress(), data=data)
    warn(written.captions.diagnostics)
    say(f"{len(written.captions.cues)} cues from {len(written.captions.turns)} turns → "
        + ", ".join(shown(p) for p in written.files))


def _batch(transcripts: tuple[Path, ...], out: str, formats: tuple[str, ...], profile: str, labels: LabelMode,
           strict: bool, force: bool, audio: Path | None, audio_dir: Path | None, manifest: Path | None, jobs: int,
           renames: dict[str, str], refine: bool, ffmpeg: str | None) -> None:
    if out == "-" or any(str(t) == "-" for t in transcripts):
        raise click.UsageError("standard input and output take one episode at a time")
    if manifest is not None and transcripts:
        raise click.UsageError("give transcripts or --manifest, not both")
    if manifest is not None and (audio is not None or audio_dir is not None):
        raise click.UsageError("--manifest names each episode's recording; drop --audio and --audio-dir")
    output = Path(out)
    episodes = read_manifest(manifest, output) if manifest is not None else plan(
        transcripts, output, audio=audio, audio_dir=audio_dir)
    settings = reading(renames, None, refine, ffmpeg, strict,
                       needs_audio=refine and any(e.audio is not None for e in episodes))
    batch = Settings(formats=formats, profile=profile, labels=labels, speaker_map=settings.speaker_map,
                     strict=strict, input_format=settings.input_format, ffmpeg=settings.ffmpeg, refine=refine,
                     force=force)

    def done(outcome: Outcome) -> None:
        warn(outcome.warnings)
        if outcome.status is Status.FAILED:
            click.echo(f"Error: {outcome.message}", err=True)

    outcomes = run_batch(episodes, batch, jobs=jobs, progress=progress(), done=done)
    _table(outcomes)
    if any(o.status is Status.FAILED for o in outcomes):
        sys.exit(1)


def _table(outcomes: list[Outcome]) -> None:
    rows = [("episode", "status", "cues", "seconds", "")]
    for o in outcomes:
        what = ", ".join(shown(p) for p in o.files) if o.status is Status.DONE else o.message
        rows.append((shown(o.episode.transcript), o.status.value, str(o.cues) if o.cues else "-",
                     f"{o.seconds:.1f}" if o.status is not Status.SKIPPED else "-", what))
    width = [max(len(r[k]) for r in rows) for k in range(4)]
    for r in rows:
        say(f"{r[0]:<{width[0]}}  {r[1]:<{width[1]}}  {r[2]:>{width[2]}}  {r[3]:>{width[3]}}  {r[4]}".rstrip())
    counts = {s: sum(1 for o in outcomes if o.status is s) for s in Status}
    say(f"{len(outcomes)} episodes: {counts[Status.DONE]} done, {counts[Status.SKIPPED]} skipped, "
        f"{counts[Status.FAILED]} failed")


@click.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("--audio", type=click.Path(path_type=Path), default=None,
              help="The recording: shows where each turn was found in it.")
@click.option("--json", "as_json", is_flag=True, help="Print it all as JSON.")
@reading_options
@verbosity_options
@fails_cleanly
def info(transcript: Path, audio: Path | None, as_json: bool, renames: dict[str, str], refine: bool,
         ffmpeg: str | None) -> None:
    """Show speakers, talk time, the fitted speaking rate and every warning.

    With --audio, also each turn's marker against where the turn was found in
    the recording, and the turns aligned with low confidence.

    \b
    Examples:
      align info episode.txt
      align info episode.txt --audio episode.mp3
      align info episode.txt --json
    """
    source, data = transcript_source(transcript)
    # info shows which turns were not found rather than refusing the recording
    summary = info_job(source, reading(renames, audio, refine, ffmpeg, accept_mismatch=True), progress=progress(),
                       data=data)
    if as_json:
        click.echo(json.dumps(as_dict(summary), ensure_ascii=False, indent=1))
        return
    _print_info(summary)
    if summary.alignment is not None:
        _print_alignment(summary)


@click.command()
@click.argument("captions_file", metavar="CAPTIONS", type=click.Path(path_type=Path))
@_PROFILE
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@verbosity_options
@fails_cleanly
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
            say(str(finding))
        say(report.summary())
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
        click.echo(f"  {warning_text(d)}")


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
    for line in alignment.clock:
        click.echo(line)
    low = alignment.low_confidence
    click.echo(f"low confidence: {', '.join(str(i) for i in low) if low else 'none'}")


COMMANDS = (captions, info, check)

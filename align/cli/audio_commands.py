"""``clips``, ``quote`` and ``preview``: the commands that cut or play the recording."""

from __future__ import annotations

from pathlib import Path

import click

from align import timecode
from align.cli.common import (
    clip_options,
    clip_settings,
    fails_cleanly,
    progress,
    reading,
    reading_options,
    say,
    transcript_source,
    verbosity_options,
    warn,
)
from align.clips import CutMode
from align.cues import DEFAULT_PROFILE, PROFILES
from align.errors import shown
from align.jobs import clips_job, preview_job, quote_job


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


@click.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/clips"),
              show_default=True, help="Folder for the clips and manifest.csv/json.")
@click.option("--only", "only", multiple=True, metavar="NAME",
              help="Only this speaker's turns (label or name). Repeatable.")
@click.option("--turns", "turn_range", callback=_turn_ranges, default=None, metavar="RANGE",
              help="Only these turns, counted from 0 as `align info --audio` lists them, e.g. 3-7 or 1,4,9-12.")
@click.option("--jobs", type=click.IntRange(min=0, max=1024), default=0, show_default=True,
              help="Clips cut at once (0: one per core).")
@clip_options
@reading_options
@verbosity_options
@fails_cleanly
def clips(transcript: Path, out_dir: Path, only: tuple[str, ...], turn_range: tuple[tuple[int, int], ...],
          jobs: int, audio: Path, audio_format: str | None, pad: float, fade: float, copy: bool, force: bool,
          renames: dict[str, str], refine: bool, ffmpeg: str | None) -> None:
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
    settings = reading(renames, audio, refine, ffmpeg, accept_mismatch=force)
    options = clip_settings(settings, audio_format, copy, pad, fade, force, speakers=only, turns=turn_range,
                            jobs=jobs)
    source, data = transcript_source(transcript)
    timed, report = clips_job(source, audio, out_dir, settings, options, progress=progress(), data=data)
    warn(timed.diagnostics)
    warn(report.warnings)
    how = "stream copy" if report.mode is CutMode.COPY else "re-encoded"
    say(f"{len(report.clips)} clips ({report.format.value}, {how}) → {shown(report.out_dir)}, "
        f"with {report.manifest_csv.name} and {report.manifest_json.name}")


@click.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.argument("words")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/quotes"),
              show_default=True, help="Folder for the clip and its .srt and .vtt.")
@click.option("--name", default=None, help="File name for the clip (default: from the quote's time and speaker).")
@click.option("--profile", type=click.Choice(sorted(PROFILES), case_sensitive=False), default=DEFAULT_PROFILE,
              show_default=True, help="Caption style of the quote's captions.")
@clip_options
@reading_options
@verbosity_options
@fails_cleanly
def quote(transcript: Path, words: str, out_dir: Path, name: str | None, profile: str, audio: Path,
          audio_format: str | None, pad: float, fade: float, copy: bool, force: bool, renames: dict[str, str],
          refine: bool, ffmpeg: str | None) -> None:
    """Cut the clip of a quote, with its captions (SRT and VTT) beside it.

    The quote is found ignoring case, punctuation and typographic quotes, and
    small differences; each end then widens to the nearest pause. Its captions
    are cut by the profile and timed from the clip's start.

    \b
    Examples:
      align quote episode.txt --audio episode.mp3 "the only secret about the atomic bomb"
      align quote episode.txt --audio episode.mp3 "try your shot at linear algebra" --format wav
    """
    settings = reading(renames, audio, refine, ffmpeg, accept_mismatch=force)
    options = clip_settings(settings, audio_format, copy, pad, fade, force)
    source, data = transcript_source(transcript)
    result = quote_job(source, words, audio, out_dir, settings, options, name=name, profile=profile,
                       progress=progress(), data=data)
    warn(result.timed.diagnostics)
    warn(result.clip.warnings)
    clip = result.clip
    say(f"{result.match.describe()} → {shown(clip.clip)} "
        f"({timecode.clock_tenths(clip.start_ms)}–{timecode.clock_tenths(clip.end_ms)}), "
        + ", ".join(p.name for p in result.files))


@click.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out/preview"),
              show_default=True, help="Folder for the page, its captions and the recording.")
@click.option("--profile", type=click.Choice(sorted(PROFILES), case_sensitive=False), default=DEFAULT_PROFILE,
              show_default=True, help="Caption style the captions are cut and checked for.")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
@click.option("--audio", type=click.Path(path_type=Path), required=True, help="The recording to listen to.")
@reading_options
@verbosity_options
@fails_cleanly
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
    source, data = transcript_source(transcript)
    settings = reading(renames, audio, refine, ffmpeg, accept_mismatch=force)
    captions, report = preview_job(source, audio, out_dir, settings, profile=profile, force=force,
                                   progress=progress(), data=data)
    warn(captions.diagnostics)
    warn(report.diagnostics)
    say(f"{len(captions.cues)} cues from {len(captions.turns)} turns, {len(report.flags)} to look at → "
        f"{shown(report.page)}, with {report.captions.name} and {report.audio.name} ({report.placement.value})")


COMMANDS = (clips, quote, preview)

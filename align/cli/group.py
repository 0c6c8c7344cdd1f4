"""The ``align`` group and the demo it runs with no command."""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from importlib import resources
from pathlib import Path

import click

from align import __version__
from align.audio import find_ffmpeg
from align.cli.common import fails_cleanly, say, verbosity_options, warn
from align.clips import ClipOptions
from align.errors import shown
from align.jobs import Reading, captions_job, clips_job

DEMO = Path("out") / "demo"


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
@verbosity_options
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Captions, alignment and clips from timestamped interview transcripts.

    \b
    With no command, runs the demo: captions for the bundled sample
    transcript, aligned to its recording, and a clip per turn, into out/demo/.

    \b
    Examples:
      align captions episode.txt -o out/
      align captions episode.txt --format srt,vtt,json --profile bbc
      align captions episode.txt --speaker SF=SM --audio episode.mp3
      align captions episodes/*.txt --audio-dir recordings/ --jobs 2
      align info episode.txt --audio episode.mp3
      align clips episode.txt --audio episode.mp3 --only CL
      align quote episode.txt --audio episode.mp3 "the only secret about the atomic bomb"
      align preview episode.txt --audio episode.mp3
      align check out/episode.srt --profile bbc
    """
    if ctx.invoked_subcommand is None:
        demo()


@fails_cleanly
def demo() -> None:
    """Captions for the bundled sample, aligned to its recording, and a clip per turn, into out/demo/."""
    if DEMO.exists():
        say(f"{DEMO} holds the demo from an earlier run; remove it to run the demo again")
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
    warn(written.captions.diagnostics)
    say(f"{len(written.captions.cues)} cues from {len(written.captions.turns)} turns → "
        + ", ".join(shown(p) for p in written.files))
    if audio is not None:
        _, report = clips_job(transcript, audio, DEMO / "clips", Reading(speaker_map={"MA": "MO"}, ffmpeg=ffmpeg),
                              ClipOptions(ffmpeg=ffmpeg))
        warn(report.warnings)
        say(f"{len(report.clips)} clips ({report.format.value}) → {shown(report.out_dir)}, "
            f"with {report.manifest_csv.name} and {report.manifest_json.name}")

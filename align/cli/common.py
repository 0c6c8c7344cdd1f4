"""What every command shares: one-line errors with hints for its own options, warnings,
-v and -q, the progress bar, and the options that read a transcript or cut audio."""

from __future__ import annotations

import logging
import math
import os
import sys
import threading
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from align.audio import ENV_VAR, AudioFormat, FfmpegMissingError, find_ffmpeg
from align.audio.ffmpeg import FfmpegNotFoundError
from align.clips import ClipOptions, CutMode
from align.errors import (
    AlignError,
    CannotWriteError,
    Diagnostic,
    InputOverwriteError,
    OptionError,
    SpeakerError,
    TargetExistsError,
)
from align.jobs import Reading
from align.readers import READERS
from align.readers.decode import MAX_BYTES
from align.refine import AudioMismatch

F = TypeVar("F", bound=Callable[..., Any])

STDIN = Path("stdin")  # how a transcript read from standard input is named

# ---------------------------------------------------------------- errors and warnings


def hint(exc: AlignError) -> str:
    """The one-line message for ``exc``, with the hint that names the option to change."""
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
    if isinstance(exc, AudioMismatch):
        return f"{message}; --force captions it anyway"
    if isinstance(exc, FfmpegMissingError):
        return f"{message} (or pass --ffmpeg PATH)"
    if isinstance(exc, OptionError):
        return f"{_OPTION_FLAGS.get(exc.option, exc.option)}: {message}{_OPTION_FIXES.get(exc.option, '')}"
    return message


_OPTION_FLAGS = {"pad_ms": "--pad", "fade_ms": "--fade", "jobs": "--jobs", "turns": "--only/--turns",
                 "format": "--format", "formats": "--format", "mode": "--copy", "speaker_map": "--speaker",
                 "name": "--name", "audio": "--audio"}
_OPTION_FIXES = {"fade_ms": "; drop --copy or --fade", "format": "; drop --format or --copy",
                 "turns": "; run `align info` to see the speakers and turns",
                 "audio": " (--audio-dir DIR)"}


def fails_cleanly(func: F) -> F:
    """Turn an AlignError into one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AlignError as exc:
            click.echo(f"Error: {hint(exc)}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def warning_text(d: Diagnostic) -> str:
    """A warning with the option that fixes it, where there is one."""
    if d.rename is None:
        return str(d)
    label, guess = d.rename
    fix = f"map it with --speaker {label}={guess}" if guess else f"name it with --speaker {label}='Full Name'"
    return f"{d}{' ' if d.message.endswith('?') else '; '}{fix}"


def warn(diags: tuple[Diagnostic, ...]) -> None:
    if quiet():
        return
    for d in diags:
        click.echo(f"warning: {warning_text(d)}", err=True)


def say(text: str) -> None:
    """A result line on standard output (nothing with -q)."""
    if not quiet():
        click.echo(text)


# ---------------------------------------------------------------- -v and -q, anywhere on the line


def _verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.ensure_object(dict)[param.name] = True
        root = ctx.find_root()
        root.ensure_object(dict)[param.name] = True
        if param.name == "verbose":
            _log_stages()
    return value


def verbosity_options(func: F) -> F:
    """``-v`` (log each stage and its duration) and ``-q`` (errors only)."""
    func = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_verbosity, is_eager=True,
                        help="Print errors only.")(func)
    return click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=_verbosity, is_eager=True,
                        help="Log each stage and how long it took.")(func)


def quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and (ctx.find_root().obj or {}).get("quiet"))


def _log_stages() -> None:
    log = logging.getLogger("align")
    if not any(getattr(h, "align_cli", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("align: %(message)s"))
        handler.align_cli = True  # type: ignore[attr-defined]
        log.addHandler(handler)
    log.setLevel(logging.INFO)


# ---------------------------------------------------------------- progress


class TerminalProgress:
    """A bar with the time left for each long stage, on a terminal only (never on a pipe or in CI)."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._lock = threading.Lock()

    @staticmethod
    def wanted() -> bool:
        return sys.stderr.isatty() and not quiet() and not os.environ.get("CI")

    def begin(self, what: str, total: int, unit: str) -> None:
        with self._lock:
            self._bar = click.progressbar(length=total, label=what, file=sys.stderr, show_eta=True,
                                          show_pos=True, item_show_func=None)
            self._bar.__enter__()

    def advance(self, done: int) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.update(done)

    def end(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.__exit__(None, None, None)
                self._bar = None


def progress() -> Any:
    """A terminal bar when someone is watching, else the library's silence."""
    from align.progress import SILENT

    return TerminalProgress() if TerminalProgress.wanted() else SILENT


# ---------------------------------------------------------------- reading a transcript


def reading_options(func: F) -> F:
    """--speaker, --input-format, --refine/--no-refine, --ffmpeg: how a transcript is read and timed."""
    func = click.option("--ffmpeg", metavar="PATH", default=None,
                        help=f"The ffmpeg program (default: ${ENV_VAR}, then PATH).")(func)
    # Kept in the context, not passed on, so that every command reads it through reading().
    func = click.option("--input-format", type=click.Choice(list(READERS), case_sensitive=False), default=None,
                        expose_value=False, callback=lambda ctx, _, value: ctx.meta.update(input_format=value),
                        help="Read the transcript as this format (default: detected from its content).")(func)
    func = click.option("--refine/--no-refine", default=True, show_default=True,
                        help="Align word times to the audio (off: text-only timing).")(func)
    return click.option("--speaker", "renames", multiple=True, metavar="OLD=NEW", callback=_renames,
                        help="Rename or merge a speaker label, e.g. --speaker SF=SM. Repeatable.")(func)


def _renames(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """``--speaker OLD=NEW`` (repeatable): speaker labels and their new names."""
    renames: dict[str, str] = {}
    for value in values:
        old, sep, new = value.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise click.BadParameter(f"{value!r}: write it as OLD=NEW, e.g. --speaker SF=SM", ctx, param)
        renames[old.strip()] = new.strip()
    return renames


def reading(renames: dict[str, str], audio: Path | None, refine: bool, ffmpeg: str | None,
            strict: bool = False, input_format: str | None = None, *, needs_audio: bool = False,
            accept_mismatch: bool = False) -> Reading:
    """How to read and time. ffmpeg is looked for when a recording will be read, or when
    named with --ffmpeg (a wrong one is an error even then); ALIGN_FFMPEG alone never
    stops a command that reads no recording. ``accept_mismatch`` (``--force``, or ``info``,
    which shows what was not found) captions a recording most turns are not found in."""
    input_format = input_format or click.get_current_context().meta.get("input_format")
    wanted = needs_audio or audio is not None or ffmpeg is not None
    return Reading(speaker_map=renames, strict=strict, input_format=input_format, audio=audio if refine else None,
                   ffmpeg=find_ffmpeg(ffmpeg) if wanted else None, accept_mismatch=accept_mismatch)


def transcript_source(transcript: Path) -> tuple[Path, bytes | None]:
    """The transcript's name and, for ``-``, its content from standard input."""
    if str(transcript) != "-":
        return transcript, None
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    return STDIN, data


# ---------------------------------------------------------------- cutting audio


COPY_HELP = (
    "Lossless stream copy: near-instant and no quality loss, but cuts fall on the codec's "
    "frames (about 26 ms for MP3), with no snapping to quiet and no fades. Without it "
    "clips are re-encoded: sample-accurate, snapped to the quietest point near each end."
)


def clip_options(func: F) -> F:
    """Options shared by ``clips`` and ``quote``."""
    func = click.option("--force", is_flag=True, help="Replace files that already exist.")(func)
    func = click.option("--copy", is_flag=True, help=COPY_HELP)(func)
    func = click.option("--fade", type=click.FloatRange(min=0, max=60), default=0.0, show_default=True,
                        callback=_finite, help="Fade in and out over this many seconds.")(func)
    func = click.option("--pad", type=click.FloatRange(min=0, max=60), default=0.2, show_default=True,
                        callback=_finite, help="Seconds added at each end before snapping to the nearest quiet.")(func)
    func = click.option("--format", "audio_format", type=click.Choice([f.value for f in AudioFormat]),
                        default=None, help="Clip format (default: the source's if listed, else mp3).")(func)
    return click.option("--audio", type=click.Path(path_type=Path), required=True,
                        help="The recording to cut.")(func)


def _finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds", ctx, param)
    return value


def clip_settings(settings: Reading, audio_format: str | None, copy: bool, pad: float, fade: float,
                  force: bool, **selection: Any) -> ClipOptions:
    """ClipOptions from the shared clip options (seconds on the command line, ms inside)."""
    return ClipOptions(
        format=AudioFormat(audio_format) if audio_format else None,
        mode=CutMode.COPY if copy else CutMode.REENCODE,
        pad_ms=round(pad * 1000),
        fade_ms=round(fade * 1000),
        force=force,
        ffmpeg=settings.ffmpeg,
        **selection,
    )

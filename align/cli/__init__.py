"""The ``align`` command line: a thin click layer over ``align.jobs`` and ``align.batch``.

Each command parses its options (click callbacks do the parsing), calls one library
function and prints what it returns. Library errors carry data; ``common.hint`` turns
them into one line that names the options of the command at hand. This package is
the only code that imports click.

Exit status: 0 done, 1 error, 2 usage, 130 interrupted (143 terminated).
"""

from __future__ import annotations

import signal
import sys

import click

from align.cli import audio_commands, text_commands
from align.cli.group import cli

__all__ = ["cli", "main"]

for _module in (text_commands, audio_commands):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so every temporary file is removed on the way out."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main() -> None:
    """The ``align`` program."""
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

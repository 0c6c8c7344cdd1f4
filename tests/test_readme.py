"""The README's ``### Options`` block says what each command's ``--help`` says.

The commands and their options are read from the click commands themselves, so a new
command or option fails this test until the README shows it. In the block each usage
line starts ``align COMMAND``; options in brackets are optional, those outside required;
a choice written with its values (``--profile netflix|bbc|dcmp``) lists them all (a long
one may stand as ``--input-format FORMAT``, its values told below). An option that bare
``align`` has too (``-v``, ``-q``) is shown once, on the ``align`` line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import click
import pytest

from align.cli import cli
from tests.support import ROOT


@dataclass(frozen=True)
class Usage:
    command: str  # "" for bare ``align``
    arguments: tuple[str, ...]
    flags: dict[str, str]  # flag -> what follows it ("OLD=NEW", "netflix|bbc|dcmp", "")
    optional: frozenset[str]  # flags written in brackets


def options_block(readme: str) -> str:
    """The text under ``### Options`` up to the next heading."""
    match = re.search(r"^### Options\n(.*?)(?=^#)", readme, re.M | re.S)
    assert match, "README.md has no '### Options' section"
    return match.group(1)


def usages(block: str) -> dict[str, Usage]:
    """The usage lines of the block (4-space indented, ``align ...``), with their continuation lines."""
    entries: list[str] = []
    for line in block.splitlines():
        if line.startswith("    align"):
            entries.append(line.strip())
        elif line.startswith("     ") and entries and line.strip().startswith("["):
            entries[-1] += " " + line.strip()
    found = {}
    for entry in entries:
        words = entry.split()[1:]
        command = words[0] if words and re.fullmatch(r"[a-z]+", words[0]) else ""
        rest = words[1:] if command else words
        arguments = tuple(w for w in " ".join(rest).split("[", 1)[0].split(" -", 1)[0].split() if w.isupper())
        flags = dict(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)(?:[ =]([^\s\[\]-][^\s\[\]]*))?", entry))
        bracketed = "".join(re.findall(r"\[[^\]]*\]", entry))
        optional = frozenset(f for f in flags if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", bracketed))
        assert command not in found, f"two usage lines for 'align {command}'"
        found[command] = Usage(command, arguments, flags, optional)
    return found


README = usages(options_block((ROOT / "README.md").read_text(encoding="utf-8")))
COMMANDS: dict[str, click.Command] = {"": cli, **cli.commands}


def _options(command: click.Command) -> list[click.Option]:
    ctx = click.Context(command, info_name="align")
    help_option = command.get_help_option(ctx)
    return [p for p in command.get_params(ctx) if isinstance(p, click.Option) and p is not help_option]


def test_every_command_has_a_usage_line_and_every_usage_line_a_command() -> None:
    assert sorted(README) == sorted(COMMANDS)


def _names(option: click.Option) -> set[str]:
    return set(option.opts) | set(option.secondary_opts)


GROUP_OPTIONS = [_names(o) for o in _options(cli)]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_usage_line_shows_every_option_and_argument_and_nothing_else(name: str) -> None:
    command, usage = COMMANDS[name], README[name]
    ctx = click.Context(command, info_name="align")
    arguments = tuple(p.make_metavar(ctx) for p in command.params if isinstance(p, click.Argument))
    assert usage.arguments == arguments
    documented = set(usage.flags)
    for option in _options(command):
        names = _names(option)
        if name and names in GROUP_OPTIONS and names & set(README[""].flags):
            continue  # -v, -q: shown on the bare align line
        shown = names & documented
        assert shown, f"align {name}: {'/'.join(option.opts + option.secondary_opts)} is not in the README"
        for flag in shown:
            assert (flag not in usage.optional) == option.required, f"align {name}: {flag} brackets"
            value = usage.flags[flag]
            if isinstance(option.type, click.Choice) and not value.isupper():  # written out, not FORMAT
                assert set(value.split("|")) == set(option.type.choices), f"align {name}: {flag} values"
        documented -= names
    assert documented == set(), f"align {name}: the README shows options the command does not have"


def test_the_parser_reads_what_the_block_shows() -> None:
    block = """
    align quote TRANSCRIPT WORDS --audio FILE [-o DIR] [--profile a|b]
                                 [--copy] [--refine/--no-refine]
    align [-v]
- `--not-a-usage-line` in prose
"""
    parsed = usages(block)
    assert parsed["quote"].arguments == ("TRANSCRIPT", "WORDS")
    assert usages("    align captions TRANSCRIPT... [-o DIR|FILE|-]")["captions"] == Usage(
        "captions", ("TRANSCRIPT...",), {"-o": "DIR|FILE|-"}, frozenset({"-o"}))
    assert parsed["quote"] == Usage(
        "quote", ("TRANSCRIPT", "WORDS"),
        {"--audio": "FILE", "-o": "DIR", "--profile": "a|b", "--copy": "", "--refine": "", "--no-refine": ""},
        frozenset({"-o", "--profile", "--copy", "--refine", "--no-refine"}))
    assert parsed[""] == Usage("", (), {"-v": ""}, frozenset({"-v"}))

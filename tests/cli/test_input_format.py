"""--input-format and the reader info names."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from align.cli import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "readers"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_info_names_the_reader_it_used() -> None:
    code, out, _ = _run("info", str(DATA / "otter.txt"))
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith(f"{DATA / 'otter.txt'}: 7 turns, 70 words, ") and first.endswith(", read as otter")


def test_a_named_format_is_used_whatever_the_file_looks_like(tmp_path: Path) -> None:
    code, out, _ = _run("info", str(DATA / "otter.txt"), "--input-format", "Plain")
    assert code == 0 and out.splitlines()[0].endswith("read as plain")
    code, out, _ = _run("captions", str(DATA / "zoom.vtt"), "--input-format", "captions", "-o", str(tmp_path))
    assert code == 0 and out.startswith("5 cues from 3 turns → ")


def test_an_unknown_format_is_a_usage_error() -> None:
    code, _, err = _run("info", str(DATA / "otter.txt"), "--input-format", "docx")
    assert code == 2 and "'docx' is not one of 'bracketed', 'captions', 'json'" in err

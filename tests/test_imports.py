"""The package's import graph: each stage imports only the stages before it.

Read from the source (the imports written in each module, wherever they stand, except
those under ``if TYPE_CHECKING:``), so the test sees what a module depends on, not what
importing ``align`` happens to load.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

import align

PACKAGE = Path(align.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str) -> set[str]:
    """Every module ``tree`` imports: ``from a import b`` counts ``a.b`` when that is a module,
    and ``a`` only for names ``a`` itself defines (a package's ``__init__`` runs before any of
    its modules, but that is Python's doing, not a dependency of the importer)."""
    found: set[str] = set()
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            found |= set().union(*(_imports(n, module) for n in node.orelse)) if node.orelse else set()
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
            found |= submodules
            if len(submodules) < len(node.names):  # names defined in the package itself
                found.add(base)
        found |= _imports(node, module)
    return found


@cache
def direct(module: str) -> frozenset[str]:
    return frozenset(_imports(ast.parse(MODULES[module].read_text(encoding="utf-8")), module))


@cache
def reaches(module: str) -> frozenset[str]:
    """Every align module ``module`` depends on, directly or through others."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        for name in direct(todo.pop()):
            if name in MODULES and name not in seen:
                seen.add(name)
                todo.append(name)
    return frozenset(seen)


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


STAGES = ("align.readers", "align.timing", "align.cues")


@pytest.mark.parametrize("stage", STAGES)
def test_reading_timing_and_cutting_import_no_writer_cli_or_clips(stage: str) -> None:
    for module in (m for m in MODULES if _in(m, stage)):
        bad = sorted(n for n in reaches(module) if _in(n, "align.writers") or _in(n, "align.clips")
                     or _in(n, "align.cli") or n in ("align.jobs", "align.quote"))
        assert bad == [], f"{module} reaches {bad}"


def test_only_the_command_line_imports_click() -> None:
    assert {m for m in MODULES if "click" in direct(m)} == {m for m in MODULES if _in(m, "align.cli")}


@pytest.mark.parametrize("module", ["align.summary", "align.quote", "align.clips", "align.refine", "align.check",
                                    "align.captionfile"])
def test_info_clips_and_quote_never_reach_the_caption_writers(module: str) -> None:
    assert not any(_in(n, "align.writers") for n in reaches(module))


def test_the_caption_writers_are_imported_on_the_captions_path_alone() -> None:
    importers = sorted(m for m in MODULES if not _in(m, "align.writers")
                       and any(_in(n, "align.writers") for n in direct(m)))
    # captions for one episode (jobs) or many (batch) and their command, and the preview,
    # which shows the captions as WebVTT (the package's API imports each name when used)
    assert importers == ["align.batch", "align.cli.text_commands", "align.jobs", "align.preview.source"]


def test_only_the_audio_package_runs_ffmpeg_or_imports_pydub() -> None:
    assert sorted(m for m in MODULES if "pydub" in direct(m)) == ["align.audio.levels"]
    assert sorted(m for m in MODULES if "subprocess" in direct(m)) == [
        "align.aligner.pronounce", "align.audio.copy", "align.audio.probe", "align.audio.read",
        "align.audio.write"]


def test_audio_modules_do_not_import_pydub() -> None:
    code = ("import sys, align.audio, align.clips, align.quote; "
            "print('pydub' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_graph_is_read_from_every_module() -> None:
    assert {"align", "align.cli", "align.readers.bracketed", "align.writers.srt"} <= set(MODULES)
    assert "align.readers.bracketed" in direct("align.readers")  # "from align.readers import bracketed"
    assert "align" not in direct("align.refine")  # "from align import audio, timecode": modules only
    assert "align.errors" in direct("align.readers.bracketed")
    assert "align.timecode" in reaches("align.readers")


def _loaded_after(code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", f"import sys; {code}; "
                          "print(' '.join(sorted(m for m in sys.modules if m.startswith('align'))))"],
                         capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_the_package_imports_its_names_only_when_they_are_used() -> None:
    assert _loaded_after("import align") == ["align"]
    assert "align.pipeline" in _loaded_after("import align; align.make_captions")
    assert "align.pipeline" not in _loaded_after("from align import Turn")
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        align.nothing  # noqa: B018
    # every exported name resolves (the table of where each comes from misses none)
    assert all(getattr(align, name) is not None for name in align.__all__)
    assert set(align.__all__) <= set(dir(align))


def test_an_aligner_worker_loads_no_reader_writer_or_command() -> None:
    # what a worker process imports to align: the stages before and after are not needed
    loaded = _loaded_after("import align.processes, align.aligner.sphinx")
    assert "align.aligner.sphinx" in loaded
    assert not [m for m in loaded if m.split(".")[1:2] and m.split(".")[1] in
                ("readers", "writers", "cues", "timing", "refine", "pipeline", "cli", "jobs", "clips")]

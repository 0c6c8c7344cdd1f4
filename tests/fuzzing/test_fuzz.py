"""The quick fuzz profile: a few hundred generated transcripts through the whole text path.

``bench/fuzz.py`` runs the same cases and oracles by the hundred thousand.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ..support import ROOT, SAMPLE, SEED
from .oracles import run_case, scratch_folder
from .strategies import Case, cases

QUICK = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    folder = scratch_folder()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@QUICK
@given(case=cases())
def test_the_text_path_keeps_every_word_and_writes_valid_files(case: Case, workdir: Path) -> None:
    outcome = run_case(case, workdir)
    assert not outcome.findings, "\n".join(str(f) for f in outcome.findings)


REAL = [*sorted((ROOT.parent / "shared" / "formats").glob("*.md")), SEED, SAMPLE]
STYLES = (("netflix", "initials"), ("bbc", "names"), ("dcmp", "every"))


@pytest.mark.parametrize(("path", "style"), [(p, STYLES[k % 3]) for k, p in enumerate(REAL)], ids=lambda p: p.name
                         if isinstance(p, Path) else "-".join(p))
def test_real_transcripts_hold_every_oracle(path: Path, style: tuple[str, str], workdir: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    data = path.read_bytes()
    # Otter, markdown and the rest keep their words by their readers' tests; here their tokens are
    # held to every stage after reading.
    outcome = run_case(Case(data, data.decode("utf-8"), "utf-8", "lf", *style, False, None), workdir,
                       text_oracle=False)
    assert outcome.rejected is None and not outcome.findings, "\n".join(str(f) for f in outcome.findings)

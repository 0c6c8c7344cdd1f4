"""The quick fuzz profile: a few hundred generated transcripts through the whole text path.

``bench/fuzz.py`` runs the same cases and oracles by the hundred thousand.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from .oracles import run_case, scratch_folder
from .strategies import Case, cases

QUICK = settings(max_examples=300, deadline=None,
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

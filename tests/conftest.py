"""The suite's one rule for skipping, and the fixtures every folder shares.

A test that needs something outside Python says so with a marker; it is skipped, with
the reason shown in the summary (``-rs``), only where that thing is absent:

    needs_ffmpeg        the ffmpeg program (apt install ffmpeg)
    needs_espeak        espeak-ng (apt install espeak-ng)
    needs_browser       Chromium, its driver and Selenium (the preview page's tests)
    needs_axe           axe-core (make test installs it into .venv/npm)
    needs_shared        ../shared beside the checkout (the user's transcript, real recordings)
    needs_unprivileged  a user whom file permissions stop (not root)

Nothing else skips: a test without a marker runs everywhere, and a test that reads
../shared without ``needs_shared`` fails (the ``seed`` fixture checks).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from align.aligner.pronounce import espeak_program
from tests.preview.browser import find_axe, find_chromium
from tests.support import SEED, SHARED, SHARED_AUDIO, WriteTranscript

# Hypothesis: few examples by default, so the suite stays quick on two busy cores, the same
# ones every run (derandomized: a run that lands is not failed by the next draw), and no
# deadline (timing on a shared machine is noise). HYPOTHESIS_PROFILE=thorough explores:
# more examples, drawn afresh each run.
settings.register_profile("default", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _program(name: str, install: str) -> Callable[[], str | None]:
    return lambda: None if shutil.which(name) else f"{name} is not installed ({install})"


def _browser() -> str | None:
    found = find_chromium()
    if isinstance(found, str):
        return found
    return None if importlib.util.find_spec("selenium") else "selenium is not installed (pip install -e '.[dev]')"


def _axe() -> str | None:
    found = find_axe()
    return found if isinstance(found, str) else None


# Each marker's check: None when the thing is there, else why the test cannot run.
NEEDS: dict[str, Callable[[], str | None]] = {
    "needs_ffmpeg": _program("ffmpeg", "apt install ffmpeg"),
    "needs_espeak": lambda: None if espeak_program() else "espeak-ng is not installed (apt install espeak-ng)",
    "needs_browser": _browser,
    "needs_axe": _axe,
    "needs_shared": lambda: None if SEED.is_file() and SHARED_AUDIO.is_dir() else (
        f"{SHARED} is not beside this checkout (the user's transcript and the reference recordings)"),
    "needs_unprivileged": lambda: None if os.geteuid() != 0 else "running as root, whom file permissions do not stop",
}


@functools.cache
def _absent(marker: str) -> str | None:
    return NEEDS[marker]()


def pytest_configure(config: pytest.Config) -> None:
    for name in NEEDS:
        config.addinivalue_line("markers", f"{name}: skipped, with the reason, where what it needs is absent")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for marker in NEEDS:
            if item.get_closest_marker(marker) is not None and (reason := _absent(marker)) is not None:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def seed(request: pytest.FixtureRequest) -> Path:
    """The user's transcript from ../shared; only for tests marked ``needs_shared``."""
    if request.node.get_closest_marker("needs_shared") is None:
        pytest.fail("a test that reads ../shared must carry @pytest.mark.needs_shared")
    return SEED


@pytest.fixture
def write(tmp_path: Path) -> WriteTranscript:
    """Write a transcript into a temp folder and return its path."""

    def _write(text: str, name: str = "t.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


@pytest.fixture
def no_ffmpeg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No ffmpeg to be found: none on PATH and none named by the environment."""
    from align import audio

    monkeypatch.delenv(audio.ENV_VAR, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))

"""A headless Chromium for tests, driven by Selenium through Debian's chromedriver."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# Flags that keep a headless Chromium from reaching the network or asking for a sandbox it
# cannot have as root; the page's own files are read from disk.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
    "--window-size=1400,1000", "--hide-scrollbars", "--mute-audio",
)


def find_chromium() -> tuple[str, str] | str:
    """(browser, driver), or why there is none."""
    browser = os.environ.get("ALIGN_CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    driver = os.environ.get("ALIGN_CHROMEDRIVER") or shutil.which("chromedriver")
    if browser is None or driver is None:
        missing = " and ".join(n for n, p in (("chromium", browser), ("chromedriver", driver)) if p is None)
        return f"{missing} not installed (make test installs chromium and chromium-driver with apt)"
    return browser, driver


def find_axe() -> Path | str:
    """axe-core's script, or why there is none."""
    candidates = [Path(os.environ["AXE_CORE_JS"])] if os.environ.get("AXE_CORE_JS") else []
    candidates += [Path(sys.prefix) / "npm" / "node_modules" / "axe-core" / "axe.min.js",
                   ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"]
    found = next((p for p in candidates if p.is_file()), None)
    return found if found else "axe-core is not installed (make test installs it with npm into .venv/npm)"


@contextmanager
def chromium(profile: Path, *, file_access: bool = True) -> Iterator[Any]:
    """A browser session; ``file_access`` lets a page opened from disk read files beside it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = find_chromium()
    assert not isinstance(found, str), found
    browser, driver = found
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    flags = (*FLAGS, "--allow-file-access-from-files") if file_access else FLAGS
    for flag in (*flags, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(options=options, service=Service(driver))
    try:
        session.set_script_timeout(20)
        yield session
    finally:
        session.quit()

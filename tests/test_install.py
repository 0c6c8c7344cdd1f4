"""A plain ``pip install .`` (not editable) into a fresh virtual environment: bare ``align``
in an empty folder runs the demo, with the sample that ships inside the package, and the
package carries ``py.typed``.

Offline and quick: the new environment sees this one's site-packages through a ``.pth``
file for align's dependencies (``.pth`` files inside that folder, such as an editable
install's, are not read), and the wheel is built without build isolation, with the
setuptools the dev dependencies bring.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.support import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with align installed from a copy of the source; its bin folder."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    shutil.copytree(ROOT / "align", source / "align", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    env = base / "env"
    venv.create(env, with_pip=False)
    purelib = subprocess.run([env / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--quiet",
                    "--no-deps", "--no-build-isolation", "--no-index", str(source)],
                   check=True, env=_clean_env(), cwd=base)
    return env / "bin"


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return env | {"PIP_DISABLE_PIP_VERSION_CHECK": "1"}


@pytest.mark.slow
def test_bare_align_runs_the_demo_after_a_plain_install(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run([installed / "python", "-c", "import align; print(align.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, check=True, env=_clean_env())
    package = Path(where.stdout.strip()).parent
    assert package.is_relative_to(installed.parent)  # the installed copy, not this checkout
    assert (package / "py.typed").is_file()  # type checkers read align's annotations (PEP 561)
    run = subprocess.run([installed / "align"], cwd=tmp_path, capture_output=True, text=True, env=_clean_env())
    assert run.returncode == 0, run.stderr
    demo = tmp_path / "out" / "demo"
    lines = run.stdout.splitlines()
    assert lines[0] == "33 cues from 16 turns → out/demo/sample.srt, out/demo/sample.vtt, out/demo/sample.json"
    assert {"sample.txt", "sample.mp3", "sample.srt", "sample.vtt", "sample.json"} <= {p.name for p in demo.iterdir()}
    if shutil.which("ffmpeg") is not None:
        assert lines[1] == "16 clips (mp3) → out/demo/clips, with manifest.csv and manifest.json"
        assert len(list((demo / "clips").glob("*.mp3"))) == 16
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing else written into the folder

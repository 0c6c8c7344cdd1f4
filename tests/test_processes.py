"""align.processes: worker processes, safe for a script without a main guard."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support import SAMPLE
from tests.support import SAMPLE_AUDIO as AUDIO


@pytest.mark.needs_ffmpeg
def test_a_script_without_a_main_guard(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(f"""
        from align import make_captions
        captions = make_captions({str(SAMPLE)!r}, audio={str(AUDIO)!r}, speaker_map={{"MA": "MO"}})
        print(sum(t.aligned for t in captions.turns), len(captions.turns))
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout == "16 16\n" and done.stderr == ""

"""What importing align's modules loads."""

from __future__ import annotations

import subprocess
import sys


def test_audio_modules_do_not_import_pydub() -> None:
    code = ("import sys, align.audio, align.clips, align.quote; "
            "print('pydub' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

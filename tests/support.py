"""What tests in several folders share: where the project's and ../shared's files are,
and small builders for audio and turns.

Tests import from here, never from ``conftest.py`` (which holds the skip rule and fixtures).
"""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from click.testing import CliRunner

from align.cli import cli
from align.cues import LabelMode, get_profile
from align.model import Cue, Speaker, Turn, Word
from align.pipeline import Captions
from align.readers import Paragraph, RawTurn, Token, Transcript
from align.timing import DEFAULT_RATE, Timed

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLE = ROOT / "transcripts" / "sample.txt"
SAMPLE_AUDIO = ROOT / "media" / "sample.mp3"

# ../shared: the user's transcript and real recordings, beside the checkout in CI, absent
# from a plain clone. Tests that read it carry the ``needs_shared`` marker.
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_7892dc062e92172c.txt"
SHARED_AUDIO = SHARED / "audio"

Int16 = npt.NDArray[np.int16]


class WriteTranscript(Protocol):
    """The ``write`` fixture: a transcript written into the test's temp folder."""

    def __call__(self, text: str, name: str = "t.txt", encoding: str = "utf-8") -> Path: ...

CL = Speaker("CL", "Connor Leahy")
SM = Speaker("SM", "Stefano Maffulli")


def write_wav(path: Path, samples: npt.NDArray[np.generic], rate: int = 16000, width: int = 2) -> Path:
    """``samples`` (frames, or frames × channels) as 16-bit PCM WAV at ``path``."""
    data = samples if samples.ndim == 2 else samples[:, None]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(data.shape[1])
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(np.ascontiguousarray(data, dtype="<i2").tobytes())
    return path


def ramp(n: int, channels: int = 1) -> Int16:
    """Distinct samples, so any misplaced range shows."""
    return (np.arange(n * channels, dtype=np.int64) % 30011 - 15000).astype(np.int16).reshape(n, channels)


def read_wav(path: Path) -> Int16:
    """A WAV's samples as int16 (frames × channels)."""
    with wave.open(str(path), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, w.getnchannels())


def tones(path: Path, spans_ms: list[tuple[int, int]], total_ms: int, *, rate: int = 16000, hz: float = 300,
          channels: int = 1, seed: int = 0) -> Path:
    """A WAV of faint noise with a loud tone over each span: speech and pauses."""
    n = total_ms * rate // 1000
    x = np.random.default_rng(seed).normal(0, 30, n)
    t = np.arange(n) / rate
    for a, b in spans_ms:
        i, j = a * rate // 1000, b * rate // 1000
        x[i:j] += 12000 * np.sin(2 * np.pi * hz * t[i:j])
    return write_wav(path, np.repeat(x.astype(np.int16)[:, None], channels, axis=1), rate)


def spread(index: int, speaker: Speaker, start_ms: int, end_ms: int, text: str = "") -> Turn:
    """A turn whose words share out ``[start_ms, end_ms]`` evenly."""
    words = (text or f"words of turn {index}").split()
    step = (end_ms - start_ms) // len(words)
    timed = tuple(Word(w, start_ms + k * step, start_ms + (k + 1) * step if k < len(words) - 1 else end_ms)
                  for k, w in enumerate(words))
    return Turn(index, speaker, 1 + 2 * index, None, timed)


def captions_of(cues: Sequence[Cue], turns: Sequence[Turn] = (), *, source: str = "t.txt",
                profile: str = "netflix", labels: LabelMode = LabelMode.NONE) -> Captions:
    """Captions holding exactly ``cues`` (and ``turns``), as a writer receives them."""
    raw = tuple(RawTurn(t.speaker.key, t.line, t.marker_ms, 1000,
                        (Paragraph(t.line, tuple(Token(w.text) for w in t.words)),)) for t in turns)
    transcript = Transcript(source, "utf-8", raw, reader="bracketed")
    timed = Timed(Path(source), transcript, tuple(turns), DEFAULT_RATE, ())
    return Captions(timed, tuple(cues), get_profile(profile), labels)


def run_cli(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """``align ARGS`` in this process (click's CliRunner): exit status, standard output, standard error.

    A traceback fails the test: every error must reach the user as one line.
    """
    result = CliRunner().invoke(cli, list(args), input=stdin, prog_name="align")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def run_align(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m align ARGS`` in a process of its own, as a user runs it (not as CI: no CI variable)."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run([sys.executable, "-m", "align", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, check=False, timeout=timeout)

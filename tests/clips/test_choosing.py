"""align.clips.choosing: which turns, under what names, with what warnings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align import audio, clips
from align.audio import AudioFormat
from align.clips import ClipOptions, CutMode, choosing
from align.errors import AlignError
from align.model import Speaker, Turn, Word
from tests.support import CL
from tests.support import spread as turn


def test_clip_name() -> None:
    t = turn(12, CL, 351_250, 360_000)
    assert choosing.clip_name(t, AudioFormat.MP3) == "0012_CL_00-05-51.mp3"
    odd = Turn(3, Speaker("../../etc/passwd", "x"), 1, None, (Word("hi", 3_723_000, 3_724_000),))
    assert choosing.clip_name(odd, AudioFormat.WAV) == "0003_etc-passwd_01-02-03.wav"


@pytest.mark.parametrize(("label", "safe"), [
    ("CL", "CL"), ("Dr. Jane Doe", "Dr-Jane-Doe"), ("..", "speaker"), ("", "speaker"),
    ("a/b\\c", "a-b-c"), ("bell\x07\x1b[31mred", "bell-31mred"), ('<>:"|?*', "speaker"),
    ("José Núñez", "José-Núñez"), ("x" * 99, "x" * 40), ("ＡＢ", "AB"),
])
def test_safe_label(label: str, safe: str) -> None:
    assert clips.safe_label(label) == safe


@given(st.text())
def test_safe_label_is_always_a_plain_name(label: str) -> None:
    safe = clips.safe_label(label)
    assert re.fullmatch(r"[\w-]{1,40}", safe)
    assert ".." not in safe and safe.isprintable()
    assert not safe.startswith("-")


def test_select_turns(episode: tuple[Path, list[Turn]]) -> None:
    _, turns = episode
    assert [t.index for t in clips.select_turns(turns, ClipOptions())] == [0, 1, 2]
    by_key = clips.select_turns(turns, ClipOptions(speakers=("cl",)))
    assert [t.index for t in by_key] == [0, 2]
    by_name = clips.select_turns(turns, ClipOptions(speakers=("Stefano Maffulli",)))
    assert [t.index for t in by_name] == [1]
    ranged = clips.select_turns(turns, ClipOptions(speakers=("CL",), turns=((1, 5),)))
    assert [t.index for t in ranged] == [2]
    with pytest.raises(AlignError, match=r"no speaker 'XY'; the speakers are CL, SM"):
        clips.select_turns(turns, ClipOptions(speakers=("XY",)))
    with pytest.raises(AlignError, match="no turn is both"):
        clips.select_turns(turns, ClipOptions(turns=((7, 9),)))


def test_options_are_checked() -> None:
    with pytest.raises(AlignError, match="a fade needs re-encoding"):
        ClipOptions(mode=CutMode.COPY, fade_ms=100)
    with pytest.raises(AlignError, match="pad must be between 0 and 60000"):
        ClipOptions(pad_ms=-1)


def test_much_longer_audio_is_a_warning(tmp_path: Path) -> None:
    info = audio.AudioInfo(tmp_path / "a.mp3", 3_600_000, 44100, 2, "mp3", wav=False)
    assert choosing.duration_warnings(info, [turn(0, CL, 0, 1_800_000)])[0].message == (
        "the audio lasts 01:00:00, 00:30:00 longer than the transcript; is it the right recording?")
    assert choosing.duration_warnings(info, [turn(0, CL, 0, 3_580_000)]) == []

"""align.audio.ffmpeg: finding the program once (argument, environment, PATH)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from align import audio


def _fake_program(folder: Path, name: str = "ffmpeg") -> Path:
    folder.mkdir(exist_ok=True)
    prog = folder / name
    prog.write_text("#!/bin/sh\nexit 0\n")
    prog.chmod(prog.stat().st_mode | stat.S_IXUSR)
    return prog


def test_find_ffmpeg_prefers_explicit_then_env_then_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_path = _fake_program(tmp_path / "bin")
    in_env = _fake_program(tmp_path / "env", "my-ffmpeg")
    given = _fake_program(tmp_path / "given", "other-ffmpeg")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.delenv(audio.ENV_VAR, raising=False)
    assert audio.find_ffmpeg() == on_path
    monkeypatch.setenv(audio.ENV_VAR, str(in_env))
    assert audio.find_ffmpeg() == in_env
    assert audio.find_ffmpeg(str(given)) == given


def test_find_ffmpeg_none_when_absent(no_ffmpeg: None) -> None:
    assert audio.find_ffmpeg() is None


def test_find_ffmpeg_given_but_missing_is_an_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(audio.ENV_VAR, raising=False)
    with pytest.raises(audio.FfmpegMissingError, match=r"^the ffmpeg program .*nope: no such program; "):
        audio.find_ffmpeg(str(tmp_path / "nope"))
    monkeypatch.setenv(audio.ENV_VAR, str(tmp_path / "gone"))
    with pytest.raises(audio.FfmpegMissingError, match=audio.ENV_VAR):
        audio.find_ffmpeg()


def test_require_ffmpeg_says_why_and_how_in_one_line() -> None:
    with pytest.raises(audio.FfmpegMissingError) as err:
        audio.require_ffmpeg(None, "read .mp3 audio")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("ffmpeg is needed to read .mp3 audio; install it")
    assert audio.ENV_VAR in message

"""align.clips.exporting: a clip per turn written with its manifest, all checked first."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest

from align import audio, clips
from align.audio import AudioFormat
from align.clips import ClipOptions, CutMode, cutting, exporting
from align.errors import AlignError, CannotWriteError, InputError, OutputError
from align.model import Turn
from tests.support import CL, SM, tones
from tests.support import spread as turn

FFMPEG = ClipOptions(ffmpeg=audio.find_ffmpeg())


class Recorder:
    """A Progress that remembers what it heard."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, int, str]] = []
        self.steps: list[int] = []
        self.ended = False

    def begin(self, what: str, total: int, unit: str) -> None:
        self.stages.append((what, total, unit))

    def advance(self, done: int) -> None:
        self.steps.append(done)

    def end(self) -> None:
        self.ended = True


def test_export_writes_clips_and_manifest_without_ffmpeg(
        episode: tuple[Path, list[Turn]], tmp_path: Path, no_ffmpeg: None) -> None:
    wav, turns = episode
    out = tmp_path / "clips"
    done = Recorder()
    report = clips.export_turn_clips(turns, wav, out, ClipOptions(), progress=done)
    assert done.stages == [("cutting clips", 3, "clips")] and sum(done.steps) == 3 and done.ended
    assert report.format is AudioFormat.WAV and report.warnings == ()
    names = ["0000_CL_00-00-00.wav", "0001_SM_00-00-02.wav", "0002_CL_00-00-05.wav"]
    assert sorted(p.name for p in out.iterdir()) == [*names, "manifest.csv", "manifest.json"]
    rows = list(csv.reader(io.StringIO((out / "manifest.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["index", "speaker", "name", "start", "end", "duration", "text", "file"]
    assert [r[0:3] + r[6:] for r in rows[1:]] == [
        ["0", "CL", "Connor Leahy", "words of turn 0", names[0]],
        ["1", "SM", "Stefano Maffulli", "words of turn 1", names[1]],
        ["2", "CL", "Connor Leahy", "words of turn 2", names[2]],
    ]
    for r, clip in zip(rows[1:], report.clips, strict=True):
        assert r[3:6] == [f"{clip.start_ms / 1000:.3f}", f"{clip.end_ms / 1000:.3f}",
                          f"{clip.duration_ms / 1000:.3f}"]
    doc = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (doc["format"], doc["mode"], doc["audio"]) == ("wav", "reencode", str(wav))
    assert doc["clips"][1] == {"index": 1, "speaker": "SM", "name": "Stefano Maffulli",
                               "start": report.clips[1].start_ms / 1000,
                               "end": report.clips[1].end_ms / 1000,
                               "duration": report.clips[1].duration_ms / 1000,
                               "text": "words of turn 1", "file": names[1]}


def test_existing_files_are_never_overwritten_without_force(
        episode: tuple[Path, list[Turn]], tmp_path: Path, no_ffmpeg: None) -> None:
    wav, turns = episode
    out = tmp_path / "clips"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "0001_SM_00-00-02.wav").write_bytes(b"old clip")
    with pytest.raises(OutputError) as err:
        clips.export_turn_clips(turns, wav, out)
    assert str(err.value) == f"{out / '0001_SM_00-00-02.wav'}: already exists"
    assert sorted(p.name for p in out.iterdir()) == ["0001_SM_00-00-02.wav", "notes.txt"]
    clips.export_turn_clips(turns, wav, out, ClipOptions(force=True))
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "0001_SM_00-00-02.wav").read_bytes()[:4] == b"RIFF"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_output_folder_that_is_a_file(episode: tuple[Path, list[Turn]], tmp_path: Path,
                                      no_ffmpeg: None) -> None:
    wav, turns = episode
    (tmp_path / "taken").write_text("x")
    with pytest.raises(OutputError, match="a file has that name"):
        clips.export_turn_clips(turns, wav, tmp_path / "taken")


def test_turns_past_the_audio_are_warned_about(tmp_path: Path, no_ffmpeg: None) -> None:
    wav = tones(tmp_path / "a.wav", [(500, 2000)], 3000)
    turns = [turn(0, CL, 500, 2000), Turn(1, SM, 3, 2100, ()), turn(2, CL, 7000, 8000)]
    report = clips.export_turn_clips(turns, wav, tmp_path / "out", transcript="ep.txt")
    assert [c.index for c in report.clips] == [0]
    assert [str(w) for w in report.warnings] == [
        f"{wav}: the audio lasts 00:00:03 but the transcript runs to 00:00:08; "
        "turns past the end get no clip",
        "ep.txt:3: turn 1 has no words; no clip",
        "ep.txt:5: turn 2 starts at 00:00:07, after the audio ends; no clip",
    ]


def test_missing_ffmpeg_is_a_clear_error(episode: tuple[Path, list[Turn]], tmp_path: Path,
                                         no_ffmpeg: None) -> None:
    wav, turns = episode
    with pytest.raises(audio.FfmpegMissingError) as err:
        clips.export_turn_clips(turns, wav, tmp_path / "out", ClipOptions(format=AudioFormat.MP3))
    assert str(err.value).startswith("ffmpeg is needed to write mp3 clips (WAV works without it)")
    assert not (tmp_path / "out").exists()
    (tmp_path / "ep.mp3").write_bytes(b"\xff\xfb" + bytes(500))
    with pytest.raises(audio.FfmpegMissingError, match=r"needed to read \.mp3 audio"):
        clips.export_turn_clips(turns, tmp_path / "ep.mp3", tmp_path / "out")


@pytest.mark.needs_ffmpeg
def test_undecodable_audio(tmp_path: Path, episode: tuple[Path, list[Turn]]) -> None:
    _, turns = episode
    bad = tmp_path / "episode.mp3"
    bad.write_text("not audio at all\n" * 100)
    with pytest.raises(InputError, match=r"episode\.mp3: cannot decode audio \(.*\); is it an "):
        clips.export_turn_clips(turns, bad, tmp_path / "out", FFMPEG)


def _mp3(tmp_path: Path, wav: Path) -> Path:
    mp3 = tmp_path / "episode.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), "-ar", "44100", "-ac", "2",
                    "-b:a", "128k", str(mp3)], check=True)
    return mp3


def _tags(path: Path) -> dict[str, str]:
    text = subprocess.run(["ffmpeg", "-hide_banner", "-i", str(path)], capture_output=True,
                          text=True, check=False).stderr
    return dict(re.findall(r"^\s{4}(\w+)\s*: (.*)$", text, re.M))


@pytest.mark.needs_ffmpeg
def test_mp3_clips_with_tags_leave_pydub_alone(
        tmp_path: Path, episode: tuple[Path, list[Turn]]) -> None:
    import pydub  # here, not at the top: importing it warns that audioop is deprecated

    before = pydub.AudioSegment.converter
    wav, turns = episode
    mp3 = _mp3(tmp_path, wav)
    report = clips.export_turn_clips(turns, mp3, tmp_path / "out", ClipOptions(jobs=2, ffmpeg=audio.find_ffmpeg()))
    assert report.format is AudioFormat.MP3
    first = tmp_path / "out" / report.clips[0].file
    assert _tags(first).items() >= {"title": "words of turn 0", "artist": "Connor Leahy",
                                    "album": "episode"}.items()
    info = audio.probe(first, audio.find_ffmpeg())
    assert (info.sample_rate, info.channels) == (44100, 2)
    assert info.duration_ms is not None
    assert abs(info.duration_ms - report.clips[0].duration_ms) < 60
    assert pydub.AudioSegment.converter == before


@pytest.mark.needs_ffmpeg
def test_copy_mode_cuts_frames_without_re_encoding(
        tmp_path: Path, episode: tuple[Path, list[Turn]]) -> None:
    wav, turns = episode
    mp3 = _mp3(tmp_path, wav)
    with pytest.raises(AlignError, match=r"a stream copy keeps the source's mp3 audio, written as mp3, not wav"):
        clips.export_turn_clips(turns, mp3, tmp_path / "x",
                                ClipOptions(mode=CutMode.COPY, format=AudioFormat.WAV, ffmpeg=audio.find_ffmpeg()))
    done = Recorder()
    report = clips.export_turn_clips(turns, mp3, tmp_path / "out",
                                     ClipOptions(mode=CutMode.COPY, pad_ms=100, jobs=2, ffmpeg=audio.find_ffmpeg()),
                                     progress=done)
    assert sum(done.steps) == 3 and report.mode is CutMode.COPY
    assert [(c.start_ms, c.end_ms) for c in report.clips] == [(400, 2100), (2500, 4600),
                                                              (5100, 6600)]
    for c in report.clips:
        info = audio.probe(tmp_path / "out" / c.file, audio.find_ffmpeg())
        assert info.codec == "mp3" and info.duration_ms is not None
        assert c.duration_ms - 30 <= info.duration_ms <= c.duration_ms + 80
    assert _tags(tmp_path / "out" / report.clips[1].file)["artist"] == "Stefano Maffulli"


def test_an_error_stops_the_export_and_writes_no_manifest(
        episode: tuple[Path, list[Turn]], tmp_path: Path, no_ffmpeg: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wav, turns = episode
    real_cut = cutting.cut

    def failing(source: cutting.Decoder, span: cutting.Span, *args: object, **kwargs: object) -> object:
        if "0001_" in span.path.name:
            raise CannotWriteError(span.path, "disk full")
        return real_cut(source, span, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(exporting, "cut", failing)  # where the export looks it up
    with pytest.raises(OutputError, match="disk full"):
        clips.export_turn_clips(turns, wav, tmp_path / "out", ClipOptions(jobs=2))
    assert not (tmp_path / "out" / "manifest.csv").exists()
    assert list((tmp_path / "out").iterdir()) == []  # no clip published, no temporary file left


@pytest.mark.needs_ffmpeg
@pytest.mark.parametrize("copy", [False, True])
def test_padding_and_snapping_stop_at_the_neighbouring_turns(tmp_path: Path, copy: bool) -> None:
    """Turns 60 ms apart, the second with a quiet 60 ms closure just inside its start: a
    clip's quietest point lies in its neighbour, yet it stops where the neighbour was found."""
    wav = tones(tmp_path / "a.wav", [(500, 2000), (2120, 2150), (2210, 3500), (3560, 5000)], 6000)
    turns = [turn(0, CL, 500, 2000), turn(1, SM, 2060, 3500), turn(2, CL, 3560, 5000)]
    options = ClipOptions(pad_ms=200, mode=CutMode.COPY if copy else CutMode.REENCODE,
                          format=AudioFormat.WAV if not copy else None, ffmpeg=audio.find_ffmpeg())
    report = clips.export_turn_clips(turns, wav, tmp_path / "out", options)
    first, second, third = report.clips
    assert first.end_ms <= 2060 and second.start_ms >= 2000
    assert second.end_ms <= 3560 and third.start_ms >= 3500
    assert first.start_ms <= 500 and third.end_ms >= 5000  # no neighbour: padding as before
    assert exporting.neighbour_bounds(turns) == {0: (0, 2060), 1: (2000, 3560), 2: (3500, None)}

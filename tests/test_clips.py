"""align.clips: choosing turns, naming, snapping to quiet, exporting, the manifest."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from align import audio, clips
from align.audio import AudioFormat
from align.clips import ClipOptions, CutMode, exporting
from align.errors import AlignError, InputError, OutputError
from align.model import Speaker, Turn, Word

RATE = 16000
needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")

CL = Speaker("CL", "Connor Leahy")
SM = Speaker("SM", "Stefano Maffulli")


def tones(path: Path, spans_ms: list[tuple[int, int]], total_ms: int, channels: int = 1) -> Path:
    """A WAV of faint noise with a loud 300 Hz tone over each span: speech and pauses."""
    n = total_ms * RATE // 1000
    rng = np.random.default_rng(0)
    x = rng.normal(0, 30, n)
    t = np.arange(n) / RATE
    for a, b in spans_ms:
        i, j = a * RATE // 1000, b * RATE // 1000
        x[i:j] += 12000 * np.sin(2 * np.pi * 300 * t[i:j])
    data = np.repeat(x.astype(np.int16)[:, None], channels, axis=1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data.tobytes())
    return path


def turn(index: int, speaker: Speaker, start_ms: int, end_ms: int, text: str = "") -> Turn:
    """A turn whose words share out ``[start_ms, end_ms]`` evenly."""
    words = (text or f"words of turn {index}").split()
    step = (end_ms - start_ms) // len(words)
    timed = tuple(Word(w, start_ms + k * step, start_ms + (k + 1) * step if k < len(words) - 1
                       else end_ms) for k, w in enumerate(words))
    return Turn(index, speaker, 1 + 2 * index, None, timed)


def read(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, w.getnchannels())


@pytest.fixture
def no_ffmpeg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(audio.ENV_VAR, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))


# Three turns of "speech" with pauses between; the second has a 60 ms stop inside it.
SPEECH = [(500, 2000), (2600, 2900), (2960, 4500), (5200, 6500)]


@pytest.fixture
def episode(tmp_path: Path) -> tuple[Path, list[Turn]]:
    wav = tones(tmp_path / "episode.wav", SPEECH, 7000)
    turns = [turn(0, CL, 500, 2000), turn(1, SM, 2600, 4500), turn(2, CL, 5200, 6500)]
    return wav, turns


# ---------------------------------------------------------------- choosing and naming


def test_clip_name() -> None:
    t = turn(12, CL, 351_250, 360_000)
    assert clips.clip_name(t, AudioFormat.MP3) == "0012_CL_00-05-51.mp3"
    odd = Turn(3, Speaker("../../etc/passwd", "x"), 1, None, (Word("hi", 3_723_000, 3_724_000),))
    assert clips.clip_name(odd, AudioFormat.WAV) == "0003_etc-passwd_01-02-03.wav"


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


@pytest.mark.parametrize(("text", "ranges"), [
    ("3-7", ((3, 7),)), ("12", ((12, 12),)), ("3-", ((3, 10**9),)), ("-7", ((0, 7),)),
    ("1, 3-5", ((1, 1), (3, 5))),
])
def test_parse_turn_range(text: str, ranges: tuple[tuple[int, int], ...]) -> None:
    assert clips.parse_turn_range(text) == ranges


@pytest.mark.parametrize(("text", "message"), [
    ("7-3", "runs backwards; write 3-7"), ("abc", "write turn numbers like"),
    ("", "write turn numbers like"), ("-", "write turn numbers like"),
    ("3 7", "write turn numbers like"),
])
def test_parse_turn_range_errors(text: str, message: str) -> None:
    with pytest.raises(AlignError, match=message):
        clips.parse_turn_range(text)


def test_select_turns(episode: tuple[Path, list[Turn]]) -> None:
    _, turns = episode
    assert [t.index for t in clips.select_turns(turns, ClipOptions())] == [0, 1, 2]
    by_key = clips.select_turns(turns, ClipOptions(speakers=("cl",)))
    assert [t.index for t in by_key] == [0, 2]
    by_name = clips.select_turns(turns, ClipOptions(speakers=("Stefano Maffulli",)))
    assert [t.index for t in by_name] == [1]
    ranged = clips.select_turns(turns, ClipOptions(speakers=("CL",), turns=((1, 5),)))
    assert [t.index for t in ranged] == [2]
    with pytest.raises(AlignError, match=r"--speaker XY: no such speaker; the speakers are CL, SM"):
        clips.select_turns(turns, ClipOptions(speakers=("XY",)))
    with pytest.raises(AlignError, match="no turn matches"):
        clips.select_turns(turns, ClipOptions(turns=((7, 9),)))


def test_options_are_checked() -> None:
    with pytest.raises(AlignError, match="--fade needs re-encoding; drop --copy or --fade"):
        ClipOptions(mode=CutMode.COPY, fade_ms=100)
    with pytest.raises(AlignError, match="--pad must not be negative"):
        ClipOptions(pad_ms=-1)


# ---------------------------------------------------------------- snapping


def test_snap_prefers_the_pause_over_the_target() -> None:
    db = np.full(100, -20.0)  # 1 s of speech in 10 ms frames...
    db[30:50] = -60.0  # ...with a 200 ms pause at 300-500 ms
    cut = clips.snap(db, RATE, 0, target=55 * 160, lo=0, hi=100 * 160, speech=55 * 160,
                     is_start=True)
    assert 30 * 160 <= cut <= 50 * 160


def test_snap_needs_room_before_the_words() -> None:
    db = np.full(100, -20.0)
    db[40:45] = -60.0  # a 50 ms stop inside a word: too short to cut in
    db[10:30] = -50.0  # a real pause, a little louder
    cut = clips.snap(db, RATE, 0, target=42 * 160, lo=0, hi=100 * 160, speech=42 * 160,
                     is_start=True)
    assert 10 * 160 <= cut <= 30 * 160


def test_snap_stays_out_of_the_words() -> None:
    db = np.full(100, -60.0)  # all quiet: the target wins, not a point in the words
    cut = clips.snap(db, RATE, 0, target=50 * 160, lo=0, hi=100 * 160, speech=50 * 160,
                     is_start=False)
    assert abs(cut - 50 * 160) <= 160


@pytest.mark.parametrize("pad_ms", [0, 200])
@pytest.mark.parametrize("error_ms", [-150, 0, 150])
def test_clips_snap_into_the_pauses(tmp_path: Path, no_ffmpeg: None, pad_ms: int,
                                    error_ms: int) -> None:
    """Turn times off by up to 150 ms still give clips that hold all of the turn's tone."""
    wav = tones(tmp_path / "a.wav", SPEECH, 7000)
    turns = [turn(0, CL, 500 + error_ms, 2000 - error_ms), turn(1, SM, 2600 - error_ms,
                                                                4500 + error_ms)]
    report = clips.export_turn_clips(turns, wav, tmp_path / "out", ClipOptions(pad_ms=pad_ms))
    # (pause before, pause after) of each turn's tone; a cut needs 30 ms of quiet on its
    # outer side and 80 ms toward the words.
    pauses = [((0, 500), (2000, 2600)), ((2000, 2600), (4500, 5200))]
    for row, (before, after) in zip(report.clips, pauses, strict=True):
        assert before[0] <= row.start_ms <= before[1] - 80
        assert after[0] + 80 <= row.end_ms <= after[1] - 30
        samples = read(tmp_path / "out" / row.file)
        assert abs(len(samples) - row.duration_ms * RATE // 1000) <= 16
        assert np.abs(samples[:160]).max() < 500 and np.abs(samples[-160:]).max() < 500


@pytest.mark.parametrize("copy", [False, True])
def test_padding_and_snapping_stop_at_the_neighbouring_turns(tmp_path: Path, copy: bool) -> None:
    """Turns 60 ms apart, the second with a quiet 60 ms closure just inside its start: a
    clip's quietest point lies in its neighbour, yet it stops where the neighbour was found."""
    if copy and shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed")
    wav = tones(tmp_path / "a.wav", [(500, 2000), (2120, 2150), (2210, 3500), (3560, 5000)], 6000)
    turns = [turn(0, CL, 500, 2000), turn(1, SM, 2060, 3500), turn(2, CL, 3560, 5000)]
    options = ClipOptions(pad_ms=200, mode=CutMode.COPY if copy else CutMode.REENCODE,
                          format=AudioFormat.WAV if not copy else None)
    report = clips.export_turn_clips(turns, wav, tmp_path / "out", options)
    first, second, third = report.clips
    assert first.end_ms <= 2060 and second.start_ms >= 2000
    assert second.end_ms <= 3560 and third.start_ms >= 3500
    assert first.start_ms <= 500 and third.end_ms >= 5000  # no neighbour: padding as before
    assert exporting.neighbour_bounds(turns) == {0: (0, 2060), 1: (2000, 3560), 2: (3500, None)}


def test_fades_and_bounded_chunks(tmp_path: Path, no_ffmpeg: None) -> None:
    wav = tones(tmp_path / "a.wav", [(0, 9000)], 9000)  # all tone: fades must show
    t = turn(0, CL, 1000, 8000)
    report = clips.export_turn_clips([t], wav, tmp_path / "out",
                                     ClipOptions(pad_ms=0, fade_ms=500))
    samples = read(tmp_path / "out" / report.clips[0].file)[:, 0].astype(float)
    assert np.abs(samples[:80]).max() < 400 and np.abs(samples[-80:]).max() < 400
    assert np.abs(samples[len(samples) // 2 - 800: len(samples) // 2]).max() > 10000


# ---------------------------------------------------------------- exporting


def test_export_writes_clips_and_manifest_without_ffmpeg(
        episode: tuple[Path, list[Turn]], tmp_path: Path, no_ffmpeg: None) -> None:
    wav, turns = episode
    out = tmp_path / "clips"
    done: list[int] = []
    report = clips.export_turn_clips(turns, wav, out, ClipOptions(), progress=done.append)
    assert sum(done) == 3
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
    assert str(err.value) == (f"{out / '0001_SM_00-00-02.wav'}: already exists; add --force to "
                              "replace it, or choose another folder with -o")
    assert sorted(p.name for p in out.iterdir()) == ["0001_SM_00-00-02.wav", "notes.txt"]
    clips.export_turn_clips(turns, wav, out, ClipOptions(force=True))
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "0001_SM_00-00-02.wav").read_bytes()[:4] == b"RIFF"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_output_folder_that_is_a_file(episode: tuple[Path, list[Turn]], tmp_path: Path,
                                      no_ffmpeg: None) -> None:
    wav, turns = episode
    (tmp_path / "taken").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
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


def test_much_longer_audio_is_a_warning(tmp_path: Path) -> None:
    info = audio.AudioInfo(tmp_path / "a.mp3", 3_600_000, 44100, 2, "mp3", wav=False)
    assert clips.duration_warnings(info, [turn(0, CL, 0, 1_800_000)])[0].message == (
        "the audio lasts 01:00:00, 00:30:00 longer than the transcript; is it the right recording?")
    assert clips.duration_warnings(info, [turn(0, CL, 0, 3_580_000)]) == []


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


@pytest.mark.ffmpeg
@needs_ffmpeg
def test_undecodable_audio(tmp_path: Path, episode: tuple[Path, list[Turn]]) -> None:
    _, turns = episode
    bad = tmp_path / "episode.mp3"
    bad.write_text("not audio at all\n" * 100)
    with pytest.raises(InputError, match=r"episode\.mp3: cannot decode audio \(.*\); is it an "):
        clips.export_turn_clips(turns, bad, tmp_path / "out")


def _mp3(tmp_path: Path, wav: Path) -> Path:
    mp3 = tmp_path / "episode.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), "-ar", "44100", "-ac", "2",
                    "-b:a", "128k", str(mp3)], check=True)
    return mp3


def _tags(path: Path) -> dict[str, str]:
    text = subprocess.run(["ffmpeg", "-hide_banner", "-i", str(path)], capture_output=True,
                          text=True, check=False).stderr
    return dict(re.findall(r"^\s{4}(\w+)\s*: (.*)$", text, re.M))


@pytest.mark.ffmpeg
@needs_ffmpeg
def test_mp3_clips_with_tags_leave_pydub_alone(
        tmp_path: Path, episode: tuple[Path, list[Turn]]) -> None:
    pydub = pytest.importorskip("pydub")
    before = pydub.AudioSegment.converter
    wav, turns = episode
    mp3 = _mp3(tmp_path, wav)
    report = clips.export_turn_clips(turns, mp3, tmp_path / "out", ClipOptions(jobs=2))
    assert report.format is AudioFormat.MP3
    first = tmp_path / "out" / report.clips[0].file
    assert _tags(first).items() >= {"title": "words of turn 0", "artist": "Connor Leahy",
                                    "album": "episode"}.items()
    info = audio.probe(first, audio.find_ffmpeg())
    assert (info.sample_rate, info.channels) == (44100, 2)
    assert info.duration_ms is not None
    assert abs(info.duration_ms - report.clips[0].duration_ms) < 60
    assert pydub.AudioSegment.converter == before


@pytest.mark.ffmpeg
@needs_ffmpeg
def test_copy_mode_cuts_frames_without_re_encoding(
        tmp_path: Path, episode: tuple[Path, list[Turn]]) -> None:
    wav, turns = episode
    mp3 = _mp3(tmp_path, wav)
    with pytest.raises(AlignError, match=r"--copy keeps the source's mp3 audio, written as mp3; "
                                         r"drop --format wav or --copy"):
        clips.export_turn_clips(turns, mp3, tmp_path / "x",
                                ClipOptions(mode=CutMode.COPY, format=AudioFormat.WAV))
    done: list[int] = []
    report = clips.export_turn_clips(turns, mp3, tmp_path / "out",
                                     ClipOptions(mode=CutMode.COPY, pad_ms=100, jobs=2),
                                     progress=done.append)
    assert sum(done) == 3 and report.mode is CutMode.COPY
    assert [(c.start_ms, c.end_ms) for c in report.clips] == [(400, 2100), (2500, 4600),
                                                              (5100, 6600)]
    for c in report.clips:
        info = audio.probe(tmp_path / "out" / c.file, audio.find_ffmpeg())
        assert info.codec == "mp3" and info.duration_ms is not None
        assert c.duration_ms - 30 <= info.duration_ms <= c.duration_ms + 80
    assert _tags(tmp_path / "out" / report.clips[1].file)["artist"] == "Stefano Maffulli"


def test_decoder_serves_overlapping_and_distant_ranges(tmp_path: Path, no_ffmpeg: None) -> None:
    data = (np.arange(RATE * 90) % 30000 - 15000).astype(np.int16)[:, None]
    path = tmp_path / "ramp.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data.tobytes())
    decoder = clips.Decoder(audio.probe(path, None), None)
    try:
        for first, count in [(1000, 5000), (4000, 40000), (2000, 100), (RATE * 80, RATE),
                             (RATE * 5, 10), (RATE * 90 - 50, 500)]:
            parts = []
            while count > 0 and len(part := decoder.read(first, count)):
                parts.append(part)
                first, count = first + len(part), count - len(part)
                assert part.base is not None  # a view of what was decoded, not a copy
            got = np.concatenate(parts)
            want = data[first - len(got):first]
            assert len(got) and np.array_equal(got, want), (first, count)
            assert count == 0 or first == len(data)  # all asked for, unless the audio ended
    finally:
        decoder.close()


def test_an_error_stops_the_export_and_writes_no_manifest(
        episode: tuple[Path, list[Turn]], tmp_path: Path, no_ffmpeg: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wav, turns = episode
    real_cut = clips.cut

    def failing(source: clips.Decoder, span: clips.Span, *args: object) -> object:
        if "0001_" in span.path.name:
            raise OutputError(f"{span.path}: cannot write it (disk full)")
        return real_cut(source, span, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(exporting, "cut", failing)  # where the export looks it up
    with pytest.raises(OutputError, match="disk full"):
        clips.export_turn_clips(turns, wav, tmp_path / "out", ClipOptions(jobs=2))
    assert not (tmp_path / "out" / "manifest.csv").exists()
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]

"""What a fuzzer and fault injection found (F1-F23), each reproduced, and what holds now.

Each test names its finding. The file-system faults use a real small or read-only file
system where this machine lets a test mount one (as root), and skip with the reason
otherwise.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pysrt
import pytest
import webvtt
from click.testing import CliRunner

from align.cli import cli
from align.cues import LabelMode
from align.errors import AlignError, FolderBusyError, InputError, TargetExistsError
from align.outputs import write_all
from align.pipeline import cut_captions, make_captions
from align.readers import parse_transcript, read_transcript
from align.timing import time_transcript
from align.writers import srt, vtt
from tests.support import SAMPLE

AUDIO = SAMPLE.parent.parent / "media" / "sample.mp3"
needs_ffmpeg = pytest.mark.needs_ffmpeg


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        f"traceback: {result.exception!r}")
    return result.exit_code, result.stdout, result.stderr


def _captions(text: str, **kwargs: object) -> tuple[str, str, list[str]]:
    captions = cut_captions(time_transcript(parse_transcript(text, path="t.txt"), **kwargs))  # type: ignore[arg-type]
    return srt.render(captions), vtt.render(captions), [str(d) for d in captions.diagnostics]


def _srt_words(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "read.srt"
    path.write_text(text, encoding="utf-8")
    return " ".join(item.text for item in pysrt.open(str(path))).split()


def _one_line_error(err: str) -> str:
    errors = [line for line in err.splitlines() if not line.startswith("warning: ")]
    assert len(errors) == 1 and errors[0].startswith("Error: ") and "Traceback" not in err, err
    return errors[0]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".part", ".tmp", ".old")))


# ---------------------------------------------------------------- the text path


def test_f1_an_inline_note_of_several_words() -> None:
    out, _, _ = _captions("[00:00:01] Ann Lee: Hello [cross talk 00:00:03] more.\n")
    assert "AL: Hello [cross talk] more." in out


def test_f2_superscript_and_circled_digits() -> None:
    out, _, _ = _captions("[00:00:01] Ann Lee: The room is 20 m² in size, ① and ³.\n")
    assert "The room is 20 m² in size, ① and ³." in out


def test_f4_words_before_the_first_label_are_kept_and_reported(tmp_path: Path) -> None:
    out, _, diags = _captions("[00:00:01] Welcome everyone to the show.\n\n[00:00:05] Ann Lee: Hi.\n")
    assert _srt_words(out, tmp_path) == ["Unknown:", "Welcome", "everyone", "to", "the", "show.", "AL:", "Hi."]
    assert diags == ["t.txt:1: the turn here has no speaker label; captioned as 'Unknown'"]


def test_f5_labels_in_any_script() -> None:
    text = "[00:00:01] 王伟: 你好。\n\n[00:00:03] أحمد: مرحبا\n\n[00:00:05] דוד: שלום\n\n[00:00:07] 王伟：再见。\n"
    t = parse_transcript(text, path="t.txt")
    assert [turn.label for turn in t.turns] == ["王伟", "أحمد", "דוד", "王伟"]
    assert [[tok.text for tok in turn.tokens] for turn in t.turns] == [["你好。"], ["مرحبا"], ["שלום"], ["再见。"]]
    _, out, _ = _captions(text)
    assert "<v 王伟>你好。" in out and "<v أحمد>مرحبا" in out


def test_f5_the_unknown_speaker_hint_in_any_script() -> None:
    text = ("[00:00:01] 王伟: 你好。\n\n[00:00:03] Ann Lee: Hi there.\n\n[00:00:05] 王: 再见。\n\n"
            "[00:00:07] Ann Lee: Bye.\n")
    timed = time_transcript(parse_transcript(text, path="t.txt"))
    hints = [d for d in timed.diagnostics if d.rename is not None]
    assert [(d.line, d.rename) for d in hints] == [(5, ("王", "王伟"))]


def test_f10_no_arrow_in_srt_text(tmp_path: Path) -> None:
    out, _, _ = _captions("[00:00:01] A-->B: We go ---> there --> now.\n", )
    body = [line for line in out.splitlines() if "-->" in line]
    assert all(line[:2].isdigit() for line in body), body  # only the timing lines
    assert _srt_words(out, tmp_path) == ["A->B:", "We", "go", "->", "there", "->", "now."]


def test_f11_a_new_name_cannot_inject_cues(tmp_path: Path) -> None:
    evil = "Ann\n\n99\n00:00:00,000 --> 00:09:00,000\nX\x85Y\u2028Z\x0bW"
    text = "[00:00:01] Ann Lee: Hello there.\n\n[00:00:04] Bo Chen: Hi.\n"
    captions = cut_captions(time_transcript(parse_transcript(text, path="t.txt"), speaker_map={"Ann Lee": evil}),
                            labels=LabelMode.NAMES)
    path = tmp_path / "x.srt"
    path.write_text(srt.render(captions), encoding="utf-8")
    subs = pysrt.open(str(path))
    assert all(s.end.ordinal - s.start.ordinal <= 7000 for s in subs)  # no injected 9-minute cue
    assert subs[0].text.startswith("[Ann 99 00:00:00,000 -> 00:09:00,000 X Y Z W]")
    assert " ".join(s.text for s in subs).split()[-4:] == ["there.", "[Bo", "Chen]", "Hi."]
    with pytest.raises(AlignError, match="the new name for 'Ann Lee' is empty"):
        time_transcript(parse_transcript(text, path="t.txt"), speaker_map={"Ann Lee": "\x85\x0b "})


def test_f16_an_endless_input_is_refused() -> None:
    code, out, err = _run("captions", "/dev/zero", "-o", "/tmp/align-f16-unused")
    assert code == 1 and out == ""
    assert _one_line_error(err) == (
        "Error: /dev/zero: is larger than 64 MB; a transcript is far smaller (is it the right file?)")


def test_f19_text_too_dense_stays_before_the_next_marker() -> None:
    words = " ".join(f"w{i}" for i in range(80))
    text = f"[00:00:01] Ann Lee: {words}\n\n[00:00:03] Bo Chen: Next turn here.\n"
    timed = time_transcript(parse_transcript(text, path="t.txt"))
    first, second = timed.turns
    assert first.end_ms <= second.start_ms
    assert first.end_ms <= 3000 + 1000  # the next marker, within its second
    starts = [w.start_ms for w in first.words]
    assert starts == sorted(starts) and all(w.end_ms > w.start_ms for w in first.words)
    assert any("80 words in" in str(d) and "faster than anyone speaks" in str(d) for d in timed.diagnostics)


def test_f20_a_stray_byte_does_not_garble_the_file(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes("[00:00:01] Zoë Núñez: Olá “café” – fine.\n\n[00:00:05] Zoë Núñez: A stray caf".encode()
                     + b"\xe9 here.\n")
    t = read_transcript(path)
    assert t.encoding == "utf-8"
    assert " ".join(tok.text for turn in t.turns for tok in turn.tokens) == (
        "Olá “café” – fine. A stray café here.")
    assert [str(d) for d in t.diagnostics] == [
        f"{path}:3: 1 byte(s) that are not UTF-8 (line 3) read as Windows-1252; check those characters"]


def test_f20_control_characters_are_removed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "bell.txt"
    path.write_bytes(b"[00:00:01] Ann Lee: Ring\x07 the bell\x1b.\n")
    t = read_transcript(path)
    assert [tok.text for tok in t.turns[0].tokens] == ["Ring", "the", "bell."]
    assert f"{path}:1: 2 control character(s) removed" in [str(d) for d in t.diagnostics]


def test_f22_a_name_of_markup_is_escaped_in_webvtt(tmp_path: Path) -> None:
    text = "[00:00:01] Ann Lee: Hello there.\n"
    for name, voice in (("<", "&lt;"), (">", "&gt;"), ("&", "&amp;"), ("<b>Bo</b>", "&lt;b&gt;Bo&lt;/b&gt;")):
        _, out, _ = _captions(text, speaker_map={"Ann Lee": name})
        assert f"<v {voice}>Hello there." in out
        path = tmp_path / "x.vtt"
        path.write_text(out, encoding="utf-8")
        assert webvtt.read(str(path)).captions[0].text == "Hello there."


# ---------------------------------------------------------------- writing files


def test_f8_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    path = tmp_path / name
    path.write_bytes(SAMPLE.read_bytes())
    code, _out, err = _run("captions", str(path), "-o", str(tmp_path / "o"), "--format", "srt,vtt,json",
                          "--speaker", "MA=MO")
    assert code == 0, err
    doc = json.loads((tmp_path / "o" / os.fsdecode(b"caf\xe9.json")).read_text(encoding="utf-8"))
    assert doc["source"].endswith("caf\ufffd.txt")
    assert _leftovers(tmp_path / "o") == []


def test_f12_force_never_writes_over_the_transcript(tmp_path: Path) -> None:
    transcript = tmp_path / "out" / "manifest.csv"
    transcript.parent.mkdir()
    transcript.write_bytes(SAMPLE.read_bytes())
    code, _, err = _run("clips", str(transcript), "--audio", str(AUDIO), "-o", str(tmp_path / "out"),
                        "--format", "wav", "--no-refine", "--force", "--speaker", "MA=MO")
    assert code == 1
    assert _one_line_error(err).endswith("manifest.csv: would overwrite an input; choose another folder with -o")
    assert transcript.read_bytes() == SAMPLE.read_bytes()


def _write_set(folder: str, tag: str, force: bool, start: float) -> str:
    while time.time() < start:
        pass
    try:
        write_all([(Path(folder) / f"ep.{ext}", f"{tag}\n" * 2000) for ext in ("srt", "vtt", "json")], force=force)
    except (TargetExistsError, FolderBusyError) as exc:
        return type(exc).__name__
    return "done"


@pytest.mark.parametrize("force", [False, True])
def test_f13_two_runs_into_one_folder_never_mix(tmp_path: Path, force: bool) -> None:
    context = multiprocessing.get_context("spawn")
    for k in range(12):
        folder = tmp_path / f"pair{k}"
        folder.mkdir()
        start = time.time() + 0.2
        with context.Pool(2) as pool:
            results = pool.starmap(_write_set, [(str(folder), "A", force, start), (str(folder), "B", force, start)])
        assert "done" in results, results
        if not force:
            assert sorted(results) in (["TargetExistsError", "done"], ["FolderBusyError", "done"]), results
        tags = {(folder / f"ep.{ext}").read_text()[:1] for ext in ("srt", "vtt", "json")}
        assert len(tags) == 1, f"pair {k}: a mixed set {tags}"
        assert _leftovers(folder) == []


def test_f17_a_dangling_symlink_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "sample.srt").symlink_to(tmp_path / "nowhere")
    code, _, err = _run("captions", str(SAMPLE), "-o", str(out), "--speaker", "MA=MO")
    assert code == 1 and "sample.srt: already exists; add --force" in err
    assert (out / "sample.srt").is_symlink() and not (out / "sample.vtt").exists()


def test_f21_a_chosen_name_must_be_a_safe_file_name(tmp_path: Path) -> None:
    for name in ("CON", "a\\b", "a\tb", "../up", ""):
        code, out, err = _run("quote", str(SAMPLE), "took photos of everything", "--audio", str(AUDIO),
                              "-o", str(tmp_path), "--no-refine", "--name", name)
        assert code == 1 and out == ""
        assert _one_line_error(err).startswith(f"Error: --name: '{name}' cannot be a file name here")
    assert list(tmp_path.iterdir()) == []


def test_f9_infinite_or_not_a_number_pad_and_fade(tmp_path: Path) -> None:
    for option, value in (("--pad", "inf"), ("--pad", "nan"), ("--fade", "inf"), ("--fade", "nan"),
                          ("--pad", "-1"), ("--pad", "1e308")):
        code, out, err = _run("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(tmp_path / "c"),
                              option, value)
        assert code == 2 and out == "" and "Traceback" not in err and option in err
    assert not (tmp_path / "c").exists()


# ---------------------------------------------------------------- small and read-only file systems


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[object]:
    """``mount(options)``: a fresh mount point with that file system; unmounted afterwards."""
    mounted: list[Path] = []

    def make(kind: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        if kind == "full":
            args = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)]
        else:
            source = tmp_path / f"src{len(mounted)}"
            source.mkdir()
            args = ["mount", "--bind", "-o", "ro", str(source), str(point)]
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a small or read-only file system needs root and mount(8)")
        done = subprocess.run(args, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a test file system here: {done.stderr.strip()}")
        mounted.append(point)
        return point

    yield make
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


@needs_ffmpeg
def test_f6_a_full_disk_publishes_nothing(mount: object, tmp_path: Path) -> None:
    full = mount("full")  # type: ignore[operator]
    for fmt in ("mp3", "wav"):
        code, out, err = _run("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(full / fmt),
                              "--format", fmt, "--no-refine", "--speaker", "MA=MO")
        assert code == 1 and out == ""
        assert "cannot write" in _one_line_error(err) or "No space left" in err
        left = list((full / fmt).iterdir()) if (full / fmt).exists() else []
        assert left == [], left


@needs_ffmpeg
def test_f7_a_read_only_file_system(mount: object) -> None:
    ro = mount("ro")  # type: ignore[operator]
    for args in (["clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(ro / "c")],
                 ["quote", str(SAMPLE), "took photos of everything", "--audio", str(AUDIO), "-o", str(ro)],
                 ["captions", str(SAMPLE), "-o", str(ro)]):
        code, out, err = _run(*args, "--no-refine") if args[0] != "captions" else _run(*args)
        assert code == 1 and out == ""
        assert "Read-only file system" in _one_line_error(err)


def test_f14_a_full_disk_during_force_keeps_the_old_set(mount: object) -> None:
    full = mount("full")  # type: ignore[operator]
    old = [(full / f"ep.{ext}", f"old {ext}\n") for ext in ("srt", "vtt", "json")]
    write_all(old)
    big = [(full / "ep.srt", "s" * 10), (full / "ep.vtt", "v" * 10), (full / "ep.json", "j" * 200_000)]
    with pytest.raises(AlignError, match="No space left"):
        write_all(big, force=True)
    assert [p.read_text() for p, _ in old] == [text for _, text in old]
    assert _leftovers(full) == []


# ---------------------------------------------------------------- interrupts


def _align(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "align", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


@needs_ffmpeg
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_f15_a_signal_mid_clips_leaves_nothing_half_written(tmp_path: Path, sig: signal.Signals) -> None:
    out = tmp_path / "clips"
    out.mkdir()
    (out / "0001_TR_00-00-13.wav").write_bytes(b"an earlier clip")
    proc = _align("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(out), "--format", "wav",
                  "--speaker", "MA=MO", "--force", "--jobs", "1", cwd=tmp_path)
    deadline = time.time() + 30
    while not any(p.suffix == ".part" for p in out.iterdir()) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.01)  # until the first clip is being cut
    proc.send_signal(sig)
    proc.wait(timeout=30)
    expected = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGKILL: -9}[sig]
    assert proc.returncode in (expected, 0), proc.stderr.read() if proc.stderr else ""  # 0: it finished first
    assert b"Traceback" not in (proc.stderr.read() if proc.stderr else b"")
    if proc.returncode == 0:
        return
    names = sorted(p.name for p in out.iterdir())
    if sig is not signal.SIGKILL:
        assert _leftovers(out) == []
    assert "manifest.csv" not in names  # nothing published: the set appears whole or not at all
    assert (out / "0001_TR_00-00-13.wav").read_bytes() == b"an earlier clip"
    # The next run clears what a killed one left, and finishes.
    done = _align("clips", str(SAMPLE), "--audio", str(AUDIO), "-o", str(out), "--format", "wav",
                  "--speaker", "MA=MO", "--force", cwd=tmp_path)
    assert done.wait(timeout=60) == 0
    assert _leftovers(out) == [] and (out / "manifest.csv").exists()


def test_sweep_restores_a_file_a_killed_run_had_moved_aside(tmp_path: Path) -> None:
    from align.outputs import make_folder

    dead = subprocess.Popen(["true"])
    dead.wait()
    (tmp_path / f".ep.srt.{dead.pid}-0123abcd.old").write_text("the user's file")
    (tmp_path / f".ep.vtt.{dead.pid}-0123abcd.part").write_text("half")
    (tmp_path / f".ep.json.{os.getpid()}-0123abcd.part").write_text("ours, still running")
    make_folder(tmp_path)
    assert (tmp_path / "ep.srt").read_text() == "the user's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".ep.json.{os.getpid()}-0123abcd.part", "ep.srt"]


# ---------------------------------------------------------------- audio edge cases


@needs_ffmpeg
def test_f3_clips_past_the_end_of_a_short_recording(tmp_path: Path) -> None:
    short = tmp_path / "first30.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(AUDIO), "-t", "30", "-c", "copy", str(short)], check=True)
    code, _out, err = _run("clips", str(SAMPLE), "--audio", str(short), "-o", str(tmp_path / "c"),
                          "--no-refine", "--speaker", "MA=MO", "--pad", "60")
    assert code == 0, err
    assert "after the audio ends; no clip" in err and "Traceback" not in err
    manifest = (tmp_path / "c" / "manifest.csv").read_text().splitlines()
    assert len(manifest) > 1
    code, _out, err = _run("quote", str(SAMPLE), "a pleasure to be here", "--audio", str(short),
                          "-o", str(tmp_path / "q"), "--no-refine", "--pad", "60")
    assert code == 0, err
    code, _out, err = _run("quote", str(SAMPLE), "took photos of everything", "--audio", str(short),
                          "-o", str(tmp_path / "q"), "--no-refine")
    assert code == 1 and "has no audio at 00:00:35 (it ends at 00:00:30)" in _one_line_error(err)


def test_make_captions_api_names_no_flag(tmp_path: Path) -> None:
    with pytest.raises(AlignError) as err:
        make_captions(SAMPLE, speaker_map={"XX": "YY"})
    assert "--" not in str(err.value)
    with pytest.raises(InputError):
        make_captions(tmp_path / "missing.txt")
    timed = time_transcript(read_transcript(SAMPLE))
    assert all("--" not in d.message for d in timed.diagnostics)
    assert replace(timed, turns=()).turns == ()


@pytest.mark.needs_ffmpeg
def test_f18_silence_never_aligns(tmp_path: Path) -> None:
    # Two of the sample's turns were "found" in two minutes of digital silence.
    from align.refine import AudioMismatch
    from tests.support import write_wav

    silence = write_wav(tmp_path / "silence.wav", np.zeros(115 * 16_000, dtype=np.int16))
    with pytest.raises(AudioMismatch):
        make_captions(SAMPLE, audio=silence)
    timed = make_captions(SAMPLE, audio=silence, accept_mismatch=True).timed
    assert timed.alignment is not None
    assert [r.aligned_start_ms for r in timed.alignment.reports] == [None] * len(timed.turns)
    assert not any(t.aligned for t in timed.turns)


def test_f23_a_turn_that_cannot_be_found_gives_up_within_bounded_work() -> None:
    # A 50,000-word turn against three hours of another recording: after four windows that
    # found nothing, the rest of the turn was searched over the rest of the recording (minutes
    # in PocketSphinx). Now the work a turn costs is bounded by its first windows.
    import numpy.typing as npt

    from align.aligner.grammar import Chain
    from align.aligner.tokens import TurnSpec
    from align.aligner.walk import WalkSettings, walk_job

    rate = 16_000

    class Nothing:
        frame_ms = 10.0

        def __init__(self) -> None:
            self.samples = 0
            self.words = 0

        def align(self, samples: npt.NDArray[np.int16], chain: Chain,
                  before: npt.NDArray[np.int16] | None = None) -> None:
            self.samples += len(samples)
            self.words = max(self.words, len(chain.words))
            return None

    n = 50_000
    hours = 3 * 3_600_000
    spec = TurnSpec(0, tuple(f"w{k}" for k in range(n)), tuple(range(n)), (), (), 0, hours, True)
    decoder = Nothing()
    (result,) = walk_job(decoder, np.zeros(hours * rate // 1000, dtype=np.int16), [spec])
    assert result.found == 0 and result.reason == "no alignment found"
    settings = WalkSettings()
    assert decoder.words <= settings.chunk_words + settings.most_lookahead_words + settings.tail_words
    assert decoder.samples / rate < 600  # under ten minutes of audio decoded for a three-hour turn

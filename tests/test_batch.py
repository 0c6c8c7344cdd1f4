"""align.batch: many episodes in one run, what is already done, and a manifest."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from tests.support import SAMPLE, run_cli


def test_a_batch_with_one_broken_episode_and_its_rerun(tmp_path: Path) -> None:
    (tmp_path / "eps").mkdir()
    for name in ("a", "b"):
        shutil.copyfile(SAMPLE, tmp_path / "eps" / f"{name}.txt")
    (tmp_path / "eps" / "c.txt").write_bytes(b"\x89PNG\x00\x00\x00binary")
    code, out, err = run_cli("captions", *(str(tmp_path / "eps" / f"{n}.txt") for n in "abc"), "-o",
                          str(tmp_path / "subs"), "--speaker", "MA=MO", "--jobs", "2")
    assert code == 1
    rows = [line.split() for line in out.splitlines()]
    assert [r[1] for r in rows[1:4]] == ["done", "done", "failed"]
    assert rows[-1] == "3 episodes: 2 done, 0 skipped, 1 failed".split()
    assert f"Error: {tmp_path / 'eps' / 'c.txt'}: looks like a binary file" in err
    assert sorted(p.name for p in (tmp_path / "subs").iterdir()) == ["a.srt", "a.vtt", "b.srt", "b.vtt"]
    code, out, _ = run_cli("captions", *(str(tmp_path / "eps" / f"{n}.txt") for n in "abc"), "-o",
                        str(tmp_path / "subs"), "--speaker", "MA=MO")
    assert code == 1 and out.splitlines()[-1] == "3 episodes: 0 done, 2 skipped, 1 failed"
    (tmp_path / "eps" / "a.txt").touch()
    os.utime(tmp_path / "eps" / "a.txt", (time.time() + 5, time.time() + 5))  # edited after its captions
    code, out, _ = run_cli("captions", *(str(tmp_path / "eps" / f"{n}.txt") for n in "ab"), "-o",
                        str(tmp_path / "subs"), "--speaker", "MA=MO", "--force")
    assert code == 0 and out.splitlines()[-1] == "2 episodes: 2 done, 0 skipped, 0 failed"


def test_a_manifest_names_each_episode(tmp_path: Path) -> None:
    shutil.copyfile(SAMPLE, tmp_path / "one.txt")
    (tmp_path / "list.csv").write_text("transcript,output\none.txt,out/one.vtt\nmissing.txt,\n")
    code, out, err = run_cli("captions", "--manifest", str(tmp_path / "list.csv"), "-o", str(tmp_path / "rest"))
    assert code == 1 and (tmp_path / "out" / "one.vtt").exists()
    assert "missing.txt: no such file" in err and out.splitlines()[-1] == "2 episodes: 1 done, 0 skipped, 1 failed"
    (tmp_path / "bad.csv").write_text("file\nx.txt\n")
    code, _, err = run_cli("captions", "--manifest", str(tmp_path / "bad.csv"))
    assert code == 1 and "bad.csv:1: needs a header line with a 'transcript' column" in err


def test_a_recording_is_found_by_name(tmp_path: Path) -> None:
    from align.batch import plan

    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "ep1.mp3").write_bytes(b"x")
    episodes = plan([tmp_path / "ep1.txt", tmp_path / "ep2.txt"], tmp_path / "out", audio_dir=tmp_path / "media")
    assert episodes[0].audio == tmp_path / "media" / "ep1.mp3" and episodes[0].problem == ""
    assert episodes[1].audio is None and "no recording named ep2.* in" in episodes[1].problem

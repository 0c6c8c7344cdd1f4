from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pysrt
import pytest
import webvtt

from align.cues import LabelMode, label_for, speaker_changes
from align.errors import OutputError
from align.model import Cue, Speaker, Turn, Word
from align.outputs import write_atomic
from align.writers import srt, vtt


def to_vtt(cues: list[Cue]) -> str:
    return vtt.render_cues(cues)


def to_srt(cues: list[Cue], turns: list[Turn], mode: LabelMode) -> str:
    changed = speaker_changes(turns)
    labelled = [replace(c, label=label_for(turns[c.turn], c.first_word, c.turn in changed, mode)) for c in cues]
    return srt.render_cues(labelled)

CL = Speaker("CL", "Connor Leahy")
SM = Speaker("SM", "Stefano Maffulli")


def _fixture() -> tuple[list[Cue], list[Turn]]:
    turns = [
        Turn(0, CL, 1, 0, (Word("Tom", 0, 100), Word("&", 100, 200), Word("<Jerry>", 200, 300), Word("-->", 300, 400))),
        Turn(1, CL, 3, 1000, (Word("More.", 1000, 1500),)),
        Turn(2, SM, 5, 2000, (Word("Yes.", 2000, 2500),)),
    ]
    cues = [
        Cue(0, 999, ("Tom & <Jerry>", "-->"), CL, 0, 0, 4),
        Cue(1000, 1900, ("More.",), CL, 1, 0, 1),
        Cue(2000, 3333, ("Yes.",), SM, 2, 0, 1),
    ]
    return cues, turns


def test_vtt_escapes_and_names_voices(tmp_path: Path) -> None:
    cues, _ = _fixture()
    text = to_vtt(cues)
    assert "<v Connor Leahy>Tom &amp; &lt;Jerry&gt;\n-&gt;\n" in text
    assert "00:00:02.000 --> 00:00:03.333\n<v Stefano Maffulli>Yes." in text
    assert "\n\n\n" not in text
    path = tmp_path / "x.vtt"
    path.write_text(text, encoding="utf-8")
    read = webvtt.read(str(path))
    assert len(read.captions) == 3 and read.captions[2].start == "00:00:02.000"


@pytest.mark.parametrize(
    ("mode", "first", "second", "third"),
    [
        (LabelMode.NONE, "Tom & <Jerry>", "More.", "Yes."),
        (LabelMode.INITIALS, "CL: Tom & <Jerry>", "More.", "SM: Yes."),
        (LabelMode.NAMES, "[Connor Leahy] Tom & <Jerry>", "More.", "[Stefano Maffulli] Yes."),
        (LabelMode.EVERY, "[Connor Leahy] Tom & <Jerry>", "[Connor Leahy] More.", "[Stefano Maffulli] Yes."),
    ],
)
def test_srt_labels_and_round_trip(tmp_path: Path, mode: LabelMode, first: str, second: str, third: str) -> None:
    cues, turns = _fixture()
    path = tmp_path / "x.srt"
    path.write_text(to_srt(cues, turns, mode), encoding="utf-8")
    subs = pysrt.open(str(path))
    assert [s.text.split("\n")[0] for s in subs] == [first, second, third]
    assert subs[0].text.split("\n")[1] == "->"  # never "-->" inside a cue
    assert [(s.start.ordinal, s.end.ordinal) for s in subs] == [(0, 999), (1000, 1900), (2000, 3333)]


def test_write_atomic_protects_inputs_and_existing_files(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("original")
    with pytest.raises(OutputError, match="would overwrite an input"):
        write_atomic(src, "x", protect=[src], force=True)
    assert src.read_text() == "original"
    out = tmp_path / "out.srt"
    write_atomic(out, "one")
    with pytest.raises(OutputError, match=r"already exists$"):
        write_atomic(out, "two")
    write_atomic(out, "two", force=True)
    assert out.read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.srt"]  # no temp files left


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_non_root(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(OutputError, match="cannot write it"):
        write_atomic(folder / "x.srt", "x")


def test_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot write there"):
        write_atomic(blocker / "x.srt", "x")


def test_outputs_get_the_permissions_the_umask_allows(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "x.srt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "x.srt").stat().st_mode & 0o777 == 0o644

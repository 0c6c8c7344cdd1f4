"""align.outputs: the one write policy (atomic, never over an input, all or nothing, one run a folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from align.errors import OutputError
from align.outputs import publish, temp_path, write_atomic


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


@pytest.mark.needs_unprivileged
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


def test_publish_never_replaces_without_force(tmp_path: Path) -> None:
    final = tmp_path / "a.wav"
    final.write_bytes(b"mine")
    tmp = temp_path(final)
    tmp.write_bytes(b"new")
    with pytest.raises(OutputError, match=r"a\.wav: already exists$"):
        publish(tmp, final, force=False)
    assert final.read_bytes() == b"mine" and not tmp.exists()
    tmp.write_bytes(b"new")
    publish(tmp, final, force=True)
    assert final.read_bytes() == b"new" and not tmp.exists()

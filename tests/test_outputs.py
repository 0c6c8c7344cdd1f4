"""align.outputs: the one write policy (atomic, never over an input, all or nothing, one run a folder)."""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from align import outputs
from align.errors import CannotWriteError, FolderBusyError, InputOverwriteError, OutputError, TargetExistsError
from align.outputs import Data, folder_lock, publish, temp_path, write_all, write_atomic


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


# ---------------------------------------------------------------- all or nothing


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_all_places_every_file(tmp_path: Path) -> None:
    files: list[tuple[Path, Data]] = [(tmp_path / "out" / "a.srt", "one"), (tmp_path / "out" / "a.json", b"{}")]
    write_all(files)
    assert _names(tmp_path / "out") == ["a.json", "a.srt"]
    assert (tmp_path / "out" / "a.srt").read_text() == "one" and (tmp_path / "out" / "a.json").read_bytes() == b"{}"


def test_one_existing_file_stops_them_all_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "a.vtt").write_text("mine")
    with pytest.raises(TargetExistsError, match=r"a\.vtt: already exists$"):
        write_all([(tmp_path / "a.srt", "new"), (tmp_path / "a.vtt", "new")])
    assert _names(tmp_path) == ["a.vtt"] and (tmp_path / "a.vtt").read_text() == "mine"


def test_a_failure_while_placing_takes_back_what_was_placed(tmp_path: Path) -> None:
    (tmp_path / "a.srt").write_text("old srt")
    (tmp_path / "a.vtt").mkdir()  # a folder cannot be replaced by a file, even with force
    with pytest.raises(CannotWriteError, match=r"a\.vtt: cannot write it \(a folder has that name\)"):
        write_all([(tmp_path / "a.srt", "new srt"), (tmp_path / "a.json", "new"), (tmp_path / "a.vtt", "new")],
                  force=True)
    assert (tmp_path / "a.srt").read_text() == "old srt"  # restored
    assert _names(tmp_path) == ["a.srt", "a.vtt"]  # a.json taken back; no temporary or set-aside file


def test_a_file_that_appears_after_the_check_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "b.srt"
    real = outputs.check_targets

    def check_then_another_program_writes(paths: Sequence[Path], inputs: Sequence[Path], *, force: bool) -> None:
        real(paths, inputs, force=force)
        target.write_text("theirs")

    monkeypatch.setattr(outputs, "check_targets", check_then_another_program_writes)
    with pytest.raises(TargetExistsError):
        write_all([(tmp_path / "a.srt", "ours"), (target, "ours")])
    assert _names(tmp_path) == ["b.srt"] and target.read_text() == "theirs"


def test_without_hard_links_a_file_is_renamed_into_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write_atomic(tmp_path / "a.srt", "one")
    assert _names(tmp_path) == ["a.srt"] and (tmp_path / "a.srt").read_text() == "one"
    tmp = temp_path(tmp_path / "a.srt")
    tmp.write_text("two")
    with pytest.raises(TargetExistsError):
        publish(tmp, tmp_path / "a.srt", force=False)
    assert (tmp_path / "a.srt").read_text() == "one" and _names(tmp_path) == ["a.srt"]


def test_a_full_disk_leaves_the_old_file_and_no_temporary_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.srt").write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CannotWriteError, match=r"a\.srt: cannot write it \(No space left on device\)"):
        write_atomic(tmp_path / "a.srt", "new", force=True)
    assert _names(tmp_path) == ["a.srt"] and (tmp_path / "a.srt").read_text() == "old"


def test_a_failed_rename_puts_the_replaced_file_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    final = tmp_path / "a.srt"
    final.write_text("old")
    tmp = temp_path(final)
    tmp.write_text("new")
    real = os.replace

    def failing(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(src) == tmp:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(CannotWriteError, match="Input/output error"):
        publish(tmp, final, force=True)
    assert _names(tmp_path) == ["a.srt"] and final.read_text() == "old"


# ---------------------------------------------------------------- inputs and links


def test_an_input_is_protected_under_any_name(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("original")
    (tmp_path / "hard.txt").hardlink_to(src)
    (tmp_path / "soft.txt").symlink_to(src)
    (tmp_path / "alias").symlink_to(tmp_path, target_is_directory=True)
    for other in ("hard.txt", "soft.txt", "alias/in.txt"):
        with pytest.raises(InputOverwriteError, match="would overwrite an input"):
            write_atomic(tmp_path / other, "x", protect=[src], force=True)
    assert src.read_text() == "original"


def test_a_symlink_counts_as_a_file_even_when_it_points_nowhere(tmp_path: Path) -> None:
    link = tmp_path / "a.srt"
    link.symlink_to(tmp_path / "nowhere.srt")
    assert outputs.exists(link) and not link.exists()
    with pytest.raises(TargetExistsError):
        write_atomic(link, "x")
    write_atomic(link, "x", force=True)
    assert not link.is_symlink() and link.read_text() == "x"
    assert not (tmp_path / "nowhere.srt").exists()  # the link is replaced, not written through


def test_forcing_over_a_symlink_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    target = tmp_path / "theirs.srt"
    target.write_text("theirs")
    (tmp_path / "a.srt").symlink_to(target)
    write_atomic(tmp_path / "a.srt", "ours", force=True)
    assert target.read_text() == "theirs" and (tmp_path / "a.srt").read_text() == "ours"


# ---------------------------------------------------------------- one run a folder

_HOLDER = """
import sys
from pathlib import Path
from align.outputs import folder_lock
with folder_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_folder_another_process_writes_into_is_refused(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(tmp_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(FolderBusyError, match="another align run is writing into this folder"):
            write_atomic(tmp_path / "a.srt", "x")
        assert _names(tmp_path) == []
    finally:
        holder.communicate("")
    write_atomic(tmp_path / "a.srt", "x")  # free again once the other run ends
    assert _names(tmp_path) == ["a.srt"]


def test_the_lock_is_held_again_within_one_process_and_released_at_the_end(tmp_path: Path) -> None:
    with folder_lock(tmp_path), folder_lock(tmp_path / "."):
        write_atomic(tmp_path / "a.srt", "x")  # publishing inside a held lock
        with pytest.raises(BlockingIOError):
            _flock(tmp_path)  # another open file: refused while held
    _flock(tmp_path)  # released


def _flock(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)


def test_a_folder_that_cannot_be_opened_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CannotWriteError, match="cannot write there"), folder_lock(tmp_path / "missing"):
        pass

"""The write policy, in one place: every file align writes goes through here.

- Nothing is written over an input, ever, nor over an existing file (or a symlink,
  even a dangling one) unless ``force``.
- A file is written to a hidden temporary name beside its target and renamed into
  place, so no reader ever sees half a file; a full disk leaves the old file as it was.
- A set of files (an SRT, a VTT and a JSON) is published all or nothing: if one cannot
  be, those already placed are taken back and the files they replaced restored.
- Two align runs never write into one folder at once: the second is refused (the folder
  is locked while files are published into it).
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

from align.errors import CannotWriteError, FolderBusyError, InputOverwriteError, TargetExistsError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

Data = str | bytes


def exists(path: Path) -> bool:
    """True for a file, a folder or a symlink at ``path``, even one that points nowhere."""
    return os.path.lexists(path)


def check_targets(paths: Sequence[Path], inputs: Sequence[Path], *, force: bool) -> None:
    """Refuse, before anything is written, to write over an input or (unless ``force``) any file."""
    originals = {_identity(p) for p in inputs}
    for path in paths:
        if _identity(path) in originals:
            raise InputOverwriteError(path)
        if not force and exists(path):
            raise TargetExistsError(path)


def _identity(path: Path) -> Path | tuple[int, int]:
    """What makes two names one file: device and inode when it exists, else the resolved path."""
    try:
        st = path.stat()
    except OSError:
        return path.resolve()
    return (st.st_dev, st.st_ino)


def discard(path: Path) -> None:
    """Remove a temporary file if it is there; a file system that refuses is not an error here."""
    with contextlib.suppress(OSError):
        path.unlink()


def temp_path(final: Path, kind: str = "part") -> Path:
    """A fresh hidden name beside ``final``: renaming it into place is atomic. It names
    this process, so a run killed before it could clean up is recognised later."""
    return final.with_name(f".{final.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.{kind}")


_OURS = re.compile(r"^\.(?P<final>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.(?P<kind>part|old)$")


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents when missing, and clear what a killed run left there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CannotWriteError(folder, "a file has that name", folder=True) from None
    except OSError as exc:
        raise CannotWriteError(folder, exc.strerror or str(exc), folder=True) from exc
    sweep(folder)


def sweep(folder: Path) -> None:
    """Remove the temporary files of align runs that are no longer running (killed, so
    they could not clean up), and put back a file one of them had moved aside."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _OURS.match(name)
        if m is None or _alive(int(m.group("pid"))):
            continue
        leftover, final = folder / name, folder / m.group("final")
        with contextlib.suppress(OSError):
            if m.group("kind") == "old" and not exists(final):
                os.replace(leftover, final)  # killed between moving the old file aside and replacing it
            else:
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and is someone else's
        return True
    return True


def write_temp(final: Path, data: Data) -> Path:
    """``data`` written and flushed to disk under a temporary name beside ``final``."""
    tmp = temp_path(final)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with tmp.open("xb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        discard(tmp)
        raise CannotWriteError(final, exc.strerror or str(exc)) from exc
    return tmp


def write_atomic(path: Path, data: Data, *, protect: Sequence[Path] = (), force: bool = False) -> None:
    """Write one file atomically; see ``write_all``."""
    write_all([(path, data)], protect=protect, force=force)


def write_all(files: Sequence[tuple[Path, Data]], *, protect: Sequence[Path] = (), force: bool = False) -> None:
    """Write every file or none of them; see ``commit``."""
    commit([], files, protect=protect, force=force)


def commit(finished: Sequence[tuple[Path, Path]], files: Sequence[tuple[Path, Data]] = (), *,
           protect: Sequence[Path] = (), force: bool = False) -> None:
    """Put ``finished`` temporary files (``(temporary, final)``) in place and write ``files``:
    all of them or none.

    Refuses to write over any of ``protect`` (the inputs) and, unless ``force``, over
    anything that exists. The data is written to temporary files first (a full disk
    stops it there, with nothing changed); then, with the folders locked, every file
    is put in place, and a failure puts back what was there before. The temporary
    files are gone afterwards, whatever happened.
    """
    temps = [tmp for tmp, _ in finished]
    try:
        paths = [p for _, p in finished] + [p for p, _ in files]
        check_targets(paths, protect, force=force)
        for folder in dict.fromkeys(p.parent for p in paths):
            make_folder(folder)
        pairs = list(finished)
        for path, data in files:
            tmp = write_temp(path, data)
            temps.append(tmp)
            pairs.append((tmp, path))
        with contextlib.ExitStack() as stack:
            for folder in sorted({p.parent.resolve() for p in paths}):
                stack.enter_context(folder_lock(folder))
            check_targets(paths, protect, force=force)  # another program may have written meanwhile
            publish_all(pairs, force=force)
    finally:
        for tmp in temps:
            discard(tmp)


def publish(tmp: Path, final: Path, *, force: bool) -> None:
    """Move the finished ``tmp`` to ``final``; without ``force`` never replace anything."""
    try:
        publish_all([(tmp, final)], force=force)
    finally:
        discard(tmp)


def publish_all(pairs: Sequence[tuple[Path, Path]], *, force: bool) -> None:
    """Rename each finished temporary file to its final name, all or nothing.

    Without ``force`` a file is linked into place, which fails if the name is taken even
    a moment before; with ``force`` what it replaces is kept aside until all are placed.
    """
    placed: list[tuple[Path, Path | None]] = []  # (final, what it replaced, moved aside)
    try:
        for tmp, final in pairs:
            placed.append((final, _place(tmp, final, force=force)))
    except BaseException:
        for final, aside in reversed(placed):
            with contextlib.suppress(OSError):
                if aside is not None:
                    os.replace(aside, final)
                else:
                    final.unlink()
        raise
    for _, aside in placed:
        if aside is not None:
            with contextlib.suppress(OSError):
                aside.unlink()


def _place(tmp: Path, final: Path, *, force: bool) -> Path | None:
    try:
        if not force:
            try:
                os.link(tmp, final)  # fails if final exists, even if it appeared a moment ago
                return None
            except FileExistsError:
                raise TargetExistsError(final) from None
            except OSError:  # no hard links on this file system
                if exists(final):
                    raise TargetExistsError(final) from None
                os.replace(tmp, final)
                return None
        aside = None
        if exists(final):
            if final.is_dir() and not final.is_symlink():
                raise CannotWriteError(final, "a folder has that name")
            aside = temp_path(final, "old")
            os.replace(final, aside)
        try:
            os.replace(tmp, final)
        except BaseException:
            if aside is not None:
                os.replace(aside, final)
            raise
        return aside
    except OSError as exc:
        raise CannotWriteError(final, exc.strerror or str(exc)) from exc


# ---------------------------------------------------------------- one run per folder

_held: dict[Path, tuple[int, int]] = {}  # folder -> (descriptor, holders in this process)
_held_lock = threading.Lock()


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder`` for this process; another process holding it makes this fail at once.

    Re-entrant within a process (clips lock their folder for the whole export and
    publish each file inside it). Where the system has no ``flock`` this does nothing.
    """
    key = folder.resolve()
    with _held_lock:
        if key in _held:
            fd, count = _held[key]
            _held[key] = (fd, count + 1)
        else:
            fd = _lock(key)
            _held[key] = (fd, 1)
    try:
        yield
    finally:
        with _held_lock:
            fd, count = _held[key]
            if count > 1:
                _held[key] = (fd, count - 1)
            else:
                del _held[key]
                if fd >= 0:
                    os.close(fd)  # closing releases the lock


def _lock(folder: Path) -> int:
    if fcntl is None:  # pragma: no cover
        return -1
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise CannotWriteError(folder, exc.strerror or str(exc), folder=True) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise FolderBusyError(folder) from None
    except OSError:  # a file system without locks: go on unlocked
        pass
    return fd

"""align.aligner.spool: the jobs' audio handed to the workers through a temporary file."""

from __future__ import annotations

import os
import resource
import signal
import tempfile
from pathlib import Path
from typing import IO

import numpy as np
import pytest

from align.aligner.spool import Spooled, samples_of, spool


@pytest.fixture
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with spool() as audio_file:
        if not isinstance(audio_file.put(np.zeros(1, np.int16)), Spooled):
            pytest.skip(f"no unnamed files in {tmp_path} (not Linux, or its file system has no O_TMPFILE)")
    return tmp_path


def test_each_slice_reads_back_whole_from_a_file_without_a_name(own_temp: Path) -> None:
    rng = np.random.default_rng(3)
    recording = rng.integers(-32768, 32767, 50_000, dtype=np.int16)
    slices = [recording[100:20_000], recording[15_000:40_000], recording[::2]]  # overlapping, and strided
    with spool() as audio_file:
        first = audio_file.put(slices[0])
        assert isinstance(first, Spooled) and np.array_equal(samples_of(first), slices[0])  # readable at once
        sent = [first, *(audio_file.put(s) for s in slices[1:])]
        assert all(isinstance(s, Spooled) for s in sent)
        assert [len(s) for s in sent] == [len(s) for s in slices]
        assert list(own_temp.iterdir()) == []  # nothing a killed run could leave behind
        assert Path(first.path).stat().st_size == 2 * sum(len(s) for s in slices)
        for original, s in zip(slices, sent, strict=True):
            assert np.array_equal(samples_of(s), original)
        assert audio_file.put(sent[1]) is sent[1]  # already in the file
    with pytest.raises(OSError):
        samples_of(first)  # closed: gone


def test_samples_in_memory_are_themselves() -> None:
    data = np.arange(10, dtype=np.int16)
    assert samples_of(data) is data


def test_a_temporary_folder_that_cannot_be_written_sends_the_samples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    data = np.arange(10, dtype=np.int16)
    with spool() as audio_file:
        assert audio_file.put(data) is data


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to fill")
def test_a_full_disk_sends_the_samples(own_temp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(handle: int, mode: str, buffering: int) -> IO[bytes]:
        os.close(handle)
        return open("/dev/full", "wb", buffering=buffering)  # closed by spool()

    monkeypatch.setattr(os, "fdopen", full)
    data = np.arange(100_000, dtype=np.int16)
    with spool() as audio_file:
        assert audio_file.put(data) is data
        tail = data[:10]
        assert audio_file.put(tail) is tail


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="no file size limit to hit")
def test_slices_written_before_the_file_filled_stay_readable(own_temp: Path) -> None:
    data = np.arange(1000, dtype=np.int16)
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    before = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
    try:
        with spool() as audio_file:
            resource.setrlimit(resource.RLIMIT_FSIZE, (3 * data.nbytes // 2, limit[1]))
            first = audio_file.put(data)
            second = audio_file.put(data)  # past the limit: sent by pipe, and so is the next
            third = data[:10]
            assert isinstance(first, Spooled) and second is data and audio_file.put(third) is third
            resource.setrlimit(resource.RLIMIT_FSIZE, limit)
            assert np.array_equal(samples_of(first), data)  # still there for the worker that has it
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limit)
        signal.signal(signal.SIGXFSZ, before)


def test_a_file_cut_short_is_an_error_not_silence(tmp_path: Path) -> None:
    path = tmp_path / "short.pcm"
    np.arange(10, dtype=np.int16).tofile(path)
    with pytest.raises(OSError, match="4 of the 20 samples"):
        Spooled(str(path), 6, 20).read()

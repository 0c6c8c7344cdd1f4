"""Decoding a whole recording for alignment, in pieces side by side when it is long."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from align.audio.probe import AudioInfo, probe
from align.audio.read import open_pcm
from align.progress import SILENT, Progress, stage


def decode_whole(path: Path, ffmpeg: Path | None, rate: int, parts: int = 2,
                 progress: Progress = SILENT) -> tuple[np.ndarray, int]:
    """The whole recording as mono int16 at ``rate``, and its length in ms.

    A long compressed recording is decoded in ``parts`` pieces side by side (one
    ffmpeg each, seeking on the input). Each piece after the first starts a second
    early; that second must equal the end of the piece before it, or the whole file
    is decoded again in one go.
    """
    info = probe(path, ffmpeg)
    duration = info.duration_ms or 0
    with stage(f"decoding {path.name}", progress, duration // 1000, "s") as advance:
        heard = _Heard(advance, rate)
        if parts < 2 or duration < _SPLIT_MIN_MS or (info.wav and info.sample_rate == rate and info.channels == 1):
            return _decode(info, ffmpeg, rate, [(0, None)], heard)
        seams = [duration * k // parts // 1000 * 1000 for k in range(1, parts)]
        ranges = [(0, seams[0]), *zip([s - _OVERLAP_MS for s in seams], [*seams[1:], None], strict=True)]
        try:
            return _decode(info, ffmpeg, rate, ranges, heard)
        except _SeamMismatch:
            return _decode(info, ffmpeg, rate, [(0, None)], _Heard(_ignore, rate))


class _Heard:
    """Counts decoded samples from several threads and reports whole seconds."""

    def __init__(self, advance: Callable[[int], None], rate: int) -> None:
        self.advance, self.rate = advance, rate
        self._samples = 0
        self._lock = threading.Lock()

    def __call__(self, samples: int) -> None:
        with self._lock:
            before = self._samples // self.rate
            self._samples += samples
            seconds = self._samples // self.rate - before
        if seconds:
            self.advance(seconds)


def _ignore(done: int) -> None:
    pass


_SPLIT_MIN_MS = 5 * 60_000  # shorter recordings decode in one piece
_OVERLAP_MS = 1000  # each later piece starts this early; its second half is compared


class _SeamMismatch(Exception):
    pass


def _decode(info: AudioInfo, ffmpeg: Path | None, rate: int,
            ranges: Sequence[tuple[int, int | None]], heard: Callable[[int], None]) -> tuple[np.ndarray, int]:
    """Decode ``ranges`` side by side into one array (the first piece decides nothing)."""
    expected = (info.duration_ms or 0) * rate // 1000 + rate
    checked, flush = rate * _OVERLAP_MS // 2000, rate // 100
    out = np.empty(expected, dtype=np.int16)
    starts = [0 if k == 0 else (lo + _OVERLAP_MS) * rate // 1000 for k, (lo, _) in enumerate(ranges)]
    limits = [*starts[1:], None]
    overlaps: list[np.ndarray] = [np.empty(0, np.int16)] * len(ranges)

    def piece(k: int) -> tuple[int, np.ndarray]:
        lo, hi = ranges[k]
        reader = open_pcm(info, lo, hi, ffmpeg, rate=rate, channels=1)
        skip = 0 if k == 0 else rate * _OVERLAP_MS // 1000
        head, filled, buf = [], starts[k], out
        try:
            while len(chunk := reader.read(1 << 16)):
                flat = chunk.reshape(-1)
                if skip:
                    head.append(flat[:skip])
                    flat, skip = flat[skip:], max(0, skip - len(flat))
                limit = limits[k]
                if limit is not None:
                    flat = flat[: max(0, limit - filled)]
                if filled + len(flat) > len(buf):  # longer than the probe said: only the last piece
                    buf = np.concatenate([buf[:filled], np.empty(max(len(flat), len(buf) // 2), np.int16)])
                buf[filled : filled + len(flat)] = flat
                filled += len(flat)
                heard(len(chunk))
        finally:
            reader.close()
        overlaps[k] = np.concatenate(head) if head else np.empty(0, np.int16)
        return filled, buf

    if len(ranges) == 1:
        filled, out = piece(0)
    else:
        with ThreadPoolExecutor(len(ranges)) as pool:
            done = list(pool.map(piece, range(len(ranges))))
        for k in range(1, len(ranges)):
            before = done[k - 1][0]
            ours, theirs = out[before - checked : before], overlaps[k][-checked:]
            if before != starts[k] or len(theirs) != checked or not _same(ours, theirs):
                raise _SeamMismatch
            # a piece's last milliseconds are resampled without what follows: take the next one's
            out[before - flush : before] = overlaps[k][-flush:]
        filled, last = done[-1]
        if last is not out:  # the last piece grew its own copy
            last[: starts[-1]] = out[: starts[-1]]
            out = last
    samples = out[:filled].copy() if filled < len(out) // 2 else out[:filled]
    return samples, filled * 1000 // rate


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Two decodings of the same stretch: equal but for rounding (and never shifted)."""
    diff = a.astype(np.int32) - b.astype(np.int32)
    level = float(np.sqrt(np.mean(a.astype(np.float64) ** 2)))
    return float(np.sqrt(np.mean(diff.astype(np.float64) ** 2))) <= max(4.0, 0.01 * level)

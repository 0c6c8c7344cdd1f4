"""Cutting one clip: decode its range, snap both ends to quiet, fade and encode it.

Boundaries: the transcript's first word start and last word end are widened by
``pad_ms``, then each moves to the quietest point within 0.5 s outward or 0.3 s
inward (``Snap``), by energy over 10 ms frames of the decoded audio (see ``snap``).
Neighbouring clips share one ffmpeg decoder (see ``Decoder``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from align import audio
from align.audio import AudioFormat, AudioInfo, Samples
from align.clips.choosing import ClipOptions, Snap

FRAME_MS = 10  # energy is measured over 10 ms frames
QUIET_AWAY = 3  # a cut needs 30 ms of quiet on the side away from the words
QUIET_TOWARD = 8  # and 80 ms toward them: a word's time starts before its sound
MARGIN_MS = 120  # decoded beyond each snap window (covers the above and decoder warm-up)
DISTANCE_DB_PER_S = 20.0  # what each second away from the target costs, in dB
INSIDE_DB_PER_10MS = 1.0  # what each 10 ms into the clip's own (estimated) words costs
CHUNK_MS = 1000  # decoded audio moves in chunks of this length
REUSE_GAP_MS = 60_000  # decode through a gap this long rather than restart ffmpeg
KEEP_MS = 5000  # decoded audio held back for a next clip that overlaps this one


# ---------------------------------------------------------------- snapping


def snap(energy_db: npt.NDArray[np.float64], rate: int, origin: int, target: int,
         lo: int, hi: int, speech: int, *, is_start: bool) -> int:
    """The cut point (a sample index) for one boundary: the quietest point in ``[lo, hi]``.

    ``energy_db`` holds the power of 10 ms frames from sample ``origin``. A point is as
    loud as the loudest frame from ``QUIET_AWAY`` frames on the outer side to
    ``QUIET_TOWARD`` frames on the words' side of it, so it must sit in a pause, not in
    a stop consonant, with room before the word. Ties go to the point nearest ``target``;
    points on the words' side of ``speech`` (the estimated first word start, or last
    word end) pay for each 10 ms they reach into the words. Returns ``target`` clamped
    to the decoded range when no frame lies in ``[lo, hi]``.
    """
    n, frame = len(energy_db), rate * FRAME_MS // 1000
    centers = origin + np.arange(n) * frame + frame // 2
    inside = (centers >= lo) & (centers <= hi)
    if n == 0 or not inside.any():
        return int(min(max(target, origin), origin + n * frame))
    before, after = (QUIET_AWAY, QUIET_TOWARD) if is_start else (QUIET_TOWARD, QUIET_AWAY)
    padded = np.pad(energy_db, (before, after), mode="edge")
    loud = np.lib.stride_tricks.sliding_window_view(padded, before + after + 1).max(axis=1)
    cost = loud + DISTANCE_DB_PER_S * np.abs(centers - target) / rate
    into = (centers - speech) if is_start else (speech - centers)
    cost += INSIDE_DB_PER_10MS * np.maximum(into, 0) / max(frame, 1)
    cost[~inside] = np.inf
    return int(centers[int(np.argmin(cost))])


@dataclass(frozen=True, slots=True)
class Span:
    """A clip to cut: the estimated speech ``[start_ms, end_ms)``, where to write, its tags.

    Padding and snapping never take the clip before ``floor_ms`` or past ``ceiling_ms``:
    where the turns before and after it were found to end and start, so a clip never
    takes in a neighbour's last or first sound.
    """

    start_ms: int
    end_ms: int
    path: Path
    tags: dict[str, str] = field(default_factory=dict)
    floor_ms: int = 0
    ceiling_ms: int | None = None

    def bounded(self, start_ms: int, end_ms: int) -> tuple[int, int]:
        """``start_ms`` and ``end_ms`` kept within the floor and the ceiling."""
        ceiling = end_ms if self.ceiling_ms is None else min(end_ms, self.ceiling_ms)
        return max(start_ms, self.floor_ms), ceiling


@dataclass(slots=True)
class _Plan:
    """A span's boundaries in samples: targets, snap windows, decode range."""

    rate: int
    t0: int
    t1: int
    s_lo: int
    s_hi: int
    e_lo: int
    e_hi: int
    speech0: int
    speech1: int
    first: int  # first decoded sample
    margin: int
    fade: int


def _plan(span: Span, rate: int, pad_ms: int, fade_ms: int, snap_: Snap) -> _Plan:
    def smp(ms: int) -> int:
        return ms * rate // 1000

    start, end = span.bounded(max(0, span.start_ms - pad_ms), span.end_ms + pad_ms)
    t0, t1 = smp(start), smp(end)
    mid = (t0 + t1) // 2
    low, high = span.bounded(max(0, span.start_ms - pad_ms - snap_.outward_ms),
                             span.end_ms + pad_ms + snap_.outward_ms)
    s_lo, s_hi = max(0, smp(low)), min(t0 + smp(snap_.inward_ms), mid)
    e_lo, e_hi = max(t1 - smp(snap_.inward_ms), mid), smp(high)
    margin = smp(MARGIN_MS)
    return _Plan(rate, t0, t1, s_lo, s_hi, e_lo, e_hi, smp(span.start_ms), smp(span.end_ms),
                 max(0, s_lo - margin), margin, smp(fade_ms))


def _fade(chunk: Samples, at: int, start: int, end: int | None, fade: int, rate: int) -> Samples:
    """``chunk`` (first sample ``at``) with linear fades over ``fade`` samples at both ends."""
    if fade <= 0 or len(chunk) == 0:
        return chunk
    out = chunk
    regions = [(start, start + fade, True)]
    if end is not None:
        regions.append((end - fade, end, False))
    for lo, hi, rising in regions:
        a, b = max(lo, at), min(hi, at + len(chunk))
        if a >= b:
            continue
        first, last = ((p - lo + 0.5) / fade for p in (a, b - 1))
        if not rising:
            first, last = 1.0 - first, 1.0 - last
        if out is chunk:
            out = chunk.copy()
        out[a - at : b - at] = audio.gain_ramp(out[a - at : b - at], rate, first, last)
    return out


class Decoder:
    """One source's audio read forward range by range, so one ffmpeg run serves many clips.

    A read that starts before what is still held, or more than ``REUSE_GAP_MS`` after
    what was decoded, restarts ffmpeg there (seeking on the input side); a shorter gap is
    decoded through, which costs less than starting ffmpeg and seeking again. At most
    ``KEEP_MS`` of audio before the latest read is held. Close it when done.
    """

    def __init__(self, info: AudioInfo, ffmpeg: Path | None) -> None:
        self.info, self.ffmpeg, self.rate = info, ffmpeg, info.sample_rate
        self._reader: audio.PcmReader | None = None
        self._chunks: list[Samples] = []
        self._start = self._end = 0  # samples held: [_start, _end)
        self._eof = False

    def read(self, first: int, count: int) -> Samples:
        """Up to ``count`` samples from ``first`` on (a view, no copy); empty at the end."""
        if (self._reader is None or first < self._start
                or first > self._end + self.rate * REUSE_GAP_MS // 1000):
            self.close()
            ms = first * 1000 // self.rate
            self._reader = audio.open_pcm(self.info, ms, None, self.ffmpeg)
            self._start = self._end = (ms * self.rate + 500) // 1000
            self._chunks, self._eof = [], False
        while self._end <= first and not self._eof:
            part = self._reader.read(self.rate * CHUNK_MS // 1000)
            self._eof = not len(part)
            self._chunks.append(part)
            self._end += len(part)
        keep = first - self.rate * KEEP_MS // 1000
        while self._chunks and self._start + len(self._chunks[0]) <= keep:
            self._start += len(self._chunks.pop(0))
        pos = self._start
        for c in self._chunks:
            if pos <= first < pos + len(c):
                return c[max(first - pos, 0):first - pos + count]
            pos += len(c)
        return np.zeros((0, self.info.channels), np.int16)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


@dataclass(frozen=True, slots=True)
class Cut:
    """A clip encoded into ``tmp`` (not yet published at ``span.path``), cut at these times."""

    span: Span
    tmp: Path
    start_ms: int
    end_ms: int


class Cancelled(Exception):
    """Cutting stopped because another clip failed or the run was interrupted."""


def cut(source: Decoder, span: Span, fmt: AudioFormat, options: ClipOptions,
        snap_: Snap | None = None, stop: threading.Event | None = None) -> Cut | None:
    """Decode, snap, fade and encode one clip into a temporary file; None if it would be empty.

    Memory stays bounded: only the start window, one chunk, and the end window
    with the fade are ever held, whatever the length of the clip. ``stop`` is looked
    at between chunks: once set, the clip is abandoned (``Cancelled``).
    """
    rate, channels = source.rate, source.info.channels
    plan = _plan(span, rate, options.pad_ms, options.fade_ms, snap_ or options.snap)
    tail_from = plan.e_lo - plan.margin - plan.fade  # kept back until the end is snapped
    last = plan.e_hi + plan.margin
    chunk = rate * CHUNK_MS // 1000
    pos = plan.first

    def more() -> Samples:
        nonlocal pos
        if stop is not None and stop.is_set():
            raise Cancelled
        part = source.read(pos, min(chunk, last - pos))
        pos += len(part)
        return part

    pending, at = more(), plan.first
    while pos < min(last, plan.s_hi + plan.margin) and len(part := more()):
        pending = np.concatenate([pending, part])  # the start window: short
    start = max(at, snap(audio.frame_energy_db(pending, rate), rate, at, plan.t0, plan.s_lo,
                         plan.s_hi, plan.speech0, is_start=True))
    pending, at = pending[start - at:], start
    writer: audio.PcmWriter | None = None
    try:
        while True:
            emit = min(len(pending), tail_from - at)
            if emit > 0:
                writer = writer or audio.open_writer(span.path, fmt, rate, channels, span.tags,
                                                     source.ffmpeg)
                writer.write(_fade(pending[:emit], at, start, None, plan.fade, rate))
                pending, at = pending[emit:], at + emit
            if pos >= last or not len(part := more()):
                break
            pending = np.concatenate([pending, part]) if len(pending) else part
        end = snap(audio.frame_energy_db(pending, rate), rate, at, plan.t1,
                   max(plan.e_lo, at + 1), plan.e_hi, plan.speech1, is_start=False)
        end = min(end, at + len(pending))
        if end <= start:
            if writer is not None:
                writer.abort()
            return None
        writer = writer or audio.open_writer(span.path, fmt, rate, channels, span.tags,
                                             source.ffmpeg)
        writer.write(_fade(pending[: end - at], at, start, end, plan.fade, rate))
        tmp = writer.finish()
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    return Cut(span, tmp, start * 1000 // rate, -(-end * 1000 // rate))


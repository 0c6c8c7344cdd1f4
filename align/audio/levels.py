"""Levels of decoded samples: fades (by pydub) and loudness over short frames."""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt

from align.audio.read import Samples


def gain_ramp(samples: Samples, rate: int, first: float, last: float) -> Samples:
    """``samples`` with a gain going linearly from ``first`` to ``last`` (0..1), by pydub.

    Only a fade's own samples are handed over; pydub is imported on first use.
    """
    with warnings.catch_warnings():  # pydub warns about ffmpeg at import; fades do not need it
        warnings.simplefilter("ignore")
        from pydub import AudioSegment

    frames, channels = samples.shape
    if frames == 0:
        return samples
    segment = AudioSegment(data=np.ascontiguousarray(samples).tobytes(), sample_width=2, frame_rate=rate,
                           channels=channels)

    def db(gain: float) -> float:
        return 20.0 * float(np.log10(gain)) if gain > 1e-6 else -120.0

    faded = segment.fade(from_gain=db(first), to_gain=db(last), start=0, end=len(segment))
    out = np.frombuffer(faded.raw_data, dtype=np.int16).reshape(-1, channels)
    if len(out) != frames:  # pydub works in whole milliseconds; keep the exact length
        tail = np.round(samples[len(out):].astype(np.float64) * last).astype(np.int16)
        out = np.concatenate([out, tail]) if len(out) < frames else out[:frames]
    return out


_BLOCK_FRAMES = 1000  # frames converted to floating point at a time: memory stays small (2.6 MB)


def frame_energy_db(samples: Samples | npt.NDArray[np.int16], rate: int, frame_ms: int = 10) -> npt.NDArray[np.float64]:
    """Mean power of each whole ``frame_ms`` frame in dB relative to full scale.

    ``samples`` are int16, mono (one dimension) or ``(frames, channels)`` (all channels
    together). Digital silence reads -120 dB. The one measure of loudness align uses:
    for snapping clip edges to quiet and for telling speech from pauses when aligning.
    """
    size = max(1, rate * frame_ms // 1000)
    n = len(samples) // size
    out = np.empty(n, dtype=np.float64)
    for first in range(0, n, _BLOCK_FRAMES):
        last = min(n, first + _BLOCK_FRAMES)
        x = samples[first * size : last * size].astype(np.float64).reshape(last - first, -1) / 32768.0
        out[first:last] = 10.0 * np.log10(np.mean(x * x, axis=1) + 1e-12)
    return out

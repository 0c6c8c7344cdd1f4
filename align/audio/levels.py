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


def frame_energy_db(samples: Samples, rate: int, frame_ms: int = 10) -> npt.NDArray[np.float64]:
    """Mean power of each whole ``frame_ms`` frame in dBFS (all channels together)."""
    size = max(1, rate * frame_ms // 1000)
    n = len(samples) // size
    if n == 0:
        return np.zeros(0)
    x = samples[: n * size].astype(np.float64).reshape(n, -1) / 32768.0
    return np.asarray(10.0 * np.log10(np.mean(x * x, axis=1) + 1e-12), dtype=np.float64)

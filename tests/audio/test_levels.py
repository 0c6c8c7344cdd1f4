"""align.audio.levels: loudness in 10 ms frames, and fades through pydub."""

from __future__ import annotations

import numpy as np
import pytest

from align import audio


def test_frame_energy_db() -> None:
    silent = np.zeros((1600, 1), np.int16)
    assert np.all(audio.frame_energy_db(silent, 16000) < -100)
    t = np.arange(1600) / 16000
    loud = (32767 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)[:, None]
    db = audio.frame_energy_db(loud, 16000)
    assert len(db) == 10 and np.allclose(db, -3.0, atol=0.2)


@pytest.mark.parametrize("frames", [441, 4410, 44100 + 7])
def test_gain_ramp_fades_through_pydub_and_keeps_every_sample(frames: int) -> None:
    flat = np.full((frames, 2), 10000, dtype=np.int16)
    up = audio.gain_ramp(flat, 44100, 0.0, 1.0)
    assert up.shape == flat.shape
    assert abs(int(up[0, 0])) < 500 and up[-1, 0] > 9000
    assert np.all(np.diff(up[:, 0].astype(int)[:: max(1, frames // 50)]) >= -1)
    down = audio.gain_ramp(flat, 44100, 1.0, 0.0)
    assert down[0, 0] > 9000 and abs(int(down[-1, 0])) < 500

"""The sample's captions, which the preview tests look at."""

from __future__ import annotations

from typing import Any

from align.pipeline import Captions, make_captions
from tests.support import SAMPLE, SAMPLE_AUDIO

AUDIO = SAMPLE_AUDIO


def sample_captions(**kwargs: Any) -> Captions:
    return make_captions(SAMPLE, speaker_map={"MA": "MO"}, **kwargs)

"""Align caption words to the recording, turn by turn, inside windows from the markers.

    from align.aligner import AlignRequest, available, default_aligner
    if (why := available()) is None:
        results = default_aligner().align(samples, 16000, requests, workers=2)

``samples`` are 16 kHz mono int16 (``align.audio`` decodes them). One
:class:`AlignedTurn` comes back per :class:`AlignRequest`, in order; a turn whose text
is not found in its window has ``ok=False`` and keeps its text-only timing.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from align import processes
from align.aligner.base import AlignedTurn, Aligner, AlignRequest, fill_spans
from align.aligner.decoder import RATE, model_reason
from align.aligner.energy import LOW_SNR_DB, Activity, snr_db, speech_frames

__all__ = [
    "LOW_SNR_DB",
    "RATE",
    "Activity",
    "AlignRequest",
    "AlignedTurn",
    "Aligner",
    "available",
    "default_aligner",
    "fill_spans",
    "snr_db",
    "speech_frames",
    "workers_ready",
]


def available() -> str | None:
    """None if the default aligner can run here, else a one-line reason why not."""
    return model_reason()


def default_aligner() -> Aligner:
    """The aligner to use: PocketSphinx forced alignment (works offline)."""
    from align.aligner.sphinx import SphinxAligner

    return SphinxAligner()


def workers_ready(workers: int) -> AbstractContextManager[None]:
    """The default aligner's worker processes, started now (they take a third of a second
    to start): ``default_aligner().align`` calls inside the block with as many workers
    use them, so they start while the caller prepares the work."""
    return processes.ready(workers, preload=("align.aligner.sphinx",))

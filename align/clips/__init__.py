"""Audio clips per turn: choose the turns, find clean cut points, write the files and a manifest.

A clip is cut sample-accurately by default: its range is decoded with input-side
seeking and streamed through in one-second chunks to the encoder, so memory stays
the same for a 10-second turn or a 3-hour one. Neighbouring clips share one ffmpeg
decoder (see ``Decoder``), and ``jobs`` runs of them are cut at once.

Boundaries: the transcript's first word start and last word end are widened by
``pad_ms``, then each moves to the quietest point within 0.5 s outward or 0.3 s
inward (``Snap``), by energy over 10 ms frames of the decoded audio. A cut must
have 30 ms of quiet on its outer side and 80 ms toward the words (a word's time
starts before its sound), and moving into the words costs extra, so clips neither
start nor end inside a word even when the transcript's times are off by 0.3 s.

``CutMode.COPY`` instead copies the compressed frames: lossless and near-instant,
but cut on codec frames (26 ms for MP3), from the padded transcript times without
snapping or fades.

One module a step: ``choosing`` holds the options and decides which turns, in what
format, under what names and with what manifest rows; ``cutting`` decodes, snaps,
fades and encodes one clip; ``exporting`` runs the cuts and writes the files.
``export_turn_clips`` cuts a clip per turn, ``export_clip`` one range (a quote).
"""

from __future__ import annotations

from align.clips.choosing import (
    MANIFEST,
    ClipOptions,
    ClipRow,
    CutMode,
    Snap,
    excerpt,
    file_stem,
    safe_label,
    select_turns,
)
from align.clips.exporting import Clip, ClipReport, NoAudioError, export_clip, export_turn_clips

__all__ = [
    "MANIFEST",
    "Clip",
    "ClipOptions",
    "ClipReport",
    "ClipRow",
    "CutMode",
    "NoAudioError",
    "Snap",
    "excerpt",
    "export_clip",
    "export_turn_clips",
    "file_stem",
    "safe_label",
    "select_turns",
]

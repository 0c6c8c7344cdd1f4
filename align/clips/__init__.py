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
fades and encodes one clip; ``exporting`` runs the cuts and writes the files. Every
name other code uses is importable from ``align.clips``.
"""

from __future__ import annotations

import logging

from align.clips.choosing import (
    MANIFEST,
    ClipOptions,
    ClipRow,
    CutMode,
    Snap,
    clip_name,
    clock,
    duration_warnings,
    excerpt,
    manifest_csv,
    manifest_json,
    output_format,
    parse_turn_range,
    safe_label,
    select_turns,
)
from align.clips.cutting import Decoder, Span, cut, snap
from align.clips.exporting import (
    ClipReport,
    Progress,
    cores,
    export_turn_clips,
    make_folder,
    run_parallel,
    write_text,
)

log = logging.getLogger(__name__)

__all__ = [
    "MANIFEST",
    "ClipOptions",
    "ClipReport",
    "ClipRow",
    "CutMode",
    "Decoder",
    "Progress",
    "Snap",
    "Span",
    "clip_name",
    "clock",
    "cores",
    "cut",
    "duration_warnings",
    "excerpt",
    "export_turn_clips",
    "make_folder",
    "manifest_csv",
    "manifest_json",
    "output_format",
    "parse_turn_range",
    "run_parallel",
    "safe_label",
    "select_turns",
    "snap",
    "write_text",
]

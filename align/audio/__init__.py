"""Audio in and out: find ffmpeg, read a time range as PCM, write clips.

This is the only package that runs ffmpeg. It reads only the range asked for:
ffmpeg seeks on the input side (``-ss`` before ``-i``) and streams 16-bit PCM
through a pipe in chunks, so memory does not grow with the recording or with
the clip. PCM WAV files are read and written with the standard library, so
WAV in and WAV out need no ffmpeg at all. ffprobe is never used: rate,
channels and duration come from the WAV header or from ``ffmpeg -i``.

pydub does the fades (``gain_ramp``), on the few samples a fade covers and no
more: its ``from_file`` decodes from the start of the file and holds the whole
range in memory, and its export goes through temporary WAV files and the
global ``AudioSegment.converter``, so decoding and encoding stream int16 chunks
through ffmpeg pipes instead, and pydub's global state is never read or changed.

One module a job: ``ffmpeg`` finds the program, ``probe`` says what a file holds,
``read`` decodes a range, ``whole`` a whole recording for the aligner, ``levels`` fades
and measures loudness, ``write`` encodes and publishes clips, ``copy`` cuts them by
stream copy. Everything other code uses is importable from ``align.audio``.
"""

from __future__ import annotations

import logging

from align.audio.copy import CopyJob, copy_args, copy_format, stream_copy
from align.audio.ffmpeg import ENV_VAR, INSTALL_HINT, FfmpegMissingError, find_ffmpeg, require_ffmpeg
from align.audio.levels import frame_energy_db, gain_ramp
from align.audio.probe import AudioInfo, parse_probe, probe
from align.audio.read import PcmReader, Samples, decode_args, open_pcm, read_pcm
from align.audio.whole import decode_whole
from align.audio.write import (
    AudioFormat,
    PcmWriter,
    clean_tag,
    encode_args,
    open_writer,
)

log = logging.getLogger(__name__)

__all__ = [
    "ENV_VAR",
    "INSTALL_HINT",
    "AudioFormat",
    "AudioInfo",
    "CopyJob",
    "FfmpegMissingError",
    "PcmReader",
    "PcmWriter",
    "Samples",
    "clean_tag",
    "copy_args",
    "copy_format",
    "decode_args",
    "decode_whole",
    "encode_args",
    "find_ffmpeg",
    "frame_energy_db",
    "gain_ramp",
    "open_pcm",
    "open_writer",
    "parse_probe",
    "probe",
    "read_pcm",
    "require_ffmpeg",
    "stream_copy",
]

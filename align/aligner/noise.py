"""Sound that is not speech: stretches of clapping, breath or hiss, found before decoding.

The acoustic model has a noise unit, but on applause it scores worse than the speech
sounds it resembles (stops and fricatives): given a choice, the decoder put a turn's
first words on the clapping before it, seconds early, and a sentence's first word on
the breath before it. Level alone cannot tell these from speech; periodicity can.
Voiced speech repeats at its pitch; clapping, breath and hiss do not.

A stretch counts as noise when, over 310 ms around each frame, a fifth or more of the
frames are loud but plainly aperiodic and almost none are voiced (in runs of 40 ms or more),
for at least 250 ms. The stretch's ends are given back 50 ms, so an unvoiced consonant
before a vowel (the "s" of "so") is never taken. Noise stretches are turned down by
40 dB before the decoder sees them (they then pass as silence),
and a word's start is never put on them (``energy.audible_starts`` skips them). A word
also starts no earlier than its first phone allows before its first voiced frame
(``voiced_starts``): a decoder stretches a word's first sound back over clapping or a
breath, and level cannot tell, voicing can.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from align.aligner.energy import FRAME_MS, frame_levels

_DOWN = 8  # periodicity is measured below 900 Hz, at an eighth of the rate
_CUTOFF_HZ = 900
_FILTER_BLOCKS = 7  # the low-pass filter spans this many blocks of _DOWN samples
_WINDOW_MS = 30  # two periods of a low voice
_STEP_FRAMES = 2  # periodicity is measured every 20 ms
_PITCH_HZ = (70, 400)
_VOICED = 0.6  # normalised correlation at the pitch period: voiced at or above ...
_APERIODIC = 0.4  # ... and noise below (a breathy vowel lies between: neither)
_BLOCK_STEPS = 1500  # steps worked through at a time (30 s): small temporary arrays
_VOICED_RUN_FRAMES = 4
# Noise is turned down this far. Brought down only to the recording's floor it passes for
# the room's hiss, on which the decoder still put a turn's first words (4 of 23 turns after
# applause more than 2 s early); 40 dB below it does not (none).
_QUIETER_DB = -40.0
_LOUD_DB = 3.0  # above the local floor: audible
_AROUND_FRAMES = 31  # frames weighed around each frame
_NOISY_SHARE = 0.2  # at least this share loud and aperiodic ...
_VOICED_SHARE = 0.05  # ... and at most this share voiced
_SHORTEST_FRAMES = 40  # 400 ms: shorter stretches are consonants, or the breathy end of a vowel
_GIVE_BACK_FRAMES = 10
_CONTEXT_FRAMES = 3000  # the floor is a low percentile of 30 s around


def voicing(audio: npt.NDArray[np.int16], rate: int,
            wanted: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.float32]:
    """Per 10 ms frame, how periodic the sound is (0-1): the best normalised correlation of
    30 ms of the low-passed signal with itself one pitch period later.

    Measured every 20 ms (each value holds for two frames), and only where ``wanted``
    (per 10 ms frame) when given; elsewhere 0. Works through the audio half a minute at
    a time, so memory stays small whatever its length.
    """
    low_rate = rate // _DOWN
    hop = low_rate * _STEP_FRAMES * FRAME_MS // 1000
    width = low_rate * _WINDOW_MS // 1000
    shortest, longest = low_rate // _PITCH_HZ[1], low_rate // _PITCH_HZ[0]
    frames = len(audio) * 1000 // rate // FRAME_MS
    steps = -(-frames // _STEP_FRAMES)
    if wanted is None:
        chosen = np.arange(steps)
    else:
        want = np.zeros(steps * _STEP_FRAMES, np.bool_)
        want[: min(frames, len(wanted))] = wanted[:frames]
        chosen = np.flatnonzero(want.reshape(steps, _STEP_FRAMES).any(axis=1))
    per_step = np.zeros(steps, np.float32)
    for first in range(0, len(chosen), _BLOCK_STEPS):
        which = chosen[first : first + _BLOCK_STEPS]
        # step k's window starts half a window before the middle of its two frames
        starts = which * hop + hop // 2 - width // 2
        low = _low_passed(audio, rate, int(starts[0]), int(starts[-1] - starts[0]) + width + longest + 1)
        windows = np.lib.stride_tricks.sliding_window_view(low, width)
        at = starts - starts[0]
        base = windows[at]
        energy = np.einsum("ij,ij->i", base, base)
        best = np.zeros(len(at), np.float32)
        for lag in range(shortest, longest + 1):
            later = windows[at + lag]
            together = np.einsum("ij,ij->i", base, later)
            np.maximum(best, together / np.sqrt(energy * np.einsum("ij,ij->i", later, later) + 1e-6), out=best)
        per_step[which] = best
    return np.clip(np.repeat(per_step, _STEP_FRAMES)[:frames], 0.0, 1.0)


def _low_passed(audio: npt.NDArray[np.int16], rate: int, first: int, count: int) -> npt.NDArray[np.float32]:
    """Samples ``first`` to ``first + count`` of ``audio`` low-passed below 900 Hz (a
    windowed-sinc filter) at an eighth of its rate; zero beyond the audio.

    The filter runs as a polyphase: each output sample is the input's blocks of eight
    around it, each block weighed by its part of the filter."""
    taps = _DOWN * _FILTER_BLOCKS
    at = np.arange(taps) - (taps - 1) / 2
    kernel = np.sinc(2 * _CUTOFF_HZ / rate * at) * np.hamming(taps)
    parts = (kernel / kernel.sum()).astype(np.float32).reshape(_FILTER_BLOCKS, _DOWN)
    lo = first * _DOWN - taps // 2
    need = (count + _FILTER_BLOCKS) * _DOWN
    piece = np.zeros(need, np.float32)
    have = audio[max(0, lo) : max(0, lo + need)]
    front = min(need, max(0, -lo))
    piece[front : front + len(have)] = have
    blocks = piece.reshape(-1, _DOWN) @ parts.T
    out = np.zeros(count, np.float32)
    for j in range(_FILTER_BLOCKS):
        out += blocks[j : j + count, j]
    return out


@dataclass(frozen=True, slots=True)
class Sounds:
    """Per 10 ms frame of a recording: voiced speech, and noise that is not speech."""

    voiced: npt.NDArray[np.bool_]
    noise: npt.NDArray[np.bool_]
    gain_db: npt.NDArray[np.float32]  # how far each frame is turned down before decoding (noise: -40 dB)

    @classmethod
    def joined(cls, frames: int, parts: Sequence[tuple[int, Sounds]]) -> Sounds:
        """A recording's sounds from those of its parts, each heard from a frame on (where
        parts overlap, the later one's count; frames no part covers are neither)."""
        voiced, noise = np.zeros(frames, np.bool_), np.zeros(frames, np.bool_)
        gain = np.zeros(frames, np.float32)
        for first, part in sorted(parts, key=lambda p: p[0]):
            n = max(0, min(len(part.voiced), frames - first))
            voiced[first : first + n] = part.voiced[:n]
            noise[first : first + n] = part.noise[:n]
            gain[first : first + n] = part.gain_db[:n]
        return cls(voiced, noise, gain)

    @classmethod
    def hear(cls, audio: npt.NDArray[np.int16], rate: int,
             levels: npt.NDArray[np.float32] | None = None) -> Sounds:
        levels = frame_levels(audio, rate) if levels is None else levels
        floor = _local_floor(levels)
        loud = levels > floor + _LOUD_DB
        voiced_by = voicing(audio, rate, loud)
        voiced = np.zeros(len(levels), np.bool_)
        n = min(len(levels), len(voiced_by))
        voiced[:n] = loud[:n] & (voiced_by[:n] >= _VOICED)
        # a vowel lasts 40 ms or more; a clap that happens to look periodic does not
        voiced = _runs_of(voiced, _VOICED_RUN_FRAMES)
        aperiodic = np.zeros(len(levels), np.bool_)
        aperiodic[:n] = loud[:n] & (voiced_by[:n] < _APERIODIC)
        noise = _noise(aperiodic, voiced)
        return cls(voiced, noise, np.where(noise, _QUIETER_DB, 0.0).astype(np.float32))


def noise_frames(audio: npt.NDArray[np.int16], rate: int,
                 levels: npt.NDArray[np.float32] | None = None) -> npt.NDArray[np.bool_]:
    """Per 10 ms frame: True inside a stretch of sound that is not speech (see the module)."""
    return Sounds.hear(audio, rate, levels).noise


def _noise(noisy: npt.NDArray[np.bool_], voiced: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    around = np.ones(_AROUND_FRAMES, np.float32) / _AROUND_FRAMES
    candidate = (np.convolve(noisy, around, "same") >= _NOISY_SHARE) & (
        np.convolve(voiced, around, "same") <= _VOICED_SHARE)
    out = _runs_of(candidate, _SHORTEST_FRAMES)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], out.astype(np.int8), [0]])))
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        out[start : start + _GIVE_BACK_FRAMES] = out[end - _GIVE_BACK_FRAMES : end] = False
    return out


def _runs_of(mask: npt.NDArray[np.bool_], shortest: int) -> npt.NDArray[np.bool_]:
    """``mask`` without its runs of True shorter than ``shortest`` frames."""
    out = np.zeros(len(mask), np.bool_)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        if end - start >= shortest:
            out[start:end] = True
    return out


def quieted(audio: npt.NDArray[np.int16], gain_db: npt.NDArray[np.float32], rate: int) -> npt.NDArray[np.int16]:
    """A copy of ``audio`` with each 10 ms frame (``gain_db[k]`` covers ``audio`` from k * 10 ms)
    turned down by its gain, the gain changing over 10 ms between frames. Only the frames
    turned down (and their neighbours) are touched, so memory stays small."""
    hop = rate * FRAME_MS // 1000
    gains = gain_db[: -(-len(audio) // hop)]
    out = audio.copy()
    changed = np.flatnonzero(gains)
    if not changed.size:
        return out
    edges = np.flatnonzero(np.diff(changed) > 1)
    for first, last in zip(changed[np.r_[0, edges + 1]], changed[np.r_[edges, len(changed) - 1]], strict=True):
        lo, hi = max(0, int(first) - 1), min(len(gains), int(last) + 2)  # a frame either side for the ramp
        centres = np.arange(lo, hi) * hop + hop // 2
        at = np.arange(lo * hop, min(len(audio), hi * hop))
        scale = np.power(10.0, np.interp(at, centres, gains[lo:hi]) / 20.0)
        out[at[0] : at[-1] + 1] = np.round(audio[at[0] : at[-1] + 1] * scale).astype(np.int16)
    return out


# How long before its first voiced frame a word may start, by its first phone: a vowel
# or sonorant is voiced from its start, a voiced stop or fricative nearly so, an unvoiced
# stop has its closure and burst first, an unvoiced fricative its hiss.
_VOICED_ONSET_MS = 60
_ONSET_MS = {
    **dict.fromkeys(("B", "D", "G", "JH"), 90),
    **dict.fromkeys(("V", "DH", "Z", "ZH"), 120),
    **dict.fromkeys(("P", "T", "K", "CH"), 160),
    **dict.fromkeys(("F", "TH", "S", "SH", "HH"), 260),
}
_SHORTEST_WORD_MS = 60
_SWALLOWED_MS = 100
_LATE_MS = 120  # a decoder found late by up to this much (voicing had begun) is corrected
_CLEAR_FRAMES = 10  # ... when no voicing came in the 100 ms before
_EARLY_MS = 20
_UNVOICED_WORD_MS = 300


def voiced_starts(spans: Sequence[tuple[int, int]], first_phones: Sequence[str], voiced: npt.NDArray[np.bool_],
                  audible: npt.NDArray[np.bool_] | None = None, lead_ms: int = 30) -> list[tuple[int, int]]:
    """Word starts set by where their voicing begins.

    A decoder stretches a word's first sound back over clapping or a breath before it,
    and level cannot tell those from speech; voicing can. A word starts no earlier than
    its first phone allows before its first voiced frame (``_ONSET_MS``); moved there, it
    starts ``lead_ms`` before the first ``audible`` frame in that allowance. A word of
    300 ms or more with no voiced frame at all was put wholly on such sound, its own
    squeezed into the start of the next word: it moves to where voicing begins before
    the next word, and ends where that word starts. A start over sound that is neither
    audible nor voiced moves by any amount; over audible sound only when more than 100
    ms further back than its phone allows: the voicing measure lags a soft onset, and
    real speech onsets vary (on the reference recordings, moving every start cost 6% of
    the words within 0.1 s); what is worth moving is a breath or clapping swallowed whole.
    Spans whose first phone is unknown, or without voicing where it is looked for, are
    kept; a start only moves later, never into the word's last 60 ms.
    """
    out: list[tuple[int, int]] = []
    for k, ((start, end), phone) in enumerate(zip(spans, first_phones, strict=True)):
        if phone:
            first, last = start // FRAME_MS, min((end - _SHORTEST_WORD_MS) // FRAME_MS, len(voiced))
            found = np.flatnonzero(voiced[first:last]) if last > first else np.zeros(0, np.int64)
            lead = _ONSET_MS.get(phone, _VOICED_ONSET_MS)
            if found.size:
                onset = (first + int(found[0])) * FRAME_MS
                quiet = audible is not None and not audible[first : max(first, (onset - lead) // FRAME_MS)].any()
                if onset - lead - (0 if quiet else _SWALLOWED_MS) > start:
                    start = _audible_from(onset - lead, onset, audible, lead_ms)
                elif first and voiced[first - 1]:
                    start = _voicing_began(start, out[-1][1] if out else 0, voiced)
            elif end - start >= _UNVOICED_WORD_MS and k + 1 < len(spans):
                following = spans[k + 1][0]
                later = np.flatnonzero(voiced[last : max(last, following // FRAME_MS + 1)])
                if later.size:
                    start = max(start, min((last + int(later[0])) * FRAME_MS - lead, following))
                    end = following
        out.append((start, max(start, end)))
    return out


def _voicing_began(start: int, before: int, voiced: npt.NDArray[np.bool_]) -> int:
    """A word found inside a run of voicing that began shortly before it, after 100 ms
    without voicing and after the word before it ended: the decoder was late, and the
    word starts where the voicing began."""
    k = start // FRAME_MS
    began = k
    while began > 0 and voiced[began - 1] and (k - began) * FRAME_MS <= _LATE_MS:
        began -= 1
    clear = voiced[max(0, began - _CLEAR_FRAMES) : began]
    if (k - began) * FRAME_MS > _LATE_MS or clear.any() or began < _CLEAR_FRAMES or began * FRAME_MS < before:
        return start
    return max(before, began * FRAME_MS - _EARLY_MS)


def _audible_from(lo: int, onset: int, audible: npt.NDArray[np.bool_] | None, lead_ms: int) -> int:
    """The start of a word whose voicing begins at ``onset`` and that starts no earlier than
    ``lo``: ``lead_ms`` before its first audible frame from ``lo`` on, and never before ``lo``."""
    if audible is None:
        return lo
    heard = np.flatnonzero(audible[lo // FRAME_MS : onset // FRAME_MS + 1])
    return lo if not heard.size else max(lo, (lo // FRAME_MS + int(heard[0])) * FRAME_MS - lead_ms)


def _local_floor(levels: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Each frame's noise floor: the 10th percentile of the audible frames around it."""
    floor = np.full(len(levels), -90.0, np.float32)
    for first in range(0, len(levels), _CONTEXT_FRAMES):
        last = min(len(levels), first + _CONTEXT_FRAMES)
        context = levels[max(0, first - _CONTEXT_FRAMES) : min(len(levels), last + _CONTEXT_FRAMES)]
        audible = context[context > -90.0]
        if audible.size:
            floor[first:last] = np.percentile(audible, 10)
    return floor

"""How far to trust one aligned turn.

The decoder scores each frame against the best-matching sound model in that frame, so
the mean score per frame of the found words says how well the text fits the audio,
whatever the recording level: near -2 for speech that matches, below -4 for text that
is not in the audio. Turns with words left unfound, a path found only with wider
beams, or speech that barely rises above the noise get less.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.aligner.energy import LOW_SNR_DB, Activity
from align.aligner.walk import TurnResult

GOOD_SCORE = -2.5  # mean log score per frame at and above which the fit is full
BAD_SCORE = -4.5  # ... at and below which the text is taken not to be in the audio
MIN_FOUND = 0.8  # share of a turn's words that must be found


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    confidence: float
    reason: str


def judge(result: TurnResult, n_tokens: int, activity: Activity | None) -> Verdict:
    found = result.found / n_tokens if n_tokens else 0.0
    if found == 0.0 or result.frames == 0:
        return Verdict(False, 0.0, result.reason or "no word found")
    per_frame = result.log_score / result.frames
    fit = min(1.0, max(0.0, (per_frame - BAD_SCORE) / (GOOD_SCORE - BAD_SCORE)))
    if found < MIN_FOUND:
        return Verdict(False, 0.0, f"only {found:.0%} of the words found ({result.reason})")
    if fit <= 0.0:
        return Verdict(False, 0.0, f"text does not match the audio (score {per_frame:.1f})")
    notes = []
    confidence = fit * found
    if found < 1.0:
        notes.append(f"{found:.0%} of the words found ({result.reason})")
    if result.widened:
        confidence *= 0.9
        notes.append("needed a wider search")
    times = [t for t in result.times if t is not None]
    if activity is not None and times:
        snr = activity.snr_db(times[0][0], times[-1][1])
        if snr < LOW_SNR_DB:
            confidence *= 0.5
            notes.append(f"low SNR ({snr:.0f} dB)")
    if fit < 1.0:
        notes.append(f"weak fit (score {per_frame:.1f})")
    return Verdict(True, round(min(1.0, confidence), 3), "; ".join(notes))

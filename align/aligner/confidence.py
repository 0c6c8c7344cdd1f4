"""How far to trust one aligned turn.

The decoder scores each frame against the best-matching sound model in that frame, so
the mean score per frame of a turn's words says how well its text fits the audio,
whatever the recording level. Measured: -2.5 and -4.0 on two real voices (one with a
cold), -2.8 to -5.4 on most eSpeak voices but down to -6.2 on a British one (the model
is US English); text searched in the wrong place mostly -6.3 to -7.8, when a path is
found at all (a third of such turns find none). The threshold sits below the voices:
a turn of the right text is rarely thrown away, a wrong one sometimes kept. Turns of
fewer than eight words are not thrown away on their score (a short phrase said fast
scores badly and proves little either way); they only get less confidence.

Words left unfound, a path found only with wider beams, speech that barely rises
above the noise, or too few words to tell lower the confidence further. A turn of two
or three words fits almost anywhere: its score proves little.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.aligner.energy import LOW_SNR_DB, Activity
from align.aligner.walk import BAD_SCORE, SCORED_WORDS, TurnResult

GOOD_SCORE = -4.5  # mean log score per frame at and above which the fit counts as full
WEAK_SCORE = (GOOD_SCORE + BAD_SCORE) / 2  # below this a fit is weak: the turn may be misplaced
MIN_FOUND = 0.8  # share of a turn's words that must be found
FEW_WORDS = 4  # turns with fewer spoken words get at most SHORT_CONFIDENCE
SHORT_CONFIDENCE = 0.75


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    confidence: float
    reason: str


def judge(result: TurnResult, n_tokens: int, activity: Activity | None) -> Verdict:
    found = result.found / n_tokens if n_tokens else 0.0
    if found == 0.0:
        return Verdict(False, 0.0, result.reason or "no word found")
    if found < MIN_FOUND:
        return Verdict(False, 0.0, f"only {found:.0%} of the words found ({result.reason})")
    times = [t for t in result.times if t is not None]
    if activity is not None and times and activity.silent(times[0][0], times[-1][1]):
        return Verdict(False, 0.0, "no speech where it was found")
    score = result.per_frame
    if score <= BAD_SCORE and n_tokens >= SCORED_WORDS:
        return Verdict(False, 0.0, f"text does not match the audio (score {score:.1f})")
    fit = min(1.0, max(0.0, (score - BAD_SCORE) / (GOOD_SCORE - BAD_SCORE)))
    confidence = (0.4 + 0.6 * fit) * found
    notes = []
    if n_tokens < FEW_WORDS:
        confidence = min(confidence, SHORT_CONFIDENCE)
    if found < 1.0:
        notes.append(f"{found:.0%} of the words found ({result.reason})")
    if result.widened:
        confidence *= 0.9
        notes.append("needed a wider search")
    if activity is not None and times:
        snr = activity.snr_db(times[0][0], times[-1][1])
        if snr < LOW_SNR_DB:
            confidence *= 0.5
            notes.append(f"low SNR ({snr:.0f} dB)")
    if score < WEAK_SCORE:
        notes.append(f"weak fit (score {score:.1f})")
    return Verdict(True, round(min(1.0, max(0.0, confidence)), 3), "; ".join(notes))

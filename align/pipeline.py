"""The job from a transcript file to cues: read it, time it, cut it.

    from align.pipeline import make_captions
    captions = make_captions("episode.txt", profile="bbc", audio="episode.mp3")

Each stage hands the next its result and never looks back: ``align.readers`` gives a
``Transcript``, ``align.timing`` a ``Timed``, ``align.cues`` the cues. Writing them
is ``align.writers``'s job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from align.cues import DEFAULT_PROFILE, LabelMode, Profile, get_profile, make_cues
from align.errors import Diagnostic
from align.model import Cue, Speaker, Turn
from align.progress import SILENT, Progress, stage
from align.readers import read_transcript
from align.timing import Timed, time_transcript


@dataclass(frozen=True, slots=True)
class Captions:
    """Timed turns cut into cues by ``profile``, with SRT labels chosen by ``labels``."""

    timed: Timed
    cues: tuple[Cue, ...]
    profile: Profile
    labels: LabelMode

    @property
    def turns(self) -> tuple[Turn, ...]:
        return self.timed.turns

    @property
    def speakers(self) -> tuple[Speaker, ...]:
        return self.timed.speakers

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.timed.diagnostics


def read_and_time(
    path: Path | str,
    *,
    speaker_map: Mapping[str, str] | None = None,
    strict: bool = False,
    input_format: str | None = None,
    audio: Path | str | None = None,
    ffmpeg: Path | None = None,
    workers: int = 2,
    progress: Progress = SILENT,
    data: bytes | None = None,
    accept_mismatch: bool = False,
) -> Timed:
    """Read the transcript at ``path`` (or ``data``, named by ``path``) and time every word
    (against ``audio`` when given; see ``time_transcript`` for ``accept_mismatch``)."""
    with stage(f"reading {Path(path).name}"):
        transcript = read_transcript(path, input_format=input_format, strict=strict, data=data)
    return time_transcript(transcript, speaker_map=speaker_map, audio=audio, ffmpeg=ffmpeg, workers=workers,
                           progress=progress, accept_mismatch=accept_mismatch)


def cut_captions(timed: Timed, profile: str | Profile = DEFAULT_PROFILE,
                 labels: LabelMode = LabelMode.INITIALS, *, end_ms: int | None = None) -> Captions:
    """Cut timed turns into cues by ``profile``; no cue runs past ``end_ms``."""
    prof = profile if isinstance(profile, Profile) else get_profile(profile)
    with stage("cutting cues"):
        cues = tuple(make_cues(timed.turns, prof, labels, end_ms))
    return Captions(timed, cues, prof, labels)


def make_captions(
    path: Path | str,
    *,
    profile: str | Profile = DEFAULT_PROFILE,
    labels: LabelMode = LabelMode.INITIALS,
    speaker_map: Mapping[str, str] | None = None,
    strict: bool = False,
    input_format: str | None = None,
    audio: Path | str | None = None,
    ffmpeg: Path | None = None,
    workers: int = 2,
    accept_mismatch: bool = False,
) -> Captions:
    """Read a transcript and cut it into timed cues.

    With ``audio``, word times are refined against the recording (turns the
    aligner cannot place keep their text-only times and are reported). When most
    turns are not in the recording, ``AudioMismatch`` is raised unless
    ``accept_mismatch``.
    """
    timed = read_and_time(path, speaker_map=speaker_map, strict=strict, input_format=input_format,
                          audio=audio, ffmpeg=ffmpeg, workers=workers, accept_mismatch=accept_mismatch)
    return cut_captions(timed, profile, labels)

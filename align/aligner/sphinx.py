"""The PocketSphinx aligner: turns split into jobs, jobs run on worker processes.

The main process normalises the words and guesses unknown pronunciations once, cuts
the turns into a few runs of consecutive turns (a run only starts at a turn with its
own marker) and sends each run with its slice of the audio to a worker. A worker keeps
one decoder for all its runs. Results come back per turn and get a confidence.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from align.aligner.base import AlignedTurn, AlignRequest, Audio, failed, fill_spans
from align.aligner.confidence import judge
from align.aligner.decoder import (
    LONG_MS,
    RATE,
    Decoder,
    Settings,
    dictionary_path,
    model_reason,
)
from align.aligner.energy import (
    FRAME_MS,
    ONSET_LEAD_MS,
    ONSET_PAUSE_MS,
    Activity,
    across_pauses,
    audible_starts,
)
from align.aligner.noise import Sounds, quieted, voiced_starts
from align.aligner.normalize import Readings
from align.aligner.pronounce import dictionary_words
from align.aligner.runs import split, units
from align.aligner.spool import Spool, Spooled, samples_of, spool
from align.aligner.squeeze import Squeeze, squeeze
from align.aligner.tokens import (
    CONTEXT_WORDS,
    TurnSpec,
    Vocabulary,
    guess_unknown,
    pauses_after,
    tokens_of,
)
from align.aligner.walk import TurnResult, WalkSettings, walk_job
from align.processes import in_processes, started
from align.progress import SILENT, Progress, stage

log = logging.getLogger(__name__)

# The turns are cut into this many jobs whatever the number of workers (a job's first
# turn is searched from its window, later ones from where the turn before ended, so
# the cut must not depend on the workers or the result would). Many small jobs keep
# the workers busy to the end; each costs ~2 s of overlap.
JOBS = 16
_MARGIN_MS = 1000  # audio sent beyond a job's outermost windows


@dataclass(frozen=True, slots=True)
class Job:
    offset_ms: int
    audio: npt.NDArray[np.int16] | Spooled  # spooled for a worker
    turns: tuple[TurnSpec, ...]


@dataclass(frozen=True, slots=True)
class SphinxAligner:
    """Forced alignment with PocketSphinx's en-us model, offline."""

    settings: Settings = field(default_factory=Settings)
    walk: WalkSettings = field(default_factory=WalkSettings)
    # words start no earlier than this before their first audible frame; None: as decoded
    onset_lead_ms: int | None = ONSET_LEAD_MS
    # words start no earlier than their first phone allows before their first voiced frame
    voiced_onsets: bool = True
    name: str = "pocketsphinx"

    def align(
        self, audio: Audio, rate: int, requests: Sequence[AlignRequest], workers: int = 2,
        progress: Progress = SILENT, activity: Activity | None = None,
    ) -> list[AlignedTurn]:
        if rate != RATE:
            raise ValueError(f"the aligner needs {RATE} Hz audio, not {rate} Hz")
        reason = model_reason()
        if reason is not None:
            log.warning("alignment skipped: %s", reason)
            return [failed(r, reason) for r in requests]
        duration_ms = len(audio) * 1000 // RATE
        known = dictionary_words(Path(dictionary_path())).__contains__
        vocab = Vocabulary()
        specs = [_spec(r, duration_ms, known, vocab) for r in requests]
        guess_unknown(vocab, known)
        joined = units([s for s in specs if s.tokens])
        jobs = _jobs(audio, [u.spec for u in joined], JOBS)
        settings = self.settings
        if settings.frate is None:
            settings = replace(settings, frate=80 if duration_ms > LONG_MS else 100)
        with stage("aligning", progress, sum(len(j.turns) for j in jobs), "turns") as advance:
            by_unit, heard = _run(jobs, settings, self.walk, vocab, workers, advance)
        if activity is None:
            activity = Activity.measure(audio, rate)
        sounds = Sounds.joined(len(activity.levels_db), heard)
        results = {r.index: r for u in joined if u.spec.index in by_unit for r in split(u, by_unit[u.spec.index])}
        onsets = None
        if self.onset_lead_ms is not None:  # audible: loud enough, and not clapping or breath
            onsets = activity.with_pauses(ONSET_PAUSE_MS).speech & ~sounds.noise
        out = []
        for request, spec in zip(requests, specs, strict=True):
            found = results.get(request.index)
            if not spec.tokens:
                out.append(failed(request, "no spoken words to align"))
            elif found is None:
                out.append(failed(request, "alignment did not run"))
            else:
                out.append(_assemble(request, spec, found, activity, onsets, self.onset_lead_ms or 0,
                                     sounds.voiced if self.voiced_onsets else None))
        return out


def _spec(
    request: AlignRequest, duration_ms: int, known: object, vocab: Vocabulary
) -> TurnSpec:
    assert callable(known)
    tokens, owners = tokens_of(request.words, known, vocab)
    tail, _ = tokens_of(request.prev_tail[-CONTEXT_WORDS:], known, vocab)
    head, _ = tokens_of(request.next_head[:CONTEXT_WORDS], known, vocab)
    start = min(request.window_start_ms, max(0, duration_ms - 1))
    end = max(start + 1, min(request.window_end_ms, duration_ms))
    return TurnSpec(request.index, tokens, owners, tail, head, start, end, request.anchored,
                    pauses_after(request.words, owners))


def _jobs(audio: Audio, specs: Sequence[TurnSpec], wanted: int) -> list[Job]:
    """Runs of consecutive requests of about equal length, each starting at an anchored one."""
    if not specs:
        return []
    total = sum(s.end_ms - s.start_ms for s in specs)
    target = total / max(1, wanted)
    groups: list[list[TurnSpec]] = [[specs[0]]]
    size = specs[0].end_ms - specs[0].start_ms
    for spec in specs[1:]:
        if spec.anchored and size >= target:
            groups.append([])
            size = 0
        groups[-1].append(spec)
        size += spec.end_ms - spec.start_ms
    jobs = []
    for group in groups:
        lo = max(0, min(s.start_ms for s in group) - _MARGIN_MS)
        lo -= lo % FRAME_MS  # on the 10 ms frames of the sounds heard
        hi = max(s.end_ms for s in group) + _MARGIN_MS
        turns = tuple(_shift(s, -lo) for s in group)
        jobs.append(Job(lo, audio[lo * RATE // 1000 : hi * RATE // 1000], turns))
    return jobs


def _shift(spec: TurnSpec, by: int) -> TurnSpec:
    return replace(spec, start_ms=spec.start_ms + by, end_ms=spec.end_ms + by)


# ------------------------------------------------------------------ workers

@dataclass(frozen=True, slots=True)
class _Setup:
    """What a worker's decoder is built from: the same for every job of one alignment."""

    settings: Settings
    walk: WalkSettings
    readings: dict[str, Readings]
    guesses: dict[str, str]


_WORKER: tuple[_Setup, Decoder] | None = None


def _decoder_for(setup: _Setup) -> Decoder:
    """This process's decoder for ``setup``: built for the first job, kept for the jobs
    that share it (workers may be started before the words to align are known)."""
    global _WORKER
    if _WORKER is None or _WORKER[0] != setup:
        _WORKER = None  # the old decoder's model goes before the new one is loaded
        _WORKER = (setup, Decoder(setup.settings, setup.readings, setup.guesses))
    return _WORKER[1]


def _run_job(item: tuple[_Setup, Job]) -> tuple[list[TurnResult], Sounds]:
    """Align a job's turns; also what was heard in its audio (each job hears its own, on
    the worker, so the whole recording is never measured twice in one process)."""
    setup, job = item
    decoder = _decoder_for(setup)
    decoder.start_job()
    audio = samples_of(job.audio)
    sounds = Sounds.hear(audio, RATE)
    heard, cut = squeeze(quieted(audio, sounds.gain_db, RATE), sounds.noise, RATE)
    turns = [replace(t, start_ms=cut.squeezed(t.start_ms),
                     end_ms=max(cut.squeezed(t.end_ms), cut.squeezed(t.start_ms) + 1)) for t in job.turns]
    results = walk_job(decoder, heard, turns, setup.walk)
    return [_placed(r, cut, job.offset_ms) for r in results], sounds


def _spooled(audio_file: Spool, item: tuple[_Setup, Job]) -> tuple[_Setup, Job]:
    """A job whose audio waits in ``audio_file`` for the worker to read it."""
    return item[0], replace(item[1], audio=audio_file.put(item[1].audio))


def _placed(result: TurnResult, cut: Squeeze, offset_ms: int) -> TurnResult:
    """A result's times on the recording: out of the squeezed audio, then by the job's offset."""
    times = tuple(None if t is None else (cut.full(t[0]) + offset_ms, cut.full(t[1]) + offset_ms)
                  for t in result.times)
    return replace(result, times=times)


def _run(
    jobs: Sequence[Job], settings: Settings, walk: WalkSettings, vocab: Vocabulary, workers: int,
    advance: Callable[[int], None],
) -> tuple[dict[int, TurnResult], list[tuple[int, Sounds]]]:
    """Run the jobs, largest first; a job that fails loses only its own turns. Returns the
    results, and what each job heard (from which 10 ms frame of the recording on), in the
    order of the recording whatever order the jobs finish in."""
    order = sorted(jobs, key=lambda j: len(j.audio), reverse=True)
    setup = _Setup(settings, walk, vocab.readings, vocab.guesses)
    results: dict[int, TurnResult] = {}
    heard: list[tuple[int, Sounds]] = []
    if workers <= 1 or (len(order) <= 1 and not started(workers)):  # one job: here, unless workers are up
        for job in order:
            found, sounds = _run_job((setup, job))
            results.update((r.index, r) for r in found)
            heard.append((job.offset_ms // FRAME_MS, sounds))
            advance(len(job.turns))
        return results, sorted(heard, key=lambda h: h[0])
    with spool() as audio_file:
        sent = in_processes(_run_job, [(setup, job) for job in order], workers,
                            prepare=functools.partial(_spooled, audio_file))
        for k, done in sent:
            job = order[k]
            if isinstance(done, Exception):  # a crashed worker must not crash the caller
                log.warning("alignment of turns %d..%d failed: %s", job.turns[0].index, job.turns[-1].index, done)
            else:
                found, sounds = done
                results.update((r.index, r) for r in found)
                heard.append((job.offset_ms // FRAME_MS, sounds))
            advance(len(job.turns))
    return results, sorted(heard, key=lambda h: h[0])


# ------------------------------------------------------------------ results


def _assemble(
    request: AlignRequest, spec: TurnSpec, result: TurnResult, activity: Activity,
    onsets: npt.NDArray[np.bool_] | None, lead_ms: int, voiced: npt.NDArray[np.bool_] | None,
) -> AlignedTurn:
    spans: list[tuple[int, int] | None] = [None] * len(request.words)
    phones = [""] * len(request.words)  # the first phone of each written word, as said
    for owner, time, phone in zip(spec.owners, result.times, result.first_phones, strict=True):
        spans[owner], phones[owner] = time, phone
    verdict = judge(result, len(spec.tokens), activity)
    filled = fill_spans(request.words, spans)
    if not verdict.ok or filled is None:
        return failed(request, verdict.reason or "no word found")
    if onsets is not None:
        filled = tuple(audible_starts(filled, onsets, lead_ms, voiced))
        filled = tuple(across_pauses(filled, onsets, lead_ms))
    if voiced is not None:
        filled = tuple(voiced_starts(filled, phones, voiced, onsets, lead_ms))
    return AlignedTurn(request.index, filled, verdict.confidence, True, verdict.reason, result.per_frame)

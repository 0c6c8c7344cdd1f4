"""PocketSphinx as a forced aligner for one window at a time.

Wide beams keep the forced path alive (the defaults prune it and give no hypothesis);
when even those fail the window is retried wider before giving up. No language model
is loaded and lattices are not built: only the Viterbi path through the grammar is read.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from align.aligner.grammar import GARBAGE_PHONES, Chain, base_word, is_filler
from align.aligner.normalize import Readings
from align.aligner.tokens import pronunciations

log = logging.getLogger(__name__)

RATE = 16_000  # the shipped en-us model is 16 kHz only
LONG_MS = 20 * 60_000
# Without lattices the decoder reports a word's acoustic score 10 bits down
# (SENSCR_SHIFT): scale its log back up to natural-log units.
_SCORE_SCALE = 1024.0
_LEAD_IN = "lead-in"


@dataclass(frozen=True, slots=True)
class Settings:
    """Decoder and search settings.

    ``beams`` are tried in order until one finds a path: each is the HMM beam and the
    (narrower) beam for entering new phones and leaving words.
    """

    # Frames per second: 100 is the model's own rate and the most accurate on real
    # speech (word starts median 10 ms vs 18 ms at 80 on the MFA clips); 80 costs a
    # fifth less. None: 100 for recordings up to LONG_MS, 80 for longer ones.
    frate: int | None = None
    ds: int = 2
    topn: int = 2
    beams: tuple[tuple[float, float], ...] = ((1e-100, 1e-100), (1e-160, 1e-160))
    # after this many windows in a row without a path, stop retrying wider (wrong audio)
    give_up_after: int = 3
    # retrying wider is costly on long windows: only windows up to this long get it
    retry_max_ms: int = 30_000


@dataclass(frozen=True, slots=True)
class Hit:
    """One chain word on the decoded path: frames are relative to the window."""

    position: int
    first_frame: int
    last_frame: int
    log_score: float  # acoustic log-likelihood against the best senone, summed over frames
    first_phone: str = ""  # of the pronunciation the path took ("" when unknown)


@dataclass(frozen=True, slots=True)
class Path:
    hits: tuple[Hit, ...]
    widened: bool


def model_reason() -> str | None:
    """None if PocketSphinx and its en-us model are usable, else why not."""
    try:
        import pocketsphinx
    except ImportError as exc:
        return f"pocketsphinx is not installed ({exc})"
    try:
        path = pocketsphinx.get_model_path("en-us")
    except Exception as exc:  # a broken install can fail in many ways
        return f"pocketsphinx has no usable model ({exc})"
    import os

    if not os.path.isdir(os.path.join(path, "en-us")):
        return f"pocketsphinx model folder {path} is missing"
    return None


def dictionary_path() -> str:
    import pocketsphinx

    return str(pocketsphinx.get_model_path("en-us/cmudict-en-us.dict"))


class Decoder:
    """Decoders for the configured beams (built when first needed) sharing one vocabulary."""

    def __init__(
        self, settings: Settings, readings: Mapping[str, Readings], guesses: Mapping[str, str]
    ) -> None:
        self.settings = settings
        self._readings = dict(readings)
        self._guesses = dict(guesses)
        self._decoders: dict[tuple[float, float], Any] = {}
        self._misses_in_row = 0

    @property
    def frame_ms(self) -> float:
        return 1000.0 / (self.settings.frate or 100)

    def start_job(self) -> None:
        """Forget what earlier jobs did: a job's result must not depend on which ran before it."""
        self._misses_in_row = 0

    def _decoder(self, beam: tuple[float, float]) -> Any:
        found = self._decoders.get(beam)
        if found is not None:
            return found
        import pocketsphinx

        s = self.settings
        decoder = pocketsphinx.Decoder(
            lm=None, loglevel="FATAL", bestpath=False, frate=s.frate or 100, ds=s.ds, topn=s.topn,
            beam=beam[0], wbeam=beam[1], pbeam=beam[1],
            fsgusefiller=False,  # the grammar has its own pauses (and noise only at turn edges)
        )
        entries = list(GARBAGE_PHONES.items())
        for name, readings in self._readings.items():
            prons = pronunciations(readings, decoder.lookup_word, self._guesses) or ["AH"]
            entries.extend((name if j == 0 else f"{name}({j + 1})", p) for j, p in enumerate(prons))
        for k, (word, phones) in enumerate(entries):
            decoder.add_word(word, phones, k == len(entries) - 1)
        # the lead-in's grammar: one noise word, so that searching it costs next to nothing
        decoder.add_fsg(_LEAD_IN, decoder.create_fsg(_LEAD_IN, 0, 1, [(0, 0, 1.0, "+noise+"), (0, 1, 1.0)]))
        self._decoders[beam] = decoder
        return decoder

    def align(self, samples: npt.NDArray[np.int16], chain: Chain,
              before: npt.NDArray[np.int16] | None = None) -> Path | None:
        """The best path of ``chain`` through ``samples``, or None if none was found.

        ``before`` is the audio just before the window (a second or so): the front end
        learns the recording's noise from it first, as it would in a running stream.
        """
        s = self.settings
        duration_ms = len(samples) * 1000 // RATE
        data = np.ascontiguousarray(samples, dtype=np.int16).tobytes()
        lead_in = b"" if before is None else np.ascontiguousarray(before, dtype=np.int16).tobytes()
        for attempt, beam in enumerate(s.beams):
            if attempt and (self._misses_in_row >= s.give_up_after or duration_ms > s.retry_max_ms):
                break
            decoder = self._decoder(beam)
            decoder.activate_search(_LEAD_IN)  # never replace the grammar in use: it would be freed
            fsg = decoder.create_fsg(
                "window", chain.start_state, chain.final_state, chain.transitions()
            )
            decoder.add_fsg("window", fsg)
            # The front end's noise estimate runs on from one utterance into the next
            # (only a new stream resets it), so a window decoded after another came out
            # 10-80 ms different from the same window decoded first: which windows a
            # worker had decoded before decided the result. PocketSphinx 5 calls
            # start_stream deprecated; it is still what resets that estimate. A new
            # estimate starts from the window's first frame; the audio before the window
            # gives it what it had learnt in one running stream, the same way every time.
            # Only the front end needs the lead-in: searched with the window's grammar it
            # took 4% of the decoding, with a grammar of one noise word 1%.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                decoder.start_stream()
            if lead_in:
                decoder.start_utt()
                decoder.process_raw(lead_in, no_search=True, full_utt=True)
                decoder.end_utt()
            decoder.activate_search("window")
            decoder.start_utt()
            decoder.process_raw(data, full_utt=True)
            decoder.end_utt()
            hits = _read_path(decoder, chain)
            if hits is not None:
                self._misses_in_row = 0
                return Path(hits, widened=attempt > 0)
        self._misses_in_row += 1
        return None


def _read_path(decoder: Any, chain: Chain) -> tuple[Hit, ...] | None:
    segments = decoder.seg()
    if segments is None or decoder.hyp() is None:
        return None
    words = []
    for seg in segments:
        if is_filler(seg.word):
            continue
        phones = decoder.lookup_word(seg.word) or ""
        words.append((base_word(seg.word), seg.start_frame, seg.end_frame, seg.ascore, phones.partition(" ")[0]))
    entry = chain.locate([w[0] for w in words])
    if entry is None:
        return None
    return tuple(
        Hit(entry + k, first, last, _SCORE_SCALE * math.log(score) if score > 0 else -1e6, phone)
        for k, (_, first, last, score, phone) in enumerate(words)
    )

"""align.aligner.sphinx: the aligner against real recordings (MFA-referenced speech, eSpeak NG
speech, wrong audio)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np
import pytest

from align import audio
from align.aligner import AlignRequest, available, default_aligner
from align.aligner.pronounce import espeak_program
from align.pipeline import read_and_time
from align.refine import requests_for
from tests.support import SAMPLE, SAMPLE_AUDIO, Int16
from tests.support import SHARED_AUDIO as AUDIO

RATE = 16_000


def _clip(name: str) -> tuple[Int16, list[str], list[tuple[str, float]]]:
    """Samples, transcript words and MFA word starts of one shared recording."""
    with wave.open(str(AUDIO / f"{name}.wav")) as w:
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    words = (AUDIO / f"{name}.lab").read_text(encoding="utf-8").split()
    lines = [ln.strip() for ln in (AUDIO / f"{name}.TextGrid").read_text().splitlines()]
    at = lines.index('"words"')
    ref = []
    for k in range(int(lines[at + 3])):
        start, _, word = lines[at + 4 + 3 * k : at + 7 + 3 * k]
        if word.strip('"'):
            ref.append((word.strip('"'), float(start)))
    return samples, words, ref


@pytest.mark.needs_shared
def test_words_land_on_the_reference_times() -> None:
    samples, words, ref = _clip("acoustic_corpus")
    # the first 9 seconds hold the first 25 words (as in the .lab; MFA agrees on them)
    head = words[:25]
    assert [w for w, _ in ref[:25]] == head
    request = AlignRequest(0, tuple(head), 0, 9500, next_head=tuple(words[25:37]))
    (result,) = default_aligner().align(samples[: 10 * RATE], RATE, [request], workers=1)
    assert result.ok, result.reason
    errors = [abs(span[0] / 1000 - start)
              for span, (_, start) in zip(result.spans, ref, strict=False) if span]
    assert len(errors) == 25
    assert np.median(errors) <= 0.03
    assert sum(e <= 0.1 for e in errors) >= 22
    assert result.confidence > 0.5
    # the onset rule only ever moves a start later, and never past the word's end
    from align.aligner.sphinx import SphinxAligner

    (decoded,) = SphinxAligner(onset_lead_ms=None).align(samples[: 10 * RATE], RATE, [request], workers=1)
    pairs = list(zip(result.spans, decoded.spans, strict=True))
    assert all(a and b and b[0] <= a[0] <= a[1] == b[1] for a, b in pairs)


@pytest.mark.needs_shared
def test_text_that_is_not_in_the_audio_is_reported_not_raised() -> None:
    samples, _, _ = _clip("acoustic_corpus")
    other = (AUDIO / "cold_corpus.lab").read_text(encoding="utf-8").split()[:30]
    requests = [AlignRequest(7, tuple(other), 0, 10_000)]
    (result,) = default_aligner().align(samples[: 10 * RATE], RATE, requests, workers=1)
    assert result.index == 7
    assert not result.ok and result.reason
    assert result.spans == (None,) * 30 and result.confidence == 0.0


def test_music_only_turns_and_silence_are_not_aligned() -> None:
    t = np.arange(6 * RATE) / RATE
    chord = np.sum([np.sin(2 * np.pi * f * t) for f in (220, 277, 330, 440)], axis=0)
    music = (3000 * chord).astype(np.int16)
    requests = [
        AlignRequest(0, ("Welcome", "to", "the", "show,", "everybody."), 0, 6000),
        AlignRequest(1, ("[music]",), 0, 6000),
    ]
    first, second = default_aligner().align(music, RATE, requests, workers=1)
    assert not first.ok and not second.ok
    assert "no spoken words" in second.reason


def test_without_pocketsphinx_every_turn_keeps_text_timing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)  # import now fails
    why = available()
    assert why is not None and "pocketsphinx" in why
    requests = [AlignRequest(0, ("hello", "world"), 0, 1000), AlignRequest(1, ("again",), 0, 1000)]
    results = default_aligner().align(np.zeros(RATE, np.int16), RATE, requests, workers=2)
    assert [r.ok for r in results] == [False, False]
    assert all("pocketsphinx" in r.reason for r in results)


def test_wrong_sample_rate_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="16000"):
        default_aligner().align(np.zeros(8000, np.int16), 8000, [], workers=1)


def _resample(x: np.ndarray, rate: int) -> np.ndarray:
    """To 16 kHz: low-pass below 7.6 kHz (a windowed sinc), then interpolate."""
    n = np.arange(-64, 65)
    kernel = np.sinc(2 * 7600 / rate * n) * np.hamming(len(n))
    smooth = np.convolve(x, kernel / kernel.sum(), mode="same")
    at = np.arange(0, len(x) * RATE // rate) * rate / RATE
    return np.interp(at, np.arange(len(x)), smooth)


@pytest.fixture(scope="module")
def espeak_turns(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, list[list[str]]]:
    """Two turns said by eSpeak NG with a pause between, at 16 kHz (for tests marked needs_espeak)."""
    program = espeak_program()
    assert program is not None
    turns = [
        "Stefano Maffulli runs the OSI’s podcast since 2019.".split(),
        "Connor Leahy thinks GPT-3 changed everything, [laughs] honestly.".split(),
    ]
    pieces = []
    for i, (words, voice) in enumerate(zip(turns, ("en+f3", "en-us+m3"), strict=True)):
        wav = tmp_path_factory.mktemp("espeak") / f"t{i}.wav"
        spoken = " ".join(w for w in words if not w.startswith("["))
        subprocess.run([program, "-v", voice, "-s", "165", "-w", str(wav), spoken], check=True)
        with wave.open(str(wav)) as w:
            rate = w.getframerate()
            x = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float64)
        pieces += [np.zeros(RATE // 2), _resample(x, rate)]
    pieces.append(np.zeros(RATE // 2))
    speech = np.concatenate(pieces)
    # room noise 30 dB below the speech, as in the synthetic episodes (digital silence
    # throws the decoder's feature normalisation off; real recordings have a floor)
    level = np.sqrt(np.mean(speech[speech != 0] ** 2)) / 10 ** (30 / 20)
    noise = np.random.default_rng(7).normal(0, level, speech.size)
    return (speech + noise).astype(np.int16), turns


@pytest.mark.needs_espeak
def test_espeak_speech_with_unknown_words_numbers_and_notes(
    espeak_turns: tuple[np.ndarray, list[list[str]]],
) -> None:
    samples, turns = espeak_turns
    total = len(samples) * 1000 // RATE
    requests = [
        AlignRequest(0, tuple(turns[0]), 0, total, next_head=tuple(turns[1][:5])),
        AlignRequest(1, tuple(turns[1]), 1000, total, prev_tail=tuple(turns[0][-5:])),
    ]
    first, second = default_aligner().align(samples, RATE, requests, workers=2)
    assert first.ok and second.ok, (first.reason, second.reason)
    spans = [s for s in first.spans + second.spans if s is not None]
    assert len(spans) == len(turns[0]) + len(turns[1])
    starts = [s[0] for s in spans]
    assert starts == sorted(starts) and starts[-1] < total
    assert second.spans[0] is not None and first.spans[-1] is not None
    assert second.spans[0][0] >= first.spans[-1][1]  # the pause lies between the turns
    note = turns[1].index("[laughs]")
    laughs, before = second.spans[note], second.spans[note - 1]
    assert laughs is not None and before is not None
    assert laughs[0] == before[1]  # the note sits where it stands


@pytest.mark.needs_ffmpeg
def test_the_number_of_workers_does_not_change_the_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the workers' audio is spooled
    timed = read_and_time(SAMPLE, speaker_map={"MA": "MO"})
    samples, duration_ms = audio.decode_whole(SAMPLE_AUDIO, audio.find_ffmpeg(), RATE, parts=1)
    requests = requests_for(timed.turns[:6], duration_ms)
    one = default_aligner().align(samples, RATE, requests, workers=1)
    two = default_aligner().align(samples, RATE, requests, workers=2)
    assert all(a.ok for a in one)
    assert [a.spans for a in one] == [b.spans for b in two]
    assert list(tmp_path.iterdir()) == []  # the audio the workers read left nothing behind


@pytest.mark.needs_ffmpeg
def test_one_job_goes_to_workers_already_started_and_runs_here_without_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from align.aligner import sphinx, workers_ready

    timed = read_and_time(SAMPLE, speaker_map={"MA": "MO"})
    samples, duration_ms = audio.decode_whole(SAMPLE_AUDIO, audio.find_ffmpeg(), RATE, parts=1)
    requests = requests_for(timed.turns[:1], duration_ms)
    monkeypatch.setattr(sphinx, "_WORKER", None)  # this process's decoder, if it builds one
    with workers_ready(2):
        (there,) = default_aligner().align(samples, RATE, requests, workers=2)
    assert there.ok and sphinx._WORKER is None  # the model was loaded by a worker, not beside the recording
    (here,) = default_aligner().align(samples, RATE, requests, workers=2)  # none started: not worth starting
    assert sphinx._WORKER is not None and here.spans == there.spans

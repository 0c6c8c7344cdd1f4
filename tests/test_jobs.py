"""align.jobs: one function a command, on files, with no global state."""

from __future__ import annotations

import itertools
from pathlib import Path

import pysrt
import pytest

from align.clips import ClipOptions
from align.errors import CannotWriteError, InputError, OptionError, TargetExistsError
from align.jobs import Reading, captions_job, clips_job, info_job, quote_job
from align.pipeline import make_captions
from align.summary import summarize
from align.writers import UnknownOutputFormatError
from tests.support import DATA, tones

INTERVIEW = DATA / "interview.txt"

TRANSCRIPT = """\
[00:00:00] Ann Lee: First part here.

[00:00:02] Bob Ray: The second sentence is the one to quote.

[00:00:05] Ann Lee: Third part here.
"""
SPEECH = [(300, 1800), (2200, 4600), (5200, 6500)]


@pytest.fixture
def episode(tmp_path: Path, no_ffmpeg: None) -> tuple[Path, Path]:
    """A transcript and its "recording" (tones where the turns are), as WAV: no ffmpeg needed."""
    transcript = tmp_path / "episode.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    return transcript, tones(tmp_path / "episode.wav", SPEECH, 7000)


def test_captions_job_writes_the_formats_and_returns_the_captions(tmp_path: Path) -> None:
    written = captions_job(INTERVIEW, tmp_path, Reading(speaker_map={"SF": "SM"}), formats=("srt", "json"),
                           profile="bbc")
    assert written.files == (tmp_path / "interview.srt", tmp_path / "interview.json")
    assert written.captions.cues == make_captions(INTERVIEW, profile="bbc", speaker_map={"SF": "SM"}).cues
    assert len(pysrt.open(str(written.files[0]))) == len(written.captions.cues)


def test_an_unknown_format_fails_before_the_transcript_is_read(tmp_path: Path) -> None:
    with pytest.raises(UnknownOutputFormatError):
        captions_job(tmp_path / "missing.txt", tmp_path / "out", formats=("srt", "ass"))
    with pytest.raises(InputError, match="no such file"):
        captions_job(tmp_path / "missing.txt", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_info_job_summarises() -> None:
    assert info_job(INTERVIEW, profile="dcmp") == summarize(make_captions(INTERVIEW, profile="dcmp"))


def test_reading_is_the_same_for_every_command() -> None:
    reading = Reading(speaker_map={"SF": "SM"}, strict=True)
    with pytest.raises(InputError, match="malformed marker"):
        reading.timed(DATA.parent.parent / "transcripts" / "sample.txt")
    assert [s.key for s in reading.timed(INTERVIEW).speakers] == ["CL", "SM", "ANNOUNCER"]


def test_clips_job_cuts_a_clip_per_turn(episode: tuple[Path, Path], tmp_path: Path) -> None:
    transcript, wav = episode
    timed, report = clips_job(transcript, wav, tmp_path / "clips", options=ClipOptions(speakers=("AL",)))
    assert [t.speaker.key for t in timed.turns] == ["AL", "BR", "AL"]
    assert [c.file for c in report.clips] == ["0000_AL_00-00-00.wav", "0002_AL_00-00-05.wav"]
    assert sorted(p.name for p in (tmp_path / "clips").iterdir()) == [
        "0000_AL_00-00-00.wav", "0002_AL_00-00-05.wav", "manifest.csv", "manifest.json"]


def test_quote_job_writes_the_clip_and_its_captions(episode: tuple[Path, Path], tmp_path: Path) -> None:
    transcript, wav = episode
    result = quote_job(transcript, "the one to quote", wav, tmp_path / "q")
    assert result.match.text == "the one to quote." and result.match is result.clip.match
    stem = "quote_00-00-03_BR"
    assert result.clip.clip == tmp_path / "q" / f"{stem}.wav"
    assert result.files == (tmp_path / "q" / f"{stem}.srt", tmp_path / "q" / f"{stem}.vtt")
    (sub,) = pysrt.open(str(result.files[0]))
    assert sub.text == "the one to quote."  # no speaker label on a quote by default
    assert sub.start.ordinal == result.match.start_ms - result.clip.start_ms  # timed from the clip's start
    assert sub.end.ordinal <= result.clip.end_ms - result.clip.start_ms
    named = quote_job(transcript, "Third part", wav, tmp_path / "q", name="Best-bit", formats=("vtt",))
    assert [p.name for p in (named.clip.clip, *named.files)] == ["Best-bit.wav", "Best-bit.vtt"]
    with pytest.raises(OptionError, match=r"^'\.\./Best bit' cannot be a file name here; use letters, digits, '-' "
                                          r"and '_' \(for example 'Best-bit'\)$"):
        quote_job(transcript.parent / "missing.txt", "Third part", wav, tmp_path / "q", name="../Best bit")


def test_a_quote_whose_captions_exist_cuts_nothing(episode: tuple[Path, Path], tmp_path: Path) -> None:
    transcript, wav = episode
    out = tmp_path / "q"
    out.mkdir()
    (out / "quote_00-00-03_BR.vtt").write_text("mine")
    with pytest.raises(TargetExistsError, match=r"quote_00-00-03_BR\.vtt: already exists"):
        quote_job(transcript, "the one to quote", wav, out)
    assert sorted(p.name for p in out.iterdir()) == ["quote_00-00-03_BR.vtt"]


def test_a_quote_whose_captions_cannot_be_written_takes_its_clip_back(
        episode: tuple[Path, Path], tmp_path: Path) -> None:
    transcript, wav = episode
    out = tmp_path / "q"
    (out / "quote_00-00-03_BR.vtt").mkdir(parents=True)  # a folder where a caption file must go
    with pytest.raises(CannotWriteError, match=r"quote_00-00-03_BR\.vtt: cannot write it \(a folder has that name\)"):
        quote_job(transcript, "the one to quote", wav, out, options=ClipOptions(force=True))
    assert [p.name for p in out.iterdir()] == ["quote_00-00-03_BR.vtt"]  # no clip, no caption, no temporary file


@pytest.mark.needs_ffmpeg
def test_quote_aligns_only_the_turn_that_holds_it_and_the_words_beside_it(tmp_path: Path) -> None:
    from align.audio import find_ffmpeg
    from tests.support import SAMPLE, SAMPLE_AUDIO

    reading = Reading(speaker_map={"MA": "MO"}, audio=SAMPLE_AUDIO, ffmpeg=find_ffmpeg())
    result = quote_job(SAMPLE, "how did you get into clocks", SAMPLE_AUDIO, tmp_path, reading,
                       ClipOptions(ffmpeg=find_ffmpeg()))
    alignment = result.timed.alignment
    assert alignment is not None
    assert [r.index for r in alignment.reports] == [2]  # the quote is in turn 2
    assert alignment.reports[0].aligned_start_ms is not None
    assert [t.index for t in result.timed.turns if t.aligned] == [2]
    whole = reading.timed(SAMPLE)
    first = result.match.turn.words.index(result.match.words[0])
    found = whole.turns[2].words[first].start_ms
    assert abs(result.match.start_ms - found) <= 30  # where aligning the whole recording puts it
    # of the turns beside it, the words next to it are where the whole alignment puts them
    before, after = result.timed.turns[1], result.timed.turns[3]
    assert abs(before.words[-1].end_ms - whole.turns[1].words[-1].end_ms) <= 30
    assert abs(after.words[0].start_ms - whole.turns[3].words[0].start_ms) <= 30
    assert before.end_ms <= result.timed.turns[2].start_ms <= result.timed.turns[2].end_ms <= after.start_ms
    assert [w.text for w in before.words] == [w.text for w in whole.turns[1].words]  # no word lost
    assert all(a.start_ms <= b.start_ms for a, b in itertools.pairwise(before.words))

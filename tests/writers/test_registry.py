"""align.writers (the package) and its registry: formats by name or suffix, all written or none."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from align.errors import InputOverwriteError, OptionError, TargetExistsError
from align.pipeline import Captions, make_captions
from align.writers import (
    DEFAULT_FORMATS,
    WRITERS,
    UnknownOutputFormatError,
    Writer,
    register,
    write_captions,
    writer_for,
    writer_for_name,
)
from tests.support import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Captions:
    return make_captions(SAMPLE, speaker_map={"MA": "MO"})


def test_the_formats_by_name_and_file_name() -> None:
    assert [(w.name, w.suffix) for w in WRITERS.values()] == [
        ("srt", ".srt"), ("vtt", ".vtt"), ("json", ".json"), ("txt", ".txt"), ("podcast", ".podcast.json"),
        ("ttml", ".ttml")]
    assert writer_for(" SRT ") is WRITERS["srt"] and DEFAULT_FORMATS == ("srt", "vtt")
    assert writer_for_name("EP.VTT") is WRITERS["vtt"] and writer_for_name("ep.ass") is None
    assert writer_for_name("ep.podcast.json") is WRITERS["podcast"]  # the longest suffix wins
    assert writer_for_name("ep.json") is WRITERS["json"] and writer_for_name(".srt") is None  # a suffix alone


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(UnknownOutputFormatError,
                       match=r"^no caption format 'ass'; the formats are srt, vtt, json, txt, podcast, ttml$"):
        writer_for("ass")


@pytest.fixture
def with_text() -> Iterator[Writer]:
    saved = dict(WRITERS)
    writer = register(Writer("words", ".words", "the words alone", lambda c: " ".join(q.text for q in c.cues) + "\n"))
    try:
        yield writer
    finally:
        WRITERS.clear()
        WRITERS.update(saved)


def test_a_registered_format_is_written_like_the_others(with_text: Writer, sample: Captions, tmp_path: Path) -> None:
    assert writer_for("words") is with_text and writer_for_name("a.words") is with_text
    (path,) = write_captions(sample, tmp_path, ["words"])
    assert path == tmp_path / "sample.words"
    assert path.read_text(encoding="utf-8").startswith("Welcome to Field Notes, a show about")


def test_write_captions_names_files_after_the_transcript(sample: Captions, tmp_path: Path) -> None:
    files = write_captions(sample, tmp_path / "out", ["vtt", WRITERS["srt"], "vtt"])  # a format once
    assert files == [tmp_path / "out" / "sample.vtt", tmp_path / "out" / "sample.srt"]
    named = write_captions(sample, tmp_path / "out", ["json"], stem="episode 12")
    assert named == [tmp_path / "out" / "episode 12.json"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["episode 12.json", "sample.srt", "sample.vtt"]
    assert files[0].read_text(encoding="utf-8").startswith("WEBVTT\n\n00:00:00.500 --> ")


def test_write_captions_writes_all_or_none(sample: Captions, tmp_path: Path) -> None:
    (tmp_path / "sample.vtt").write_text("mine")
    with pytest.raises(TargetExistsError):
        write_captions(sample, tmp_path, ["srt", "vtt", "json"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.vtt"]
    assert (tmp_path / "sample.vtt").read_text() == "mine"
    write_captions(sample, tmp_path, ["srt", "vtt", "json"], force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.json", "sample.srt", "sample.vtt"]


def test_write_captions_never_writes_over_the_transcript(tmp_path: Path) -> None:
    transcript = tmp_path / "episode.txt"
    transcript.write_text("[00:00:01] Ann Lee: Hello there.\n")
    captions = make_captions(transcript)
    with pytest.raises(InputOverwriteError, match=r"episode\.txt: would overwrite an input$"):
        write_captions(captions, tmp_path, ["srt", "txt"], force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.txt"]
    assert transcript.read_text() == "[00:00:01] Ann Lee: Hello there.\n"


def test_out_named_like_a_caption_file_is_that_one_file(sample: Captions, tmp_path: Path) -> None:
    assert write_captions(sample, tmp_path / "ep.vtt") == [tmp_path / "ep.vtt"]  # the default formats: its own
    assert write_captions(sample, tmp_path / "ep.srt", ["srt"]) == [tmp_path / "ep.srt"]
    with pytest.raises(OptionError, match=r"ep\.ttml is a ttml file; it cannot hold srt, json$"):
        write_captions(sample, tmp_path / "ep.ttml", ["srt", "json"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ep.srt", "ep.vtt"]

"""Which reader reads a file, from its content alone: every layout's files go to its reader,
by a clear margin, and no reader claims another family's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.readers import READERS, detect, plain, read_transcript
from align.readers.decode import read_text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "readers"
SHARED = ROOT.parent / "shared"

# Every fixture and the reader its layout belongs to.
FIXTURES = {
    "changelog.md": "markdown",
    "orbit.md": "markdown",
    "otter.txt": "otter",
    "otter-nameless.txt": "otter",
    "segments.txt": "segments",
    "whisper-print.txt": "segments",
    "speaker-tags.txt": "segments",
    "rev.txt": "speaker-time",
    "rev-inline.txt": "speaker-time",
    "btc.md": "speaker-time",
    "shownotes.md": "speaker-time",
    "webpage.md": "webpage",
    "webpage.txt": "webpage",
    "plain-labels.txt": "plain",
    "plain.txt": "plain",
    "lumberjack.txt": "plain",
    "zoom.vtt": "captions",
    "voices.vtt": "captions",
    "youtube-auto.vtt": "captions",
    "broadcast.srt": "captions",
    "labels.srt": "captions",
    "srt-saved-as.txt": "captions",
    "podcasting20.json": "json",
    "whisper.json": "json",
    "whisperx.json": "json",
    "assemblyai.json": "json",
    "deepgram.json": "json",
    "rev.json": "json",
}
SHARED_FILES = {
    "formats/changelog-go-time-100.md": "markdown",
    "formats/otter-ladybug-62-security.md": "otter",
    "formats/whisper-speakers-oxide-on-code-review.md": "segments",
    "formats/btctranscripts-chaincode-nesting.md": "speaker-time",
    "seed/000_7892dc062e92172c.txt": "bracketed",
}
MARGIN = 0.2  # the reader's score over the next best


def _scores(path: Path) -> dict[str, float]:
    text, _ = read_text(path)
    return {name: reader.sniff(text) for name, reader in READERS.items()}


def _assert_claimed(path: Path, expected: str) -> None:
    scores = _scores(path)
    best = max(scores, key=lambda n: scores[n])
    runner_up = max(v for n, v in scores.items() if n != expected)
    assert best == expected, f"{path.name}: {scores}"
    if scores[expected] == plain.FALLBACK:  # prose no layout explains: no reader claims it at all
        assert runner_up <= 0.01, f"{path.name}: {scores}"
    else:
        assert scores[expected] - runner_up >= MARGIN, f"{path.name}: {scores}"
    assert read_transcript(path).reader == expected


def test_every_family_has_a_reader_and_every_reader_a_fixture() -> None:
    assert set(READERS) == {"bracketed", "captions", "json", "segments", "otter", "speaker-time", "markdown",
                            "webpage", "plain"}
    assert set(FIXTURES.values()) | {"bracketed"} == set(READERS)
    assert sorted(p.name for p in DATA.iterdir() if p.name != "package.json") == sorted(FIXTURES)


@pytest.mark.parametrize(("name", "expected"), sorted(FIXTURES.items()))
def test_each_fixture_is_read_by_its_family(name: str, expected: str) -> None:
    _assert_claimed(DATA / name, expected)


@pytest.mark.needs_shared
@pytest.mark.parametrize(("name", "expected"), sorted(SHARED_FILES.items()))
def test_real_transcripts_are_read_by_their_family(name: str, expected: str) -> None:
    _assert_claimed(SHARED / name, expected)


def test_the_users_own_sample_stays_with_the_bracketed_reader() -> None:
    _assert_claimed(ROOT / "transcripts" / "sample.txt", "bracketed")


def test_a_caption_file_is_captions_whatever_its_name(tmp_path: Path) -> None:
    for suffix in (".txt", ".md", ".json", ""):
        path = tmp_path / f"episode{suffix}"
        path.write_bytes((DATA / "zoom.vtt").read_bytes())
        assert read_transcript(path).reader == "captions"


def test_prose_with_no_layout_is_plain_text() -> None:
    assert detect("Just some words.\n\nAnd a second paragraph.\n").name == "plain"
    assert detect("[00:00:01] Ann Lee: Hi.\n").name == "bracketed"

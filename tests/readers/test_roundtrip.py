"""Captions read back: align's own WebVTT and SRT give the same words, speakers and cue times."""

from __future__ import annotations

from pathlib import Path

import pytest
import webvtt

from align.cues import LabelMode
from align.pipeline import make_captions
from align.writers import write_captions, writer_for

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "transcripts" / "sample.txt"
FRAME_MS = 42  # one frame at 24 fps


def _cues(path: Path) -> list[tuple[str | None, str, int, int]]:
    def ms(stamp: str) -> int:
        h, m, s = stamp.split(":")
        return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)

    return [(c.voice, c.text, ms(c.start), ms(c.end)) for c in webvtt.read(str(path)).captions]


def test_our_webvtt_reads_back_to_the_same_cues(tmp_path: Path) -> None:
    first = write_captions(make_captions(SAMPLE, speaker_map={"MA": "MO"}), tmp_path / "a", [writer_for("vtt")])[0]
    again = make_captions(first)
    assert again.timed.transcript.reader == "captions"
    second = write_captions(again, tmp_path / "b", [writer_for("vtt")])[0]
    before, after = _cues(first), _cues(second)
    assert [(v, t) for v, t, _, _ in after] == [(v, t) for v, t, _, _ in before]
    assert max(max(abs(a[2] - b[2]), abs(a[3] - b[3])) for a, b in zip(before, after, strict=True)) < FRAME_MS


def test_our_srt_with_names_reads_back_to_the_same_speakers(tmp_path: Path) -> None:
    captions = make_captions(SAMPLE, speaker_map={"MA": "MO"}, labels=LabelMode.NAMES)
    srt = write_captions(captions, tmp_path, [writer_for("srt")])[0]
    again = make_captions(srt)
    assert [s.name for s in again.speakers] == [s.name for s in captions.speakers]
    assert [w.text for t in again.turns for w in t.words] == [w.text for t in captions.turns for w in t.words]


@pytest.mark.needs_shared
def test_the_seed_reads_back_cue_for_cue(seed: Path, tmp_path: Path) -> None:
    """Where two ways of cutting cost nearly the same, the captioner's cut is kept."""
    first = write_captions(make_captions(seed), tmp_path / "a", [writer_for("vtt")])[0]
    second = write_captions(make_captions(first), tmp_path / "b", [writer_for("vtt")])[0]
    before, after = _cues(first), _cues(second)
    assert len(before) == len(after) == 669
    assert [(v, t) for v, t, _, _ in after] == [(v, t) for v, t, _, _ in before]
    assert max(max(abs(a[2] - b[2]), abs(a[3] - b[3])) for a, b in zip(before, after, strict=True)) < FRAME_MS


def test_a_caption_too_long_for_the_profile_is_cut_again(tmp_path: Path) -> None:
    text = ("WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n<v Ann Lee>" + " ".join(["word"] * 30) + "\n\n"
            "00:00:09.500 --> 00:00:11.000\n<v Ann Lee>Short one.\n")
    path = tmp_path / "long.vtt"
    path.write_text(text, encoding="utf-8")
    captions = make_captions(path)
    assert len(captions.cues) >= 3 and captions.cues[-1].lines == ("Short one.",)
    assert all(len(line) <= 42 for c in captions.cues for line in c.lines)

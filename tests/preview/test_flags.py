"""align.preview.flags: what the page asks a person to look at."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from align.preview import write_preview
from tests.preview.cases import AUDIO, sample_captions


def test_uncertain_turns_and_caption_problems_are_listed_and_linked(tmp_path: Path) -> None:
    captions = sample_captions(profile="bbc")
    weak = dataclasses.replace(captions.turns[3], confidence=0.2)
    timed = dataclasses.replace(captions.timed, turns=(*captions.turns[:3], weak, *captions.turns[4:]))
    captions = dataclasses.replace(captions, timed=timed)
    report = write_preview(captions, AUDIO, tmp_path)
    page = report.page.read_text(encoding="utf-8")
    kinds = {f.kind.value for f in report.flags}
    assert kinds == {"timing", "caption", "transcript"}
    timing = [f for f in report.flags if f.kind.value == "timing"]
    assert [(f.turn, f.message) for f in timing] == [(3, "timed from the text with low confidence 0.20")]
    assert '<article class="turn uncertain" id="turn-3"' in page
    links = re.findall(r'<li(?: class="error")?><a href="#([\w-]+)" data-ms="\d+">', page)
    assert len(links) == sum(1 for f in report.flags if f.anchor)
    assert all(f'id="{anchor}"' in page for anchor in links)
    assert f"To look at ({len(report.flags)})" in page

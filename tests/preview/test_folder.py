"""align.preview.folder: the page, its captions and the recording written side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import OutputError
from align.preview import AudioPlacement, write_preview
from align.writers import vtt
from tests.preview.cases import AUDIO, sample_captions


def test_the_folder_holds_the_page_its_captions_and_the_recording(tmp_path: Path) -> None:
    captions = sample_captions()
    report = write_preview(captions, AUDIO, tmp_path / "p")
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["sample.html", "sample.mp3", "sample.vtt"]
    assert report.captions.read_text(encoding="utf-8") == vtt.render(captions)
    assert report.audio.read_bytes() == AUDIO.read_bytes()
    same_disk = report.audio.stat().st_dev == AUDIO.stat().st_dev
    assert report.placement is (AudioPlacement.LINKED if same_disk else AudioPlacement.COPIED)
    assert not list((tmp_path / "p").glob(".*"))  # no temporary files left behind


def test_nothing_is_replaced_without_force(tmp_path: Path) -> None:
    captions = sample_captions()
    (tmp_path / "sample.html").write_text("mine")
    with pytest.raises(OutputError, match=r"sample\.html: already exists$"):
        write_preview(captions, AUDIO, tmp_path)
    assert (tmp_path / "sample.html").read_text() == "mine" and not (tmp_path / "sample.vtt").exists()
    write_preview(captions, AUDIO, tmp_path, force=True)
    assert (tmp_path / "sample.html").read_text() != "mine"
    in_place = write_preview(captions, tmp_path / "sample.mp3", tmp_path, force=True)  # the recording is there
    assert in_place.placement is AudioPlacement.IN_PLACE

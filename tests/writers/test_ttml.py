"""align.writers.ttml: TTML in the IMSC 1 text profile, read back by ttconv."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import ttconv.imsc.reader as ttconv

from tests.support import SAMPLE, run_cli


def test_ttml_is_imsc1_text_read_by_ttconv(tmp_path: Path) -> None:
    code, _, err = run_cli("captions", str(SAMPLE), "-o", str(tmp_path), "--format", "ttml,vtt", "--speaker", "MA=MO")
    assert code == 0, err
    tree = ET.parse(tmp_path / "sample.ttml")
    ns = {"tt": "http://www.w3.org/ns/ttml", "ttm": "http://www.w3.org/ns/ttml#metadata"}
    root = tree.getroot()
    assert root.get("{http://www.w3.org/ns/ttml#parameter}profile") == "http://www.w3.org/ns/ttml/profile/imsc1/text"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    agents = {a.get("{http://www.w3.org/XML/1998/namespace}id"): a.find("ttm:name", ns).text  # type: ignore[union-attr]
              for a in root.iterfind(".//ttm:agent", ns)}
    assert agents == {"speaker1": "Maya Okafor", "speaker2": "Tomás Reyes", "speaker3": "Announcer"}
    paragraphs = root.findall(".//tt:p", ns)
    assert len(paragraphs) == 34 and all(p.get("{http://www.w3.org/ns/ttml#metadata}agent") in agents
                                         for p in paragraphs)
    vtt_cues = (tmp_path / "sample.vtt").read_text(encoding="utf-8").split("\n\n")[1:]
    assert [p.get("begin") for p in paragraphs] == [c.split(" --> ")[0] for c in vtt_cues]
    doc = ttconv.to_model(tree)  # an IMSC reader of its own: it raises on what the profile forbids
    body_text = []

    def walk(element: object) -> None:
        text = getattr(element, "get_text", None)
        if text is not None:
            body_text.append(text())
        for child in element:  # type: ignore[attr-defined]
            walk(child)

    walk(doc.get_body())
    assert " ".join(body_text).split() == " ".join(
        " ".join(p.itertext()) for p in paragraphs).split()

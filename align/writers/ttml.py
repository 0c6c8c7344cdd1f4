"""TTML in the IMSC 1 text profile, for broadcast and Apple platforms.

One ``<p>`` a cue in a bottom region, its lines split by ``<br/>``, its speaker a
``ttm:agent`` declared in the head. Written with the standard library's ElementTree,
so every character is escaped as XML requires.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from align import timecode
from align.writers.registry import Writer

if TYPE_CHECKING:
    from align.pipeline import Captions

TT = "http://www.w3.org/ns/ttml"
TTP = "http://www.w3.org/ns/ttml#parameter"
TTS = "http://www.w3.org/ns/ttml#styling"
TTM = "http://www.w3.org/ns/ttml#metadata"
XML = "http://www.w3.org/XML/1998/namespace"
PROFILE = "http://www.w3.org/ns/ttml/profile/imsc1/text"

for _prefix, _uri in (("", TT), ("ttp", TTP), ("tts", TTS), ("ttm", TTM)):
    ET.register_namespace(_prefix, _uri)


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def render(captions: Captions, lang: str = "en") -> str:
    tt = ET.Element(_q(TT, "tt"), {
        _q(XML, "lang"): lang,
        _q(TTP, "profile"): PROFILE,
        _q(TTP, "timeBase"): "media",
        _q(TTP, "cellResolution"): "32 15",
    })
    head = ET.SubElement(tt, _q(TT, "head"))
    metadata = ET.SubElement(head, _q(TT, "metadata"))
    agents = {}
    for k, speaker in enumerate(captions.speakers, start=1):
        agents[speaker] = f"speaker{k}"
        agent = ET.SubElement(metadata, _q(TTM, "agent"), {_q(XML, "id"): agents[speaker], "type": "person"})
        ET.SubElement(agent, _q(TTM, "name"), {"type": "full"}).text = speaker.name
    styling = ET.SubElement(head, _q(TT, "styling"))
    ET.SubElement(styling, _q(TT, "style"), {
        _q(XML, "id"): "caption",
        _q(TTS, "color"): "white",
        _q(TTS, "backgroundColor"): "black",
        _q(TTS, "fontFamily"): "proportionalSansSerif",
        _q(TTS, "fontSize"): "100%",
        _q(TTS, "textAlign"): "center",
    })
    layout = ET.SubElement(head, _q(TT, "layout"))
    ET.SubElement(layout, _q(TT, "region"), {
        _q(XML, "id"): "bottom",
        _q(TTS, "origin"): "10% 70%",
        _q(TTS, "extent"): "80% 20%",
        _q(TTS, "displayAlign"): "after",
    })
    body = ET.SubElement(tt, _q(TT, "body"), {"region": "bottom", "style": "caption"})
    div = ET.SubElement(body, _q(TT, "div"))
    for cue in captions.cues:
        p = ET.SubElement(div, _q(TT, "p"), {
            "begin": timecode.caption(cue.start_ms),
            "end": timecode.caption(cue.end_ms),
            _q(TTM, "agent"): agents[cue.speaker],
        })
        lines = list(cue.lines)  # XML text holds '-->' as written
        p.text = lines[0]
        for line in lines[1:]:
            ET.SubElement(p, _q(TT, "br")).tail = line
    ET.indent(tt, space=" ")
    return ET.tostring(tt, encoding="unicode", xml_declaration=True) + "\n"


WRITER = Writer("ttml", ".ttml", "TTML, IMSC 1 text profile: a <p> a cue, speakers as agents", render)

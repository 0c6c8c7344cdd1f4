"""Hypothesis strategies for caption files: SRT and WebVTT with the cues they hold.

``srt_files()`` writes by the de-facto rules, ``vtt_files()`` by the specification's syntax with
a header, notes, a style block, identifiers, settings, voices, tags and character references;
each gives the text and the ``CaptionCue``s a careful reader must read from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st


@dataclass(frozen=True, slots=True)
class CaptionCue:
    """A cue as a reader should give it back: times, text as shown (tags gone, references read)."""

    start_ms: int
    end_ms: int
    text: str
    voice: str | None = None
    identifier: str | None = None
    settings: str = ""


def _srt_time(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def _vtt_time(ms: int, short: bool) -> str:
    tail = f"{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
    return tail if short and ms < 3_600_000 else f"{ms // 3_600_000:02d}:{tail}"


@st.composite
def cue_times(draw: st.DrawFn, count: int) -> list[tuple[int, int]]:
    """Start and end of ``count`` cues: positive, starts in order (cues may overlap)."""
    out, t = [], draw(st.integers(0, 10_000))
    for _ in range(count):
        t += draw(st.integers(0, 5_000))
        out.append((t, t + draw(st.integers(1, 8_000))))
    return out


_SRT_TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp", "Zs"]), min_size=1, max_size=20)


@st.composite
def srt_files(draw: st.DrawFn) -> tuple[str, list[CaptionCue]]:
    """An SRT file by the de-facto rules (numbered from 1, ``,`` before the milliseconds, one
    blank line between cues), with LF or CRLF, and the cues it holds."""
    times = draw(cue_times(draw(st.integers(0, 6))))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    blocks, cues = [], []
    for n, (start, end) in enumerate(times, start=1):
        lines = draw(st.lists(st.lists(_SRT_TEXT, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=3))
        lines = [line.replace("-->", "->") for line in lines]
        blocks.append(eol.join([str(n), f"{_srt_time(start)} --> {_srt_time(end)}", *lines]))
        cues.append(CaptionCue(start, end, "\n".join(lines)))
    bom = "\ufeff" if draw(st.integers(0, 5)) == 0 else ""
    return bom + "".join(b + eol + eol for b in blocks), cues


_VTT_PLAIN = st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=12)
_REFERENCES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": "\u00a0", "&lrm;": "\u200e", "&rlm;": "\u200f",
               "&#65;": "A", "&#x263A;": "☺"}


@st.composite
def vtt_text(draw: st.DrawFn) -> tuple[str, str]:
    """A line of cue text as written (tags, references) and as shown."""
    written, shown = [], []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["plain", "plain", "ref", "tag", "stamp"]))
        if kind == "plain":
            plain = draw(_VTT_PLAIN).replace("-->", "->").strip() or "x"
            written.append(plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
            shown.append(plain)
        elif kind == "ref":
            ref = draw(st.sampled_from(sorted(_REFERENCES)))
            written.append(ref)
            shown.append(_REFERENCES[ref])
        elif kind == "tag":
            tag = draw(st.sampled_from(["i", "b", "u", "c.yellow", "c.a.b", "lang en"]))
            inner = draw(st.sampled_from(["word", "two words", "x"]))
            written.append(f"<{tag}>{inner}</{tag.split('.')[0].split(' ')[0]}>")
            shown.append(inner)
        else:
            written.append("<00:00:00.000>")
    return "".join(written), "".join(shown)


@st.composite
def vtt_files(draw: st.DrawFn) -> tuple[str, list[CaptionCue]]:
    """A WebVTT file by the specification's syntax, with a header, notes, a style block,
    identifiers, settings, voices, tags and character references; and the cues it holds."""
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    short = draw(st.booleans())
    parts = ["WEBVTT" + draw(st.sampled_from(["", " - a title", "\tkind"]))]
    if draw(st.booleans()):
        parts.append("STYLE" + eol + "::cue { color: yellow }")
    cues = []
    for start, end in draw(cue_times(draw(st.integers(0, 6)))):
        block = []
        if draw(st.integers(0, 4)) == 0:
            parts.append("NOTE " + draw(st.sampled_from(["a comment", "two" + eol + "lines"])))
        ident = draw(st.one_of(st.none(), st.sampled_from(["1", "intro", "cue-7", "crédit de transcription"])))
        if ident is not None:
            block.append(ident)
        settings = draw(st.sampled_from(["", "", "align:start", "line:0 position:10%", "size:50% align:end",
                                         "vertical:rl"]))
        block.append(f"{_vtt_time(start, short)} --> {_vtt_time(end, short)}" + (f" {settings}" if settings else ""))
        voice = draw(st.one_of(st.none(), st.sampled_from(["Ann Lee", "王伟", "R&D", "A<B"])))
        written, shown = zip(*draw(st.lists(vtt_text(), min_size=1, max_size=3)), strict=True)
        lines = list(written)
        if voice is not None:
            escaped = voice.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            lines[0] = f"<v{draw(st.sampled_from(['', '.loud']))} {escaped}>{lines[0]}"
            if draw(st.booleans()):
                lines[-1] += "</v>"
        block.extend(lines)
        parts.append(eol.join(block))
        cues.append(CaptionCue(start, end, "\n".join(shown), voice, ident, settings))
    return (eol + eol).join(parts) + eol, cues

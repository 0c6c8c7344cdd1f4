"""The preview page: the transcript and its times in HTML, the player's behaviour added by script.

The HTML is complete without JavaScript (transcript, times that open the recording at
that moment, the timeline, the list of flags); ``preview.js`` makes words seek and
follows the playback. Template, style sheet and script are files of this package,
put into the page so that it is one file.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from html import escape
from importlib import resources
from string import Template
from urllib.parse import quote

from align import __version__
from align.check import Severity
from align.preview.colours import speaker_colours
from align.preview.flags import Flag, FlagKind, cue_anchor, turn_anchor
from align.preview.source import Episode


def _asset(name: str) -> str:
    return resources.files("align.preview").joinpath(name).read_text(encoding="utf-8")


def clock(ms: int, tenths: bool = False) -> str:
    s = ms // 1000
    text = f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{text}.{ms % 1000 // 100}" if tenths else text


def render_page(episode: Episode, flags: Sequence[Flag], audio_name: str, vtt_name: str) -> str:
    """The whole page, for an audio file and a caption file beside it."""
    colours = speaker_colours(len(episode.speakers))
    audio_href = quote(audio_name)
    first = episode.cues[0] if episode.cues else None
    words = sum(len(t.words) for t in episode.turns)
    timing = f"aligned to the recording by {episode.aligned_by}" if episode.aligned_by else "timed from the text"
    summary = (f"{len(episode.turns)} turns, {words} words, {len(episode.cues)} captions "
               f"({episode.profile.name} style), {timing}; {clock(episode.duration_ms)} long.")
    fields = {
        "lang": "en",
        "version": __version__,
        "title": escape(f"Preview: {episode.source.name}"),
        "summary": escape(summary),
        "audio": escape(audio_href),
        "vtt": escape(quote(vtt_name)),
        "first_who": escape(episode.speakers[episode.turns[first.turn].speaker].name) if first else "",
        "first_text": escape("\n".join(first.lines)) if first else "",
        "first_where": escape(f"Caption 1 of {len(episode.cues)} · {clock(first.start_ms, True)}") if first else "",
        "timeline": _timeline(episode, colours),
        "legend": _legend(episode, colours),
        "flags_heading": escape(f"To look at ({len(flags)})"),
        "flags": _flag_list(flags, episode),
        "transcript": _transcript(episode, flags, colours, audio_href),
        "data": _data(episode, colours, vtt_name),
        "css": _asset("preview.css"),
        "js": _asset("preview.js"),
    }
    return Template(_asset("page.html")).substitute(fields)


def _timeline(episode: Episode, colours: Sequence[str]) -> str:
    total = max(episode.duration_ms, 1)
    rects = []
    for k, turn in enumerate(episode.turns):
        x = 1000 * turn.start_ms / total
        width = max(1000 * (turn.end_ms - turn.start_ms) / total, 0.8)
        name = episode.speakers[turn.speaker].name
        rects.append(f'<rect x="{x:.2f}" y="0" width="{width:.2f}" height="10" fill="{colours[turn.speaker]}" '
                     f'data-speaker="{turn.speaker}" data-turn="{k}"><title>{escape(name)}, '
                     f'{clock(turn.start_ms)} to {clock(turn.end_ms)}</title></rect>')
    names = ", ".join(s.name for s in episode.speakers)
    marks = "".join(f"<span>{clock(total * k // 4)}</span>" for k in range(5))
    return (f'<div class="strip" id="strip">'
            f'<svg viewBox="0 0 1000 10" preserveAspectRatio="none" role="img" aria-labelledby="strip-title">'
            f'<title id="strip-title">{escape(f"Who speaks when over {clock(total)}: {names}")}</title>'
            f'{"".join(rects)}</svg><div class="playhead" id="playhead"></div></div>'
            f'<div class="scale" aria-hidden="true">{marks}</div>')


def _legend(episode: Episode, colours: Sequence[str]) -> str:
    items = []
    for k, speaker in enumerate(episode.speakers):
        own = [t for t in episode.turns if t.speaker == k]
        talk_ms = sum(t.end_ms - t.start_ms for t in own)
        items.append(f'        <li><span class="swatch" style="background:{colours[k]}" aria-hidden="true"></span>'
                     f'{escape(speaker.name)} <span class="talk">{len(own)} turn{"s" if len(own) != 1 else ""}, '
                     f'{talk_ms / 60000:.1f} min</span></li>')
    return "\n".join(items)


def _flag_list(flags: Sequence[Flag], episode: Episode) -> str:
    if not flags:
        return '<p class="none">Nothing: every turn aligned with confidence and every caption keeps the ' \
               f'{escape(episode.profile.name)} style.</p>'
    items = []
    for f in flags:
        who = f"{episode.speakers[episode.turns[f.turn].speaker].name}: " if f.turn is not None else ""
        when = f'<span class="when">{clock(f.time_ms, True)}</span> ' if f.time_ms is not None else ""
        text = f"{when}{escape(who)}{escape(f.message)}"
        cls = ' class="error"' if f.severity is Severity.ERROR else ""
        if f.anchor and f.time_ms is not None:
            text = f'<a href="#{f.anchor}" data-ms="{f.time_ms}">{text}</a>'
        items.append(f"<li{cls}>{text}</li>")
    return "<ol>" + "".join(items) + "</ol>"


def _transcript(episode: Episode, flags: Sequence[Flag], colours: Sequence[str], audio_href: str) -> str:
    by_turn: dict[int, list[Flag]] = {}
    for f in flags:
        if f.turn is not None and f.kind is not FlagKind.CAPTION:
            by_turn.setdefault(f.turn, []).append(f)
    cue_flags: dict[str, list[Flag]] = {}
    for f in flags:
        if f.kind is FlagKind.CAPTION and f.anchor:
            cue_flags.setdefault(f.anchor, []).append(f)
    cue_starts = {(c.turn, c.first_word): j for j, c in enumerate(episode.cues)}
    out = []
    for k, turn in enumerate(episode.turns):
        own = by_turn.get(k, [])
        uncertain = " uncertain" if turn.uncertain else ""
        badges = "".join(_badge(f) for f in own)
        name = episode.speakers[turn.speaker].name
        seconds = f"{turn.start_ms / 1000:.1f}".rstrip("0").rstrip(".")
        out.append(f'    <article class="turn{uncertain}" id="{turn_anchor(k)}" '
                   f'style="--speaker:{colours[turn.speaker]}" aria-labelledby="{turn_anchor(k)}-h">')
        out.append(f'      <h3 id="{turn_anchor(k)}-h"><a class="time" href="{escape(audio_href)}#t={seconds}" '
                   f'data-ms="{turn.start_ms}">{clock(turn.start_ms)}</a> <span class="who">{escape(name)}</span>'
                   f"{badges}</h3>")
        bounds = (*turn.paragraph_starts, len(turn.words))
        for a, b in itertools.pairwise(bounds):
            if a >= b:
                continue
            spans: list[str] = []
            for i in range(a, b):
                cue = cue_starts.get((k, i))
                attrs = ""
                if cue is not None:
                    anchor = cue_anchor(cue)
                    spans.extend(_badge(f) for f in cue_flags.get(anchor, []))
                    attrs = f' id="{anchor}"'
                spans.append(f'<span class="w"{attrs}>{escape(turn.words[i].text)}</span>')
            out.append("      <p>" + " ".join(spans) + "</p>")
        out.append("    </article>")
    return "\n".join(out)


def _badge(flag: Flag) -> str:
    cls = "badge error" if flag.severity is Severity.ERROR else "badge"
    return f'<span class="{cls}" title="{escape(flag.message)}">{escape(flag.label)}</span>'


def _data(episode: Episode, colours: Sequence[str], vtt_name: str) -> str:
    """What the script needs: word and cue times in the order of the page, speakers, the captions."""
    offsets, total = [], 0
    for turn in episode.turns:
        offsets.append(total)
        total += len(turn.words)
    data = {
        "duration": episode.duration_ms,
        "speakers": [{"name": s.name, "colour": colours[k]} for k, s in enumerate(episode.speakers)],
        "words": {
            "start": [w.start_ms for t in episode.turns for w in t.words],
            "end": [w.end_ms for t in episode.turns for w in t.words],
        },
        "cues": [
            {"start": c.start_ms, "end": c.end_ms, "word": offsets[c.turn] + c.first_word, "count": c.word_count,
             "speaker": episode.turns[c.turn].speaker, "lines": list(c.lines)}
            for c in episode.cues
        ],
        "vtt": episode.vtt,
        "vttName": vtt_name,
    }
    # No "<" at all inside the script element ("</script" would end it, "<!--" confuse it):
    # "\u003c" is the same character to JSON.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")

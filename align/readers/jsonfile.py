"""Transcripts as JSON: the Podcasting 2.0 format, speech-to-text services' output, align's own.

Read: the Podcasting 2.0 transcript (``{"segments": [{"speaker", "startTime", "endTime",
"body"}]}``, a segment a phrase or a word); Whisper's and WhisperX's (``segments`` with
``start``, ``end``, ``text``, and ``words`` with their times); AssemblyAI's and Deepgram's
utterances; Rev's monologues of elements; and the JSON align writes (``turns`` with every
word's time). Whatever the service, a transcript is a list of segments that each have
words and a start: the reader finds that list wherever it stands, with its speakers
when the segments name them, and the times of single words when the segments list them.
A segment's start anchors its first word and its end the last; consecutive segments of
one speaker make one turn. JSON that holds no such list is not a transcript, and is
refused with what it holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from align import timecode
from align.errors import Diagnostic
from align.readers.layout import UNNAMED
from align.readers.model import Paragraph, RawTurn, Token, Transcript
from align.readers.registry import Context, NotATranscriptError, Reader
from align.readers.tokens import tokenize

NAME = "json"
_TEXT = ("body", "text", "transcript", "punctuated_word", "word", "content", "value", "sentence")
_START = ("startTime", "start_time", "start", "ts", "offset", "begin", "start_ms", "startMs", "startTimeMs")
_END = ("endTime", "end_time", "end", "end_ts", "stop", "end_ms", "endMs", "endTimeMs")
_SPEAKER = ("speaker_name", "speakerName", "speaker", "speaker_label", "speakerLabel", "speakerId", "speaker_id")
_MAX_DEPTH = 6
PAUSE_MS = 2000  # segments that name no speaker: a pause this long between two ends a turn


def sniff(text: str) -> float:
    """JSON is JSON: a text that parses as an object or an array is this reader's, transcript or not."""
    stripped = text.lstrip("\ufeff \t\n")
    if not stripped.startswith(("{", "[")):
        return 0.0
    try:
        json.loads(stripped)
    except ValueError:
        return 0.0
    return 1.0


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start_ms: int | None
    end_ms: int | None


@dataclass(frozen=True, slots=True)
class _Segment:
    speaker: str | None
    words: tuple[_Word, ...]  # the first carries the segment's start, the last its end


def parse(text: str, ctx: Context) -> Transcript:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        raise NotATranscriptError(ctx.path, f"is JSON that cannot be read ({exc})") from exc
    names = _align_speakers(data)
    found = _best(data)
    if found is None:
        raise NotATranscriptError(ctx.path, f"is JSON of another kind ({_what(data)}), not a transcript")
    segments = _segments(found, names)
    if not any(s.words for s in segments):
        raise NotATranscriptError(ctx.path, f"is JSON of another kind ({_what(data)}), not a transcript")
    turns: list[RawTurn] = []
    diags: list[Diagnostic] = []
    run: list[_Segment] = []
    for segment in [*segments, None]:
        if segment is None or (run and (segment.speaker != run[-1].speaker or _is_turn(found)
                                        or (_pause(run[-1], segment) >= PAUSE_MS and segment.speaker is None))):
            if run:
                turn = _turn(run, len(turns) + 1, ctx, diags)
                if turn is not None:
                    turns.append(turn)
            run = []
        if segment is not None and segment.words:
            run.append(segment)
    if all(s.speaker is None for s in segments):
        diags.append(Diagnostic(ctx.path, None, f"the segments name no speaker; captioned as '{UNNAMED}'"))
    return Transcript(ctx.path, ctx.encoding, tuple(turns), tuple(diags), (), NAME)


def _pause(before: _Segment, after: _Segment) -> int:
    end = before.words[-1].end_ms if before.words else None
    start = after.words[0].start_ms if after.words else None
    return start - end if start is not None and end is not None else 0


def _turn(run: list[_Segment], index: int, ctx: Context, diags: list[Diagnostic]) -> RawTurn | None:
    tokens: list[Token] = []
    for segment in run:
        for w in segment.words:
            for k, tok in enumerate(tokenize(w.text, ctx.path, index, diags)):
                if k == 0 and w.start_ms is not None and tok.anchor_ms is None:
                    tok = Token(tok.text, w.start_ms, 0, tok.note)
                tokens.append(tok)
            if tokens and w.end_ms is not None and w.end_ms > (w.start_ms or 0):
                tokens[-1] = Token(tokens[-1].text, tokens[-1].anchor_ms, tokens[-1].anchor_precision_ms,
                                   tokens[-1].note, w.end_ms)
    if not tokens:
        return None
    first = tokens[0]
    marker = first.anchor_ms
    tokens[0] = Token(first.text, None, 1000, first.note, first.until_ms)
    # Lines of a JSON file say nothing a user could look up; turns are numbered from 1.
    return RawTurn(run[0].speaker or UNNAMED, index, marker, 0, (Paragraph(index, tuple(tokens)),))


# ---------------------------------------------------------------- finding the segments


def _objects(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _candidates(data: Any, depth: int = 0) -> Iterator[list[dict[str, Any]]]:
    """Every list of objects in ``data``, outermost first."""
    if depth > _MAX_DEPTH:
        return
    if _objects(data):
        yield data
    if isinstance(data, dict):
        for value in data.values():
            yield from _candidates(value, depth + 1)
    elif isinstance(data, list):
        for value in data[:1] if _objects(data) else data:
            yield from _candidates(value, depth + 1)


def _has(obj: Mapping[str, Any], keys: Sequence[str]) -> str | None:
    return next((k for k in keys if k in obj), None)


def _segment_like(items: list[dict[str, Any]]) -> bool:
    first = items[0]
    timed = _has(first, _START) is not None or "elements" in first or "words" in first
    worded = _has(first, _TEXT) is not None or "elements" in first or "words" in first
    return timed and worded


def _best(data: Any) -> list[dict[str, Any]] | None:
    """The list of segments: align's turns, or the outermost list of timed, worded objects."""
    if isinstance(data, dict) and _objects(data.get("turns")) and "words" in data["turns"][0]:
        return list(data["turns"])
    found = [items for items in _candidates(data) if _segment_like(items)]
    # Segments that name their speakers before those that do not (Deepgram lists its words
    # without speakers first, its utterances with them after); the outermost of equals.
    named = [items for items in found if _has(items[0], _SPEAKER)]
    return (named or found)[0] if found else None


def _is_turn(items: list[dict[str, Any]]) -> bool:
    """align's own turns and Rev's monologues are turns already: never joined."""
    return "elements" in items[0] or ("words" in items[0] and "index" in items[0])


def _align_speakers(data: Any) -> dict[str, str]:
    """align's JSON names speakers by key; its ``speakers`` list gives their names."""
    if isinstance(data, dict) and isinstance(data.get("speakers"), list):
        return {str(s["key"]): str(s["name"]) for s in data["speakers"]
                if isinstance(s, dict) and "key" in s and "name" in s}
    return {}


def _segments(items: list[dict[str, Any]], names: Mapping[str, str]) -> list[_Segment]:
    unit = _unit(items)
    out = []
    for obj in items:
        speaker = _speaker(obj, names)
        words = _words(obj, unit)
        out.append(_Segment(speaker, tuple(w for w in words if w.text.strip())))
    return out


def _speaker(obj: Mapping[str, Any], names: Mapping[str, str]) -> str | None:
    key = _has(obj, _SPEAKER)
    value = obj.get(key) if key else None
    if value is None or value == "":
        return None
    label = " ".join(str(value).split())
    if label in names:
        return names[label]
    if isinstance(value, int) or label.isdigit() or (len(label) == 1 and label.isalpha()):
        return f"Speaker {label}"  # Deepgram's 0, 1…; AssemblyAI's A, B…
    return label


def _words(obj: Mapping[str, Any], unit: float) -> list[_Word]:
    if "elements" in obj and isinstance(obj["elements"], list):  # Rev: words and punctuation as elements
        return _elements(obj["elements"], unit)
    if isinstance(obj.get("words"), list) and obj["words"]:
        words = obj["words"]
        if isinstance(words[0], list):  # align's own: [text, start_ms, end_ms]
            return [_Word(str(w[0]), int(w[1]), int(w[2])) for w in words if len(w) >= 3]
        if isinstance(words[0], dict) and _has(words[0], _TEXT):
            timed = [_Word(str(w.get(_has(w, _TEXT) or "", "")).strip(), _time(w, _START, unit),
                           _time(w, _END, unit)) for w in words if isinstance(w, dict)]
            return [w for w in timed if w.text]
    key = _has(obj, _TEXT)
    text = str(obj.get(key, "")) if key else ""
    return [_Word(text, _time(obj, _START, unit), _time(obj, _END, unit))]


def _elements(elements: list[Any], unit: float) -> list[_Word]:
    words: list[_Word] = []
    for e in elements:
        if not isinstance(e, dict):
            continue
        value = str(e.get("value", ""))
        if e.get("type") == "text" and value.strip():
            words.append(_Word(value.strip(), _time(e, _START, unit), _time(e, _END, unit)))
        elif value.strip() and words:  # punctuation joins the word before it
            last = words[-1]
            words[-1] = _Word(last.text + value.strip(), last.start_ms, last.end_ms)
    return words


def _time(obj: Mapping[str, Any], keys: Sequence[str], unit: float) -> int | None:
    key = _has(obj, keys)
    if key is None or obj[key] is None:
        return None
    value = obj[key]
    if isinstance(value, str):
        parsed = timecode.parse(value.strip())
        if parsed is not None:
            return parsed[0]
        try:
            value = float(value)
        except ValueError:
            return None
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        return None
    scale = 1.0 if key.lower().endswith("ms") else unit
    return round(float(value) * scale)


def _unit(items: list[dict[str, Any]]) -> float:
    """Milliseconds in one unit of the segments' times: 1000 for seconds, 1 for milliseconds.

    Keys rarely say which (``start`` is seconds in Whisper's JSON, milliseconds in
    AssemblyAI's); speech does: a few words a second, never a few words a millisecond.
    """
    starts = [v for v in (obj.get(_has(obj, _START) or "") for obj in items) if isinstance(v, int | float)]
    if len(starts) < 2 or any(isinstance(v, float) and not float(v).is_integer() for v in starts):
        return 1000.0
    words = sum(len(str(obj.get(_has(obj, _TEXT) or "", "")).split()) for obj in items) or len(items)
    span = max(starts) - min(starts)
    return 1.0 if span / max(words, 1) > 20 else 1000.0


def _what(data: Any) -> str:
    if isinstance(data, dict):
        keys = list(data)
        shown = ", ".join(str(k) for k in keys[:5]) + (" …" if len(keys) > 5 else "")
        return f"an object with {shown}" if keys else "an empty object"
    if isinstance(data, list):
        return f"a list of {len(data)} item(s)"
    return f"a single {type(data).__name__}"


READER = Reader(NAME, "JSON transcripts: Podcasting 2.0, Whisper, AssemblyAI, Deepgram, Rev, align's own",
                '{"segments": [{"speaker": "Maya", "startTime": 0.5, "endTime": 2.1, "body": "Welcome."}]}',
                sniff, parse)

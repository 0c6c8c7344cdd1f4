"""The words of a transcript, as the oracles count them, and the checks on reading it.

What a word is
--------------
The file is decoded as align decodes it (``align.readers.read_text``; decoding has its own
oracle, ``check_decoding``). Its lines split into paragraphs at blank lines (lines of only
whitespace), at every line that opens with a marker (``[`` then up to 20 characters without
spaces or ``]``, holding a digit and a colon, then ``]``) and wherever align says a turn, a
paragraph or dropped text begins. A paragraph's text is its lines, stripped, joined by a space,
less its head: the marker, and on a turn's first line the turn's label with the ``:`` (or
``：``) after it. In that text every inline stamp ``[note HH:MM:SS]`` (a note without digits
or brackets, a time of the forms align's markers take) whose time is valid is replaced by
``[note]`` in place, a bare ``[HH:MM:SS]`` by a space; a stamp with an invalid time stays as
written. The words are what is left, split at whitespace (``str.split``).

The words of every paragraph align keeps must be that paragraph's tokens, exactly (a file that
reads as another layout than the bracketed one is markdown or HTML: its words are those of
``align.readers.markup.plain_text``, entities decoded and emphasis marks gone); every
paragraph with words must be kept or be dropped text that a diagnostic names (at the first
line of each stretch of dropped paragraphs). The kept words, in file order, must then be the
timed words, the cues' words, and the words read back from the SRT (with pysrt and the strict
reader; SRT has no escape for ``-->``, written ``->``), the WebVTT (with webvtt-py and the strict
reader) and the JSON, each exactly once and in order.

``check_transcript`` holds align's reading of the file to that; ``check_decoding`` holds the text
align decoded to the text that was written.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass

from align.readers import Transcript, markup

from .outcome import Outcome, difference
from .strategies import LEGACY, Case

# ---------------------------------------------------------------- decoding


def _stray_byte(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.start + 1].decode("cp1252", "replace"), err.start + 1


codecs.register_error("fuzz-stray-byte", _stray_byte)


def is_control(c: str) -> bool:
    """What align removes from a transcript: C0 controls but tab and line ends, DEL, C1."""
    return (ord(c) < 32 and c not in "\t\n\r\f\v") or 0x7F <= ord(c) < 0xA0


def check_decoding(case: Case, text: str, transcript: Transcript, out: Outcome) -> None:
    """The text align read is the text that was written, less control characters (reported)."""
    if case.text is None:
        return
    truth = case.text
    if case.encoding in LEGACY:
        with contextlib.suppress(UnicodeDecodeError):  # a file that is valid UTF-8 is read as UTF-8
            truth = case.data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    if not case.encoding.endswith("bom"):
        truth = truth.removeprefix("\ufeff")  # a file opening with U+FEFF opens with a byte-order mark
    messages = [d.message for d in transcript.diagnostics]
    if any("byte(s) that are not UTF-8" in m for m in messages):
        # Reported: text read as UTF-8 with a few stray bytes, each as its Windows-1252 character.
        strays = case.data.decode("utf-8", "fuzz-stray-byte").replace("\r\n", "\n").replace("\r", "\n")
        truth = strays.removeprefix("\ufeff")
    expected = "".join(c for c in truth if not is_control(c))
    if text != expected:
        out.add("other", f"decoding: {case.encoding} read wrong", difference(expected, text))
    if expected != truth and not any("control character(s) removed" in m for m in messages):
        out.add("other", "decoding: control characters removed silently", repr(case.text[:200]))


# ---------------------------------------------------------------- the transcript's words

_MARKER = re.compile(r"\[(?=[^\]\s]*\d)(?=[^\]\s]*:)([^\]\s]{1,20})\]\s*")
_INLINE = re.compile(r"\[(?P<note>[^\[\]\d]*?)\s*(?P<time>\d{1,3}:\d{2}(?::\d{2})?(?:[:;]\d{2}|[.,]\d{1,3})?)\s*\]")
_TIME = re.compile(r"(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:[.,](\d{1,3}))?")
_FRAME_TIME = re.compile(r"(\d{1,2}:\d{2}:\d{2})[:;](\d{2})")
_LONG_MINUTES = re.compile(r"(\d{3}):(\d{2})((?:[.,]\d{1,3})?)")
_SKIPPED = re.compile(r"turn of '(.*)'(?: at \[[^\]]*\])? has no words; skipped")
UNNAMED = "Unknown"


def _time_alone(line: str) -> bool:
    """A time alone on its line, perhaps in brackets, or with one of them (its other on the next line)."""
    m = re.fullmatch(r"\s*([\[(]?)\s*(\S+?)\s*([\])]?)\s*", line)
    return m is not None and time_ms(m.group(2)) is not None


def time_ms(text: str) -> int | None:
    """A marker's time: ``H:MM:SS``, ``HH:MM:SS``, ``MM:SS``, with ``.mmm`` or ``,mmm``; minutes
    (with hours) and seconds of two digits, below 60. None when it is not one."""
    text = text.strip()
    frames = _FRAME_TIME.fullmatch(text)
    if frames:  # a video editor's timecode: the frame rate is not written, so the second
        return time_ms(frames.group(1)) if int(frames.group(2)) < 60 else None
    long = _LONG_MINUTES.fullmatch(text)
    if long:  # minutes past 59, with no hours
        rest = time_ms(f"0:{long.group(2)}{long.group(3)}")
        return None if rest is None else int(long.group(1)) * 60_000 + rest
    m = _TIME.fullmatch(text)
    if m is None:
        return None
    a, b, c, frac = m.groups()
    if c is None:
        hours, minutes, seconds = 0, int(a), b
    else:
        if len(b) != 2 or int(b) >= 60:
            return None
        hours, minutes, seconds = int(a), int(b), c
    if len(seconds) != 2 or int(seconds) >= 60:
        return None
    return ((hours * 60 + minutes) * 60 + int(seconds)) * 1000 + int((frac or "0").ljust(3, "0"))


def precision_ms(text: str) -> int:
    """How long a span of time a marker names: a second for ``00:00:01``, 100 ms for
    ``00:00:01.5``, 1 ms for ``00:00:01.500``."""
    m = _TIME.fullmatch(text.strip())
    frac = m.group(4) if m else None
    return 10 ** (3 - len(frac)) if frac else 1000


def words_of(text: str) -> list[str]:
    """The words of a paragraph's text (see the module's docstring)."""
    def stamp(m: re.Match[str]) -> str:
        if time_ms(m.group("time")) is None:
            return m.group(0)
        note = " ".join(m.group("note").split())
        return f"[{note}]" if note else " "

    return _INLINE.sub(stamp, text).split()


@dataclass(frozen=True, slots=True)
class _Span:
    first: int  # 1-based line numbers
    last: int
    words: tuple[str, ...]
    marker_ms: int | None  # the time of a marker align should use (valid, not going back)
    lines: tuple[str, ...] = ()  # its lines, stripped, less the head


def _refused(transcript: Transcript, line: int) -> bool:
    """align did not use the marker written at ``line`` (its turn, there or on the next line, has none)."""
    turn = next((t for t in transcript.turns if t.line in (line, line + 1)), None)
    return turn is None or turn.marker_ms is None


def _after_head(parts: list[str], cut: int) -> list[str]:
    """The lines of a paragraph less its first ``cut`` characters (counted as joined by spaces)."""
    out = list(parts)
    while out and cut > 0:
        if cut >= len(out[0]) + 1:
            cut -= len(out[0]) + 1
            out.pop(0)
        else:
            out[0], cut = out[0][cut:], 0
    return out


def check_transcript(text: str, transcript: Transcript, out: Outcome) -> list[str]:
    """Every paragraph's words kept as its tokens or reported as dropped; the kept words in order."""
    lines = text.split("\n")
    paragraphs = {p.line: (ti, pi, p) for ti, t in enumerate(transcript.turns) for pi, p in enumerate(t.paragraphs)}
    heads = {t.line: t.label for t in transcript.turns}
    dropped = set(transcript.dropped_lines)
    named = {d.line for d in transcript.diagnostics if d.line is not None}
    unlabelled = {d.line for d in transcript.diagnostics if d.rename == (UNNAMED, None)}
    if any((d.line is None and "no '[HH:MM:SS] Name:' markers or speaker labels" in d.message)
           or d.message.startswith("no speaker labels; captioned as one voice") for d in transcript.diagnostics):
        unlabelled |= set(heads)
    skipped = {d.line for d in transcript.diagnostics if _SKIPPED.fullmatch(d.message)}
    for d in transcript.diagnostics:
        m = _SKIPPED.fullmatch(d.message)
        if m and d.line is not None:
            heads[d.line] = m.group(1)
            if m.group(1) == UNNAMED:
                unlabelled.add(d.line)  # a marker heading no text and no label
    marker_lines = {n for n, line in enumerate(lines, 1) if _MARKER.match(line.strip())}
    # Other layouts than the bracketed one do not start a paragraph at every marker line.
    begins = set(paragraphs) | dropped | set(heads) | (marker_lines if transcript.reader == "bracketed" else set())

    spans: list[_Span] = []
    previous_ms: int | None = None
    previous_line = 0  # where the marker of previous_ms stands
    turn_at = {t.line: t for t in transcript.turns}
    n = 1
    while n <= len(lines):
        if not lines[n - 1].strip():
            n += 1
            continue
        first = n
        n += 1
        while n <= len(lines) and lines[n - 1].strip() and n not in begins:
            n += 1
        parts = [line.strip() for line in lines[first - 1:n - 1]]
        body = " ".join(parts)
        named_above = False  # other layouts: a name alone on its line, and its time on the next
        if first in heads and transcript.reader != "bracketed" and len(parts) > 1 and parts[0] == heads[first] and (
                _MARKER.match(parts[1] + " ") or _time_alone(parts[1])):
            body, named_above = " ".join(parts[1:]), True
        elif first in heads and transcript.reader != "bracketed" and body.startswith(heads[first]) and (
                _MARKER.match(body[len(heads[first]):].lstrip())):
            body, named_above = body[len(heads[first]):].lstrip(), True  # "Name [00:01:02] text"
        m = _MARKER.match(body)
        used: int | None = None
        if m and time_ms(m.group(1)) is None and transcript.reader != "bracketed":
            m = None  # other layouts keep what is no time ("[00:01:4O]") as the words it is
        if m:
            body = body[m.end():]
            ms = time_ms(m.group(1))
            # A marker names a span of time: it goes back only when all of it lies before the
            # marker before it; when part of it does, it stands for the rest.
            if first in dropped:
                pass  # dropped page text (reported as a whole): its markers time nothing
            elif ms is not None and previous_ms is not None and ms + precision_ms(m.group(1)) <= previous_ms \
                    and previous_line in named and _refused(transcript, previous_line):
                previous_ms, previous_line, used = ms, first, ms  # align refused (and reported) the one before
            elif ms is None or (previous_ms is not None and ms + precision_ms(m.group(1)) <= previous_ms):
                # (reported where it stands, or on the name below it that it heads)
                if first not in named and not (transcript.reader != "bracketed" and first + 1 in named):
                    out.add("other", "a marker not used and not reported", f"line {first}: {m.group(0)!r}")
            else:
                previous_ms = used = ms if previous_ms is None else max(ms, previous_ms)
                previous_line = first
        if first in heads and not named_above:
            label = heads[first]
            written = r"[\s\u200b-\u200d\u2060\ufeff]+".join(map(re.escape, label.split()))  # odd spaces between
            lm = re.match(written + r"\s*(?::(?:\s+|$)|：\s*)", body) or re.fullmatch(
                r"(\*\*|__|)" + written + r"\1\s*", body)  # a name alone on its line, or in bold
            if lm:
                body = body[lm.end():]
            elif transcript.reader != "bracketed" and re.fullmatch(
                    written + r"\s*[:：]?\s*", markup.plain_text(body).strip()):
                body = ""  # a name alone but for markup of no words ("I" over a line of "&nbsp;")
            elif not (label == UNNAMED and first in unlabelled):
                out.add("other", "a turn's label is not on its line", f"line {first}: {label!r} in {body[:60]!r}")
        spans.append(_Span(first, n - 1, tuple(words_of(body)), used,
                           tuple(_after_head(parts, len(" ".join(parts)) - len(body)))))

    kept: list[str] = []
    order: list[tuple[int, int]] = []
    in_dropped_run = False
    carried: _Span | None = None  # a marker with no words after it and no turn: it times the next word

    def timed(span: _Span, timing: _Span) -> None:
        """The marker of ``timing`` is the time of the turn ``span`` heads, or of its first word."""
        turn = turn_at.get(span.first)
        if turn is not None:
            kept_ms = turn.marker_ms
        else:
            tokens = paragraphs[span.first][2].tokens if span.first in paragraphs else ()
            kept_ms = tokens[0].anchor_ms if tokens else None
            ti, pi, _ = paragraphs.get(span.first, (0, 1, None))
            if kept_ms is None and pi == 0:  # a turn's first words: the time is the turn's
                kept_ms = transcript.turns[ti].marker_ms
        owner = transcript.turns[paragraphs[span.first][0]].line if span.first in paragraphs else span.first
        reported = {timing.first, span.first, owner, turn.line if turn is not None else span.first} & named
        if reported and (kept_ms is None or timing.first in named):
            return  # reported at its line: a turn with no words (not every layout carries its marker on), or a
            # marker out of order with the stamps inside the text before it
        if kept_ms is not None and timing.marker_ms is not None and abs(kept_ms - timing.marker_ms) < 1000:
            return  # a whole second, as written or standing for the rest of it after the stamp before
        if kept_ms != timing.marker_ms:
            out.add("other", "a marker's time not kept", f"line {timing.first}: {timing.marker_ms} ms, "
                                                         f"kept {kept_ms} at line {span.first}")

    for span in spans:
        if span.marker_ms is not None and span.first in turn_at:
            timed(span, span)
        elif span.first in paragraphs and (span.marker_ms is not None or carried is not None):
            timed(span, span if span.marker_ms is not None else carried)  # type: ignore[arg-type]
        elif span.marker_ms is not None and not span.words and span.first not in dropped:
            carried = span
        if span.first in paragraphs:
            carried = None
            ti, pi, para = paragraphs[span.first]
            tokens = [t.text for t in para.tokens]
            expected = list(span.words)
            if transcript.reader != "bracketed" and tokens != expected:  # read as markdown and HTML, a line at a time
                expected = words_of(" ".join(markup.plain_text(line) for line in span.lines
                                             if not _time_alone(line)))  # a time alone: a stamp
                if expected and time_ms(expected[0]) is not None and tokens == expected[1:]:
                    expected = expected[1:]  # "1:02 text": in these layouts a time opening a line is its stamp
                elif expected and tokens == expected[1:] and any(
                        d.line == span.first and d.message.startswith(f"malformed time stamp [{expected[0]}]")
                        for d in transcript.diagnostics):
                    expected = expected[1:]  # "00:61:00 text": a stamp that is no time, reported at its line
                joined = words_of(" ".join(markup.plain_text(line) for line in span.lines))
                if tokens == joined:
                    expected = joined  # a stamp in brackets broken over two lines ("[ 0:20:02" and "] more")
            if tokens != expected:
                out.add("words", "a paragraph's tokens are not its words",
                        f"lines {span.first}-{span.last}: " + difference(expected, tokens))
            order.append((ti, pi))
            kept.extend(tokens)
            in_dropped_run = False
        elif span.first in dropped:
            if not in_dropped_run and span.first not in named:
                out.add("other", "dropped text not reported", f"lines {span.first}-{span.last}: {span.words[:8]}")
            in_dropped_run = True
        elif transcript.reader != "bracketed" and len(span.words) == 1 and (
                _time_alone(span.words[0]) or (_MARKER.fullmatch(span.words[0] + " ") and span.first in named)):
            pass  # in other layouts a time alone on its line ("10:30") is a stamp for the words below (or reported)
        elif transcript.reader != "bracketed" and not any(
                markup.plain_text(w).strip() and not _time_alone(w) for w in span.words):
            pass  # times alone on their lines and markup of no words (">"): stamps, and nothing to say
        elif span.words and span.first not in skipped and (
                transcript.reader == "bracketed" or markup.plain_text(" ".join(span.words)).split()):
            # (as markdown or HTML, "&nbsp;" alone is no word)
            out.add("words", "words neither captioned nor reported",
                    f"lines {span.first}-{span.last}: {list(span.words[:12])}")
            in_dropped_run = False
    if order != sorted(order) or len(order) != len(paragraphs):
        out.add("words", "paragraphs out of file order or not found", f"{order} of {len(paragraphs)}")
    return kept

"""Time codes, read and written: the one place that knows how times look as text.

Inside align a time is an integer of milliseconds. It becomes text here only:
``HH:MM:SS`` in messages and file names, ``HH:MM:SS.t`` in tables, ``HH:MM:SS.mmm``
in WebVTT (``,`` in SRT), ``S.mmm`` for ffmpeg; and text becomes a time here only.
"""

from __future__ import annotations

import re

# "01:02:03", "1:02:03", "13:36", "13:36.250", "00:13:36,5"
STAMP = r"\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"
_STAMP = re.compile(STAMP)
_FRACTION = re.compile(r"[.,](\d{1,3})$")


def parse(text: str) -> tuple[int, int] | None:
    """``"01:02:03"`` → (3723000, 1000); ``"2:03.5"`` → (123500, 1); None if malformed.

    The second value is the stamp's precision: whole seconds (1000) or milliseconds (1).
    Minutes and seconds must have two digits and stay below 60.
    """
    text = text.strip()
    if not _STAMP.fullmatch(text):
        return None
    frac_ms, precision = 0, 1000
    m = _FRACTION.search(text)
    if m:
        frac_ms = int(m.group(1).ljust(3, "0"))
        precision = 1
        text = text[: m.start()]
    fields = text.split(":")
    parts = [int(p) for p in fields]
    if len(parts) == 2:
        hours, (minutes, seconds) = 0, parts
    else:
        hours, minutes, seconds = parts
        if minutes >= 60 or len(fields[1]) != 2:
            return None
    if seconds >= 60 or len(fields[-1]) != 2:
        return None
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + frac_ms, precision


# Stamps as transcripts write them, beyond ``parse``'s: minutes past 59 when there is no
# hours field ("[100:08]" in a long episode), and a frame count after the seconds
# ("[00:44:03:20]", "00:44:03;20": a video editor's timecode, at any frame rate).
LOOSE_STAMP = r"\d{1,3}(?::\d{2}){1,2}(?:[:;]\d{2}|[.,]\d{1,3})?"
_LOOSE = re.compile(LOOSE_STAMP)
_FRAMES = re.compile(r"^(\d{1,3}:\d{2}:\d{2})[:;](\d{2})$")
_LONG_MINUTES = re.compile(r"^(\d{3}):(\d{2})((?:[.,]\d{1,3})?)$")


def parse_stamp(text: str) -> tuple[int, int] | None:
    """A time stamp as a transcript writes it: every form ``parse`` reads, and also
    ``"100:08"`` (minutes past 59) and ``"00:44:03:20"`` (frames, read to the second:
    the frame rate is not written, so the time is known to within that second).
    """
    text = text.strip()
    if not _LOOSE.fullmatch(text):
        return None
    frames = _FRAMES.match(text)
    if frames:
        return parse(frames.group(1)) if int(frames.group(2)) < 60 else None
    minutes = _LONG_MINUTES.match(text)
    if minutes:
        rest = parse(f"0:{minutes.group(2)}{minutes.group(3)}")
        return None if rest is None else (int(minutes.group(1)) * 60_000 + rest[0], rest[1])
    return parse(text)


def after(stamp: tuple[int, int], previous_ms: int | None) -> tuple[int, int] | None:
    """A stamp ``(ms, precision)`` that comes after one at ``previous_ms``, or None if it cannot.

    A stamp names a span: ``[00:00:01]`` is any time in the second from 1 s. It goes
    back in time only when all of that span lies before the stamp before it; when part
    of it does, it stands for the rest (``[00:00:01]`` after ``[00:00:01.500]`` is 1.5 s to 2 s).
    """
    ms, precision = stamp
    if previous_ms is None or ms >= previous_ms:
        return stamp
    if ms + precision <= previous_ms:
        return None
    return previous_ms, ms + precision - previous_ms


def clock(ms: int, sep: str = ":") -> str:
    """``HH:MM:SS``, floored to the second, with ``sep`` between the fields."""
    s = max(0, ms) // 1000
    return f"{s // 3600:02d}{sep}{s % 3600 // 60:02d}{sep}{s % 60:02d}"


def clock_tenths(ms: int) -> str:
    """``HH:MM:SS.t``: to the tenth of a second, floored."""
    return f"{clock(ms)}.{max(0, ms) % 1000 // 100}"


def caption(ms: int, decimal: str = ".") -> str:
    """``HH:MM:SS.mmm`` as WebVTT writes it; SRT passes ``decimal=","``."""
    ms = max(0, ms)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{decimal}{ms % 1000:03d}"


def seconds(ms: int) -> str:
    """``12.345``: seconds with milliseconds, as ffmpeg's ``-ss`` and ``-t`` take them."""
    ms = max(0, ms)
    return f"{ms // 1000}.{ms % 1000:03d}"

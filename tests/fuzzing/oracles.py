"""The oracles: run align's text path on one case and say exactly what is wrong with the result.

    outcome = run_case(case, workdir)       # read, time, cut, render SRT, VTT and JSON, read back
    outcome.findings                        # [] when everything holds

A finding has a category: ``exception`` (anything raised but ``AlignError``), ``words`` (word
conservation), ``readers`` (a reader reads a file align wrote as other cues than align meant,
or cannot read it) or ``other`` (the rest below). A case align refuses with an ``AlignError``
is ``rejected``, which is no finding, but the error must be one line.

What a word is, and how the transcript's words are held to align's reading of it, is in
``words``: every word of every kept paragraph must then be a timed word, a cue's word and a
word read back from the SRT (pysrt and the strict reader), the WebVTT (webvtt-py and the strict
reader) and the JSON, once and in order.

The other checks: the text path takes no more than a few seconds, and 60 s a megabyte; cues
start in order, each ends after it starts and no later than the next starts, and stays no
longer than the profile allows unless it holds a single word; at most the profile's lines,
none longer than its characters unless it holds a single word (after the SRT label); SRT text
never holds ``-->``; every WebVTT voice is the speaker's name and never empty; an SRT label is
the speaker's key or name; every warning and error is one line; a marker align cannot use
(malformed, backwards) is reported at its line, and one it can is the time of its turn or of
the first word after it; no word starts before the word before it ends; decoding gives back
the text that was written, with removed control characters reported.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pysrt
import webvtt

from align.cues import LabelMode
from align.errors import AlignError, shown
from align.pipeline import Captions, cut_captions
from align.readers import Transcript, read_text, read_transcript
from align.timing import Timed, time_transcript
from align.writers import WRITERS

from .captionfiles import ReadCue, read_srt, read_vtt
from .outcome import Outcome, difference
from .strategies import Case
from .words import check_decoding, check_transcript

# Time the text path may take on a case, generously (it runs at 10 to 25 s a megabyte, more on a
# busy machine): work that grows with the square of the input goes far past it.
SECONDS, SECONDS_A_MB = 5.0, 60.0


@dataclass(frozen=True, slots=True)
class Result:
    """Everything align made of one case."""

    transcript: Transcript
    timed: Timed
    captions: Captions
    files: dict[str, str]  # rendered, by writer name


def scratch_folder() -> Path:
    """A fresh folder for ``run_case``'s files, in memory (/dev/shm) where the system has one:
    opening files there is many times faster than on disk. The caller removes it."""
    shm = Path("/dev/shm")
    usable = shm.is_dir() and os.access(shm, os.W_OK)
    return Path(tempfile.mkdtemp(prefix="align-fuzz-", dir=shm if usable else None))


def run_case(case: Case, workdir: Path, *, text_oracle: bool = True) -> Outcome:
    """Run the text path on ``case`` (its file written into ``workdir``) and check the result.

    Without ``text_oracle``, a file that another reader than the bracketed one reads (Otter,
    markdown, a web page: layouts whose words the oracle's rule does not describe) is not held
    to that rule; its tokens are still held to every later stage and written file."""
    out = Outcome()
    path = workdir / "transcript.txt"
    path.write_bytes(case.data)
    started = time.perf_counter()
    try:
        result = run_align(case, path)
    except AlignError as exc:
        message = str(exc)
        out.rejected, out.error = message_kind(message, path), message
        if len(message.splitlines()) != 1:
            out.add("other", "an error of more than one line", repr(message))
        return out
    except Exception as exc:
        out.add("exception", exception_kind(exc), "".join(traceback.format_exception(exc))[-3000:])
        return out
    seconds = time.perf_counter() - started
    if seconds > SECONDS + SECONDS_A_MB * len(case.data) / 1e6:
        out.add("other", "slow", f"{seconds:.1f} s for {len(case.data) / 1e3:.0f} kB")
    text, _ = read_text(path)
    check_decoding(case, text, result.transcript, out)
    if text_oracle or result.transcript.reader == "bracketed":
        kept = check_transcript(text, result.transcript, out)
    else:
        kept = [tok.text for turn in result.transcript.turns for para in turn.paragraphs for tok in para.tokens]
    check_stages(kept, result, out)
    check_cues(result.captions, out)
    check_srt(kept, result, workdir, out)
    check_vtt(kept, result, workdir, out)
    check_json(kept, result, out)
    check_warnings(result.timed.diagnostics, out)
    return out


def run_align(case: Case, path: Path) -> Result:
    """read_transcript → time_transcript → cut_captions → every writer's text."""
    transcript = read_transcript(path, strict=case.strict)
    mapping = None
    if case.rename is not None:
        labels = list(dict.fromkeys(t.label for t in transcript.turns))
        if labels:
            mapping = {labels[case.rename[0] % len(labels)]: case.rename[1]}
    timed = time_transcript(transcript, speaker_map=mapping)
    captions = cut_captions(timed, case.caption_profile(), LabelMode(case.labels))
    files = {name: WRITERS[name].render(captions) for name in ("srt", "vtt", "json")}
    return Result(transcript, timed, captions, files)


def message_kind(message: str, path: Path) -> str:
    """An error message without its place and particulars, for counting."""
    where = shown(path)
    if message.startswith(where):
        message = re.sub(r"^:(\d+:)?\s*", "", message[len(where):])
    message = re.sub(r"“[^”]*”|'[^']*'|\[[^\]]*\]", "…", message)
    return re.sub(r"\d+", "N", message)[:90]


def exception_kind(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/align/" in f.filename]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}{where}"


def check_warnings(diagnostics: Sequence[object], out: Outcome) -> None:
    """Every warning is one line, as the command line prints it."""
    for d in diagnostics:
        if len(str(d).splitlines()) != 1:
            out.add("other", "a warning of more than one line", repr(str(d)))


# ---------------------------------------------------------------- stages and cues


def check_stages(kept: list[str], result: Result, out: Outcome) -> None:
    tokens = [t.text for turn in result.transcript.turns for t in turn.tokens]
    timed = [w.text for turn in result.timed.turns for w in turn.words]
    cues = [w for c in result.captions.cues for line in c.lines for w in line.split(" ")]
    for stage, found in (("the turns", tokens), ("the timed words", timed), ("the cues", cues)):
        if found != kept:
            out.add("words", f"words differ in {stage}", difference(kept, found))
    words = [w for turn in result.timed.turns for w in turn.words]
    back = next((k for k in range(1, len(words)) if words[k].start_ms < words[k - 1].end_ms), None)
    if back is not None:
        out.add("other", "word times go back", f"word {back} {words[back]} after {words[back - 1]}")
    for c in result.captions.cues:
        turn = next((t for t in result.timed.turns if t.index == c.turn), None)
        own = [w.text for w in turn.words[c.first_word:c.first_word + c.word_count]] if turn else None
        if own != [w for line in c.lines for w in line.split(" ")]:
            out.add("words", "a cue's words are not its turn's", f"cue at {c.start_ms} ms: {c.lines!r}")
            break


def check_cues(captions: Captions, out: Outcome) -> None:
    profile = captions.profile
    cues = captions.cues
    for k, c in enumerate(cues):
        if not 0 <= c.start_ms < c.end_ms:
            out.add("other", "a cue without a positive span", f"cue {k + 1}: {c.start_ms}..{c.end_ms}")
        if k + 1 < len(cues):
            if cues[k + 1].start_ms <= c.start_ms:
                out.add("other", "cues out of order", f"cue {k + 1} at {c.start_ms}, cue {k + 2} at "
                                                      f"{cues[k + 1].start_ms}")
            if c.end_ms > cues[k + 1].start_ms:
                out.add("other", "cues overlap", f"cue {k + 1} ends {c.end_ms}, cue {k + 2} starts "
                                                 f"{cues[k + 1].start_ms}")
        if c.end_ms - c.start_ms > profile.max_duration_ms and c.word_count > 1:
            out.add("other", "a cue on screen too long", f"cue {k + 1}: {c.end_ms - c.start_ms} ms > "
                                                         f"{profile.max_duration_ms}: {c.lines!r}")
        if len(c.lines) > profile.max_lines:
            out.add("other", "too many lines", f"cue {k + 1}: {c.lines!r}")
        for n, line in enumerate(c.lines):
            width = len(line) + (len(c.label) + 1 if n == 0 and c.label else 0)
            if width > profile.max_chars and " " in line:
                out.add("other", "a line too long", f"cue {k + 1}: {c.label!r} {line!r} ({width} > "
                                                    f"{profile.max_chars})")
        s = c.speaker
        if c.label not in ("", f"{s.key}:", f"[{s.name}]"):
            out.add("other", "an SRT label that is not the speaker's", f"cue {k + 1}: {c.label!r} for {s}")


# ---------------------------------------------------------------- files read back


def safe_srt(text: str) -> str:
    """SRT has no escape: ``-->`` in text is written ``->`` (replaced until none is left)."""
    while "-->" in text:
        text = text.replace("-->", "->")
    return text


def _compare_reader(name: str, expected: list[ReadCue], read: list[ReadCue], out: Outcome) -> None:
    def key(c: ReadCue) -> tuple[int, int, str, str | None]:
        return c.start_ms, c.end_ms, c.text, c.voice

    if [key(c) for c in read] != [key(c) for c in expected]:
        out.add("readers", f"{name} reads other cues", difference([key(c) for c in expected], [key(c) for c in read]))


def _words_back(name: str, cues: list[ReadCue], labels: list[str], kept: list[str], out: Outcome) -> None:
    found: list[str] = []
    for c, label in zip(cues, labels, strict=False):
        text = c.text
        if label:
            if not text.startswith(label + " "):
                out.add("words", f"a label missing in {name}", f"{label!r} in {text[:60]!r}")
                continue
            text = text[len(label) + 1:]
        found.extend(text.split())
    if found != kept:
        out.add("words", f"words differ in {name}", difference(kept, found))


def check_srt(kept: list[str], result: Result, workdir: Path, out: Outcome) -> None:
    text = result.files["srt"]
    cues = result.captions.cues
    labels = [safe_srt(c.label) for c in cues]
    expected = [ReadCue(c.start_ms, c.end_ms, "\n".join(safe_srt(line) for line in
                                                      ((f"{c.label} {c.lines[0]}" if c.label else c.lines[0]),
                                                       *c.lines[1:])))
                for c in cues]
    for line in text.split("\n"):
        if "-->" in line and not re.fullmatch(r"\d\d+:\d\d:\d\d,\d{3} --> \d\d+:\d\d:\d\d,\d{3}", line):
            out.add("other", "'-->' in SRT text", repr(line))
    path = workdir / "captions.srt"
    path.write_text(text, encoding="utf-8", newline="")
    readers: dict[str, list[ReadCue]] = {}
    try:
        readers["the strict SRT reader"] = read_srt(text)
    except ValueError as exc:
        out.add("readers", "the strict SRT reader refuses the SRT", str(exc))
    try:
        items = pysrt.open(str(path), encoding="utf-8", error_handling=pysrt.SubRipFile.ERROR_RAISE)
        readers["pysrt"] = [ReadCue(i.start.ordinal, i.end.ordinal, i.text) for i in items]
    except Exception as exc:
        out.add("readers", "pysrt cannot read the SRT", repr(exc))
    safe_kept = [safe_srt(w) for w in kept]
    for name, read in readers.items():
        _compare_reader(name, expected, read, out)
        _words_back(f"the SRT ({name})", read, labels, safe_kept, out)


def voice_read(name: str) -> str:
    """A speaker's name as a WebVTT reader gives the voice back: ASCII spaces collapsed."""
    return re.sub(r"[ \t\n\f\r]+", " ", name).strip(" ")


def check_vtt(kept: list[str], result: Result, workdir: Path, out: Outcome) -> None:
    text = result.files["vtt"]
    cues = result.captions.cues
    expected = [ReadCue(c.start_ms, c.end_ms, "\n".join(c.lines), voice_read(c.speaker.name)) for c in cues]
    if re.search(r"<v(?:\.[^ >]*)?\s*>", text):
        out.add("other", "an empty WebVTT voice", re.search(r".*<v(?:\.[^ >]*)?\s*>.*", text).group(0))  # type: ignore[union-attr]
    path = workdir / "captions.vtt"
    path.write_text(text, encoding="utf-8", newline="")
    readers: dict[str, list[ReadCue]] = {}
    try:
        readers["the strict WebVTT reader"] = read_vtt(text)
    except ValueError as exc:
        out.add("readers", "the strict WebVTT reader refuses the VTT", str(exc))
    try:
        captions = webvtt.read(str(path))
        readers["webvtt-py"] = [
            ReadCue(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), html.unescape(c.text),
                    voice_read(html.unescape(c.voice)) if c.voice is not None else None)
            for c in captions.captions
        ]
    except Exception as exc:
        out.add("readers", "webvtt-py cannot read the VTT", repr(exc))
    for name, read in readers.items():
        _compare_reader(name, expected, read, out)
        _words_back(f"the VTT ({name})", read, ["" for _ in read], kept, out)


def check_json(kept: list[str], result: Result, out: Outcome) -> None:
    def no_constants(name: str) -> None:
        raise ValueError(f"{name} in JSON")

    try:
        doc = json.loads(result.files["json"], parse_constant=no_constants)
    except ValueError as exc:
        out.add("readers", "the JSON does not parse", str(exc))
        return
    words = [w[0] for t in doc["turns"] for w in t["words"]]
    if words != kept:
        out.add("words", "words differ in the JSON turns", difference(kept, words))
    cue_words = [w for c in doc["cues"] for line in c["lines"] for w in line.split(" ")]
    if cue_words != kept:
        out.add("words", "words differ in the JSON cues", difference(kept, cue_words))
    times = [[w[1], w[2]] for t in doc["turns"] for w in t["words"]]
    if times != [[w.start_ms, w.end_ms] for t in result.timed.turns for w in t.words]:
        out.add("readers", "the JSON holds other word times", "")
    cue_times = [(c["start_ms"], c["end_ms"]) for c in doc["cues"]]
    if cue_times != [(c.start_ms, c.end_ms) for c in result.captions.cues]:
        out.add("readers", "the JSON holds other cue times", "")
    if doc["warnings"] != [str(d) for d in result.timed.diagnostics]:
        out.add("readers", "the JSON holds other warnings", "")

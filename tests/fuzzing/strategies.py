"""Hypothesis strategies: transcripts as users' files hold them, and caption files.

``cases()`` gives a ``Case``: a transcript in the ``[HH:MM:SS] Name: text`` dialect with the
quirks real files have (markers in every form, malformed, backwards or repeated; labels in any
script; inline notes and stamps; page text before and after; control characters), written with
one of four line-ending styles in one of ten encodings, sometimes with its bytes mangled or as
random bytes, and the options to run it with. Caption files are in ``caption_strategies``.
"""

from __future__ import annotations

import codecs
import json
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from hypothesis import strategies as st

from align.cues import PROFILES, LabelMode, Profile

# ---------------------------------------------------------------- the case


@dataclass(frozen=True, slots=True)
class Case:
    """One input file and how to run it."""

    data: bytes
    text: str | None  # what the file says, lines ended by LF; None when its bytes were mangled
    encoding: str  # a key of ENCODINGS, or "bytes" for random bytes
    newline: str  # "lf", "crlf", "cr" or "mixed"
    profile: str | dict[str, int | float]  # a profile's name, or the limits of one of its own
    labels: str  # a LabelMode value
    strict: bool
    rename: tuple[int, str] | None  # (n, name): rename the n-th label (modulo their count) to name

    def save(self, folder: Path) -> None:
        """The case as ``input.txt`` (its bytes) and ``case.json`` (the rest), for replaying."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "input.txt").write_bytes(self.data)
        meta = {k: v for k, v in asdict(self).items() if k != "data"}
        (folder / "case.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    def caption_profile(self) -> Profile:
        if isinstance(self.profile, str):
            return PROFILES[self.profile]
        return Profile("fuzz", "a style of the fuzzer's own", **self.profile)  # type: ignore[arg-type]

    @classmethod
    def load(cls, folder: Path) -> Case:
        meta = json.loads((folder / "case.json").read_text(encoding="utf-8"))
        rename = tuple(meta["rename"]) if meta["rename"] is not None else None
        return cls(data=(folder / "input.txt").read_bytes(), **{**meta, "rename": rename})


# (codec, BOM written first). Legacy encodings hold only what they can encode.
ENCODINGS: dict[str, tuple[str, bytes]] = {
    "utf-8": ("utf-8", b""),
    "utf-8-bom": ("utf-8", codecs.BOM_UTF8),
    "utf-16-le": ("utf-16-le", b""),
    "utf-16-be": ("utf-16-be", b""),
    "utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE),
    "utf-32-le-bom": ("utf-32-le", codecs.BOM_UTF32_LE),
    "utf-32-be-bom": ("utf-32-be", codecs.BOM_UTF32_BE),
    "cp1252": ("cp1252", b""),
    "latin-1": ("latin-1", b""),
}
LEGACY = ("cp1252", "latin-1")
NEWLINES = ("lf", "crlf", "cr", "mixed")

# ---------------------------------------------------------------- markers

MARKER_FORMS = ("hh:mm:ss", "h:mm:ss", "mm:ss", "hh:mm:ss.mmm", "hh:mm:ss,mmm", "h:mm:ss.m", "mm:ss.mm")
MALFORMED_TIMES = (
    "00:01:4O", "1:2:3", "00:61:00", "00:00:60", "::", "1:", ":30", "00:00:00:00", "123:00:00",
    "00:00:00.1234", "0O:00:01", "00:0:01", "12:34:56:78", "-00:00:01", "00:00:01Z", "1:60", "99:99:99",
    "a:1", "0:0", "00:00:01.", "１２:３４:５６x", "00:00:0１.5.5",
)
MAX_MS = (99 * 3600 + 59 * 60 + 59) * 1000


def clock(ms: int, form: str) -> str:
    """``ms`` written in one of MARKER_FORMS (minutes past the hour run on in the ``mm:ss`` forms)."""
    s, frac = divmod(ms, 1000)
    h, m, sec = s // 3600, s // 60 % 60, s % 60
    if form.startswith("mm") and s // 60 < 100:
        base = f"{s // 60:02d}:{sec:02d}"
    elif form.startswith("h:"):
        base = f"{h}:{m:02d}:{sec:02d}"
    else:
        base = f"{h:02d}:{m:02d}:{sec:02d}"
    if form.endswith(".mmm"):
        return f"{base}.{frac:03d}"
    if form.endswith(",mmm"):
        return f"{base},{frac:03d}"
    if form.endswith(".mm"):
        return f"{base}.{frac // 10:02d}"
    if form.endswith(".m"):
        return f"{base}.{frac // 100}"
    return base


class _Entropy:
    """Bytes read one at a time, then zeros: a paragraph is made from one byte string, which
    hypothesis draws at once (fast) and shrinks byte by byte (zero is the plainest choice)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def byte(self) -> int:
        self.pos += 1
        return self.data[self.pos - 1] if self.pos <= len(self.data) else 0

    def pick(self, choices: tuple[str, ...]) -> str:
        return choices[self.byte() % len(choices)]

    @property
    def left(self) -> bool:
        return self.pos < len(self.data)



MARKER_KINDS = ("later",) * 10 + ("same", "back", "jump", "malformed", "digits")
DIGITS = (str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"), str.maketrans("0123456789", "０１２３４５６７８９"))


def marker_time(e: _Entropy, now: int) -> tuple[str, int]:
    """The time written in a marker after one at ``now`` ms: usually later, sometimes the same,
    earlier, far later, malformed or in other scripts' digits (Arabic-Indic, full-width).
    Returns the text and the new ``now``."""
    kind = e.pick(MARKER_KINDS)
    if kind == "malformed":
        return e.pick(MALFORMED_TIMES), now
    amount = e.byte() << 8 | e.byte()
    if kind == "same":
        ms = now
    elif kind == "back":
        ms = max(0, now - 1 - amount * 10)  # up to 11 minutes back
    elif kind == "jump":
        ms = min(MAX_MS, now + 600_000 + amount * 2_200)  # ten minutes to 40 hours on
    else:
        ms = min(MAX_MS, now + amount * 2)  # up to two minutes on
    text = clock(ms, e.pick(MARKER_FORMS))
    if kind == "digits":
        text = text.translate(DIGITS[e.byte() % 2])
    return text, ms if kind == "back" else max(now, ms)


# ---------------------------------------------------------------- labels

LATIN_NAMES = ("Ann Lee", "Connor Leahy", "Maya Okafor", "Tomás Reyes", "Zoë Núñez", "John von Neumann",
               "Ludwig van Beethoven", "Ibn al Haytham", "Maria de la Cruz", "Jean-Luc Picard", "O'Brien",
               "Dr. Okafor", "Mary Ann Smith Jones", "Ann", "Bo", "Connor", "Al Lo", "Amy Li", "Ann Lee Jr")
INITIALS = ("MO", "TR", "CL", "SF", "SM", "AL", "JN", "J.R.", "A.B.C.", "Q", "HOST", "ANNOUNCER", "INTERVIEWER")
SCRIPT_NAMES = ("王伟", "李娜", "王", "田中 太郎", "김민수", "أحمد", "محمد علي", "דוד", "שרה כהן", "Иван Петров",
                "Ольга", "Νίκος", "राहुल", "สมชาย")
ODD_NAMES = ("A&B", "R&D Team", "A<B", "Bo>", "Ann <Lee>", "<b>Bo</b>", "A-->B", "X--->Y", "Ann 🎙", "🎙 Host",
             "Speaker 1", "host", "ann lee", "Ünïcödé Nämé", "A" * 40, "Very Long Name Of Someone", "Ab" + "c" * 45,
             "Ann\u200bLee", "Ann\u00a0Lee", "Ann  Lee", "Ann\u2028Lee", "Ann\u3000Lee", "Ann\u200fLee",
             "Ann\ufeffLee", "Ǆemal Ǆ", "ǅemal", "Ⅻ Rex", "ᾈ Alpha", "Ann\u0301 Lee", "A\u0308nn")
LABEL_SEPARATORS = (": ",) * 12 + ("：", "： ", ":  ", " : ", ":\t", ":", ":\u00a0", ":\u3000")
# Names for renaming a speaker: anything a user may type, including what must not reach a file raw.
NEW_NAMES = ("Maya Okafor", "Ann Lee", "AL", "Connor", "Dr. Zoë Núñez", "王伟", "<b>Bo</b>", "&", "<", "A-->B",
             "Ann\n\n99\n00:00:00,000 --> 00:09:00,000\nX", "Ann\x85Y\u2028Z\x0bW", "\x85\x0b ", " spaced  out ", "🎙",
             "a" * 80, "Ann\tLee")


_LETTERS = st.characters(categories=["Lu", "Ll", "Lo", "Lt", "Lm", "Mn", "Nd", "Pd", "Po"])
_LABELS = st.one_of(st.sampled_from(LATIN_NAMES), st.sampled_from(INITIALS), st.sampled_from(SCRIPT_NAMES),
                    st.sampled_from(ODD_NAMES),
                    st.lists(st.text(_LETTERS, min_size=1, max_size=9), min_size=1, max_size=5).map(" ".join))


def labels() -> st.SearchStrategy[str]:
    """Speaker labels: Latin names with particles, initials, roles, names in other scripts, odd ones."""
    return _LABELS


# ---------------------------------------------------------------- words

PLAIN = ("so the question is what we do about it and then I said well that is the point of a "
         "clock with pendulums weights and patience").split()
PUNCTUATED = ("well,", "No.", "right?", "“Hey,", "it’s", "don’t", "(aside)", "wow!", "so:", "then –", "–", "—",
              "...", "…", "end.”", "'quoted'", "Mr.", "Dr.", "e.g.", "U.S.", "a/b", "well-known", "“", "”", "¿Qué?")
NUMBERS = ("2020", "3.5", "1,000", "20 m²", "①", "³", "½", "10:30", "4:3", "1st", "#1", "$5", "€10", "50%",
           "٣", "５", "Ⅻ", "0.5s", "12:00:00", "1:2:3")
SCRIPTS = ("你好。", "我们今天讨论人工智能。", "مرحبا", "كيف حالك؟", "שלום", "Привет,", "мир.", "नमस्ते", "สวัสดีครับ",
           "안녕하세요", "こんにちは。", "Ελλάδα", "ǅemal", "ß", "İstanbul", "ﬁne", "Straße", "ﷺ", "𝔘𝔫𝔦")
EMOJI = ("🎙️", "👩🏽‍💻", "🇫🇷", "😀😀", "❤️", "🏳️‍🌈", "✌︎")
INVISIBLE = ("e\u0301", "a\u0308b", "\u0301x", "a\u200bb", "\u200b", "\ufeffword", "\u200f", "\u202eevil",
             "\u2060", "x\u00ady", "\u034f", "\U000e0041")
MARKUP = ("<b>bold</b>", "<i>", "</i>", "&", "&amp;", "&lt;", "<", ">", "<v Bob>", "</v>", "{\\an8}", "<c.red>",
          "&#60;", "&nbsp;", "a<b", "R&D", "<>", "&&", "<!--", "-->", "<00:00:01.000>")
ARROWS = ("-->", "--->", "->", "<--", "-- >", "==>", "--", "---->>", "A-->B", "-->-->")
BRACKETS = ("[laughs]", "[laughs", "loudly]", "[", "]", "[[", "]]", "[?]", "[1]", "[sic]", "[Music]", "[laughs.]",
            "[]", "[ ]", "[12:3]", "[a:1]")
COLONS = ("Note:", "http://example.com/a:b", "a:b", "Q:", "A:", "Re:", ":", "::", "：")
NOTES = ("inaudible", "cross talk", "crosstalk", "laughter", "unintelligible", "music plays softly", "", " ",
         "inaudible.", "Ann Lee", "?", "…", "a-b", "X:")
INLINE_TIMES = ("00:01:02", "0:20:02", "01:02", "1:02", "00:01:02.500", "00:01:02,5", "00:61:00", "99:59:59",
                "0:00", "12:34.5", "00:01:4O", "1:2:3", "٠٠:٠١:٠٢")
ODD_SPACES = ("", "  ", "\t", "\u00a0", "\u3000", "\u2028", "\u2009", "\v", "\f", " \u200b ", "\u1680")
STAMP_BEFORE = ("", "", "", "word", "(", "“", "[note 00:61:00]", "[00:00:02]")
STAMP_AFTER = ("", "", "", ",", ".", "word", ")", "”", "[laughs]", "[inaudible 00:00:02]", "[00:00:03]x")
VOCABULARY = (*PLAIN, *PLAIN, *PUNCTUATED, *NUMBERS, *SCRIPTS, *EMOJI, *INVISIBLE, *MARKUP, *ARROWS, *BRACKETS,
              *COLONS)
_PLANES = (0, 0, 0, 0, 0, 1, 2, 14, 15)  # where arbitrary characters come from: mostly the BMP


def _stamp(e: _Entropy) -> str:
    """``[inaudible 00:01:02]`` and its relatives, sometimes glued to what is around them."""
    before, note, gap = e.pick(STAMP_BEFORE), e.pick(NOTES), e.pick((" ", "", "\t", "  "))
    time, pad = e.pick(INLINE_TIMES), e.pick(("", "", " "))
    inner = gap.join([note, time]) if note else time
    return f"{before}[{pad}{inner}{pad}]{e.pick(STAMP_AFTER)}"


def _arbitrary(e: _Entropy) -> str:
    """A few characters from anywhere in Unicode but the control characters and surrogates."""
    out = []
    for _ in range(1 + e.byte() % 6):
        c = chr((_PLANES[e.byte() % len(_PLANES)] << 16) | (e.byte() << 8) | e.byte())
        out.append("\ufffd" if unicodedata.category(c) in ("Cc", "Cs") else c)
    return "".join(out)


def paragraph_text(data: bytes) -> str:
    """Words made from ``data``, a byte (or a few) a word: mostly words of every kind (plain,
    punctuated, numbers, other scripts, emoji, invisible characters, markup, arrows, brackets,
    colons), then inline stamps, arbitrary characters, very long words; single spaces between
    them but now and then another kind of space, or none."""
    e = _Entropy(data)
    out: list[str] = []
    space = " "
    while e.left or not out:
        b = e.byte()
        if b >= 244:
            space = e.pick(ODD_SPACES)
            continue
        if b < 208:
            word = VOCABULARY[b % len(VOCABULARY)]
        elif b < 228:
            word = _stamp(e)
        elif b < 240:
            word = _arbitrary(e)
        else:
            word = "".join(e.pick(tuple("abcdefghijklmnopqrstuvwxyz-éß")) for _ in range(30 + e.byte() % 90))
        out.extend([space, word] if out else [word])
        space = " "
    return "".join(out)


_SPEECH = st.binary(min_size=1, max_size=100).map(paragraph_text)


def speech() -> st.SearchStrategy[str]:
    """Words with the spaces between them (sometimes odd ones): see ``paragraph_text``."""
    return _SPEECH


def wrapped(e: _Entropy, text: str) -> list[str]:
    """``text`` as one or more lines, split at spaces, continuation lines sometimes indented."""
    if not text or e.byte() % 4:
        return [text]
    parts = text.split(" ")
    cuts = sorted({1 + e.byte() % max(1, len(parts) - 1) for _ in range(1 + e.byte() % 3)})
    lines, last = [], 0
    for c in [*cuts, len(parts)]:
        if c > last:
            lines.append(" ".join(parts[last:c]))
            last = c
    indent = e.pick(("", "", "", " ", "    ", "\t"))
    return [lines[0], *(indent + line for line in lines[1:])]


# ---------------------------------------------------------------- transcripts

BEFORE = ("Episode 12: transcript", "Transcript", "Home › Podcasts › Episode 12", "Posted on 12 March 2024 by Ann Lee",
          "Share: Twitter | Facebook", "Guest: Ann Lee", "Listen on Spotify", "# Field Notes", "Show notes", "---",
          "Title: The show", "    indented menu", "[Skip to content]", "[00:00:00]")
AFTER = ("Subscribe to Field Notes", "    Never miss an episode.", "© 2024 Field Notes. All rights reserved.",
         "Episode 13: next week", "Related episodes", "Share this episode", "https://example.com/ep12",
         "Thanks for listening!", "The views expressed are the guests' own.", "Chapter 2", "MO: see you next time")
TURN_KINDS = ("marked",) * 8 + ("marker-only", "label-only", "marker-alone", "empty", "plain", "no-space", "indented")
KNOWN_LABELS = (*LATIN_NAMES, *INITIALS, *SCRIPT_NAMES, *ODD_NAMES)


def turn_lines(head: bytes, paragraphs: list[bytes], now: int, names: list[str],
               chars: int = 0) -> tuple[list[str], int]:
    """One turn as lines, and the time of its last marker: its head (a marker in any form, a
    label from ``names`` or any other, a separator) made from ``head``, a paragraph of words
    from each of ``paragraphs`` (said over and over to ``chars`` characters), separated by a
    blank line, a line of spaces, or nothing."""
    e = _Entropy(head)
    kind = e.pick(TURN_KINDS)
    label = names[e.byte() % len(names)] if names and e.byte() % 5 != 4 else e.pick(KNOWN_LABELS)
    sep = e.pick(LABEL_SEPARATORS)
    time, now = marker_time(e, now)
    text = _lengthened(paragraph_text(paragraphs[0]), chars)
    if kind == "marked":
        first = [f"[{time}] {label}{sep}{text}"]
    elif kind == "marker-only":
        first = [f"[{time}] {text}"]
    elif kind == "label-only":
        first = [f"{label}{sep}{text}"]
    elif kind == "marker-alone":
        first = [f"[{time}]", f"{label}{sep}{text}" if e.byte() % 2 else text]
    elif kind == "empty":
        first = [f"[{time}] {label}{sep.rstrip()}"]
    elif kind == "plain":
        first = [text]
    elif kind == "no-space":
        first = [f"[{time}]{label}{sep}{text}"]
    else:
        first = [f"{e.pick((' ', '  ', chr(9)))}[{time}] {label}{sep}{text}"]
    lines = [*first[:-1], *wrapped(e, first[-1])]
    for data in paragraphs[1:]:
        gap = e.pick(("\n", "\n", "", "\n \n"))  # a blank line, none, a line of spaces
        para = _lengthened(paragraph_text(data), chars)
        if e.byte() % 4 == 3:
            time, now = marker_time(e, now)
            para = f"[{time}] {para}"
        lines.extend([*([gap.strip("\n")] if gap else []), *wrapped(e, para)])
    return lines, now


def _lengthened(text: str, chars: int) -> str:
    """``text`` said over and over until it is ``chars`` characters long, ending a sentence
    (or as it is)."""
    return " ".join([text] * (1 + chars // (len(text) + 1))) + " end." if chars else text


_TURN = st.tuples(st.binary(max_size=24), st.lists(st.binary(min_size=1, max_size=100), min_size=1, max_size=4))


@st.composite
def transcript_texts(draw: st.DrawFn) -> str:
    """A whole transcript: page text, turns, page text; lines ended by LF."""
    names = draw(st.lists(labels(), min_size=0, max_size=4))
    lines: list[str] = []
    e = _Entropy(draw(st.binary(max_size=12)))  # page text, the first time, the end
    for _ in range(e.byte() % 4):
        lines.extend([e.pick(BEFORE), *([""] if e.byte() % 2 else [])])
    now = (e.byte() << 8 | e.byte()) * 55 if e.byte() % 2 else 0  # up to an hour in
    size = draw(st.integers(0, 19))  # one transcript in twenty has no turn, one in five many
    low, high = (0, 0) if size == 19 else (9, 40) if size >= 15 else (1, 8)
    # One in a hundred has a few turns of long paragraphs, all about as long (tens of kilobytes):
    # work that grows faster than the text shows.
    chars = draw(st.integers(5_000, 25_000)) if draw(st.integers(0, 99)) == 99 else 0
    if chars:
        low, high = 1, 4
    for head, paragraphs in draw(st.lists(_TURN, min_size=low, max_size=high)):
        turn, now = turn_lines(head, paragraphs, now, names, chars)
        lines.extend(turn)
        if e.byte() % 6 != 5:
            lines.append("")
    for _ in range(e.byte() % 4):
        tail = e.pick((*AFTER, "repeat"))
        if tail == "repeat":  # a footer that repeats an earlier paragraph
            tail = lines[e.byte() % len(lines)] if lines else "Subscribe"
        lines.extend(["", tail])
    text = "\n".join(lines)
    return text if e.byte() % 5 == 4 else text + "\n"


CONTROLS = tuple(chr(c) for c in (*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9B, 0x80, 0x9F))


@st.composite
def with_controls(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few control characters put in (a NUL now and then)."""
    if draw(st.integers(0, 5)):
        return text
    chars = list(text)
    for _ in range(draw(st.integers(1, 4))):
        c = draw(st.sampled_from((*CONTROLS, "\x00") if draw(st.integers(0, 20)) == 0 else CONTROLS))
        chars.insert(draw(st.integers(0, len(chars))), c)
    return "".join(chars)


@st.composite
def line_ends(draw: st.DrawFn, text: str) -> tuple[str, str]:
    style = draw(st.sampled_from(NEWLINES))
    if style == "lf":
        return text, style
    if style in ("crlf", "cr"):
        return text.replace("\n", "\r\n" if style == "crlf" else "\r"), style
    pieces = text.split("\n")
    ends = draw(st.binary(min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + ("\n", "\r\n", "\r")[e % 3] for p, e in zip(pieces[:-1], ends, strict=False)) + pieces[-1], style


def encode(text: str, encoding: str) -> tuple[bytes, str]:
    """The bytes of ``text`` in ``encoding`` and the text they hold: what a legacy encoding
    cannot hold (and the C1 controls, which Windows-1252 reads as letters) becomes '?'."""
    codec, bom = ENCODINGS[encoding]
    if encoding in LEGACY:
        text = "".join("?" if 0x80 <= ord(c) < 0xA0 else c for c in text)
        text = text.encode(codec, "replace").decode(codec)
    return bom + text.encode(codec), text


@st.composite
def options(draw: st.DrawFn) -> dict[str, object]:
    rename = None
    if draw(st.integers(0, 9)) == 0:
        rename = (draw(st.integers(0, 5)), draw(st.one_of(st.sampled_from(NEW_NAMES), st.text(max_size=12))))
    profile: str | dict[str, int | float] = draw(st.sampled_from(sorted(PROFILES)))
    if draw(st.integers(0, 4)) == 0:  # a style of its own: narrow or wide, one to four lines, slow or fast
        shortest = draw(st.integers(0, 3000))  # a style's shortest cue is no longer than its longest
        profile = {"max_chars": draw(st.integers(8, 70)), "max_lines": draw(st.integers(1, 4)),
                   "max_cps": draw(st.floats(4, 40)), "min_duration_ms": shortest,
                   "max_duration_ms": draw(st.integers(max(500, shortest), 10_000)),
                   "min_gap_ms": draw(st.integers(0, 300)), "chain_gap_ms": draw(st.integers(0, 1000))}
    return {
        "profile": profile,
        "labels": draw(st.sampled_from([m.value for m in LabelMode])),
        "strict": draw(st.integers(0, 9)) == 0,
        "rename": rename,
    }


@st.composite
def written_cases(draw: st.DrawFn) -> Case:
    """A transcript written as a file: controls, line ends, an encoding."""
    text = draw(with_controls(draw(transcript_texts())))
    encoding = draw(st.sampled_from(sorted(ENCODINGS)))
    if encoding in LEGACY or (encoding.startswith("utf-16") and not encoding.endswith("bom")):
        text = text.replace("\x00", "")  # a NUL cannot be told from the zero bytes of UTF-16 text
    ended, newline = draw(line_ends(text))
    data, held = encode(ended, encoding)
    truth = held.replace("\r\n", "\n").replace("\r", "\n")
    return Case(data, truth, encoding, newline, **draw(options()))  # type: ignore[arg-type]


@st.composite
def mangled_cases(draw: st.DrawFn) -> Case:
    """A written case with bytes put in, changed, repeated or cut off."""
    case = draw(written_cases())
    data = bytearray(case.data)
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["insert", "flip", "cut", "repeat"]))
        at = draw(st.integers(0, len(data)))
        if op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 8))]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 40))]
    return Case(bytes(data), None, case.encoding, case.newline, case.profile, case.labels, case.strict, case.rename)


@st.composite
def random_cases(draw: st.DrawFn) -> Case:
    """Random bytes, now and then behind a BOM or a marker."""
    prefix = draw(st.sampled_from([b"", b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"[00:00:01] Ann Lee: "]))
    return Case(prefix + draw(st.binary(max_size=2000)), None, "bytes", "lf", **draw(options()))  # type: ignore[arg-type]


def cases() -> st.SearchStrategy[Case]:
    """Most cases written files, some mangled, some random bytes."""
    return st.integers(0, 19).flatmap(
        lambda n: written_cases() if n < 17 else mangled_cases() if n < 19 else random_cases())

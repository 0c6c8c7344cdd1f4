"""The data that flows through the pipeline: speakers, turns, timed words and cues.

Times are integer milliseconds in fields named ``*_ms``.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.text import one_line


@dataclass(frozen=True, slots=True)
class Speaker:
    """One voice. ``key`` is the short label (``CL``), ``name`` the display name."""

    key: str
    name: str

    def __post_init__(self) -> None:
        for value in (self.key, self.name):
            if not value or value != one_line(value):
                raise ValueError(f"a speaker's key and name are one line with single spaces: {value!r}")


@dataclass(frozen=True, slots=True)
class Word:
    """A word as written in the transcript (punctuation attached) with its time.

    ``opens_cue``: the word began a caption in the caption file the transcript came
    from; cues are cut so that it begins one again.
    """

    text: str
    start_ms: int
    end_ms: int
    opens_cue: bool = False

    def __post_init__(self) -> None:
        if not self.text or any(c.isspace() for c in self.text):
            raise ValueError(f"a word is one non-empty token: {self.text!r}")
        if not 0 <= self.start_ms <= self.end_ms:
            raise ValueError(f"bad word time {self.start_ms}..{self.end_ms} for {self.text!r}")


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker turn: a marker (if any), its paragraphs and their timed words.

    ``line`` is the 1-based line of the turn's first line in the source file.
    ``paragraph_starts`` holds the index in ``words`` where each paragraph begins.
    ``confidence`` is 1.0 for text-only timing that met no conflict, lower when
    the timing had to be squeezed or when alignment to audio was uncertain.
    """

    index: int
    speaker: Speaker
    line: int
    marker_ms: int | None
    words: tuple[Word, ...]
    paragraph_starts: tuple[int, ...] = (0,)
    confidence: float = 1.0
    aligned: bool = False

    @property
    def start_ms(self) -> int:
        return self.words[0].start_ms if self.words else (self.marker_ms or 0)

    @property
    def end_ms(self) -> int:
        return self.words[-1].end_ms if self.words else (self.marker_ms or 0)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption: up to a few lines of one speaker's words, shown from start to end.

    ``lines`` hold the words as written; ``label`` names the speaker where a format
    without voices (SRT) should. Cues are numbered when written.
    """

    start_ms: int
    end_ms: int
    lines: tuple[str, ...]
    speaker: Speaker
    turn: int
    first_word: int
    word_count: int
    label: str = ""  # the speaker label SRT shows before the first line ("CL:"), '' for none

    def __post_init__(self) -> None:
        if not 0 <= self.start_ms < self.end_ms:
            raise ValueError(f"cue time {self.start_ms}..{self.end_ms} is not a positive span")
        if not self.lines or any(not line.strip() for line in self.lines):
            raise ValueError(f"a cue needs non-blank lines: {self.lines!r}")

    @property
    def text(self) -> str:
        return " ".join(self.lines)

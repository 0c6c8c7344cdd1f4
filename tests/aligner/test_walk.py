"""align.aligner.walk: a turn walked window by window to its end, against a fake decoder."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner.decoder import RATE, Hit, Path
from align.aligner.grammar import Chain
from align.aligner.tokens import TurnSpec
from align.aligner.walk import WalkSettings, walk_job


class FakeDecoder:
    """Reads "speech" in which every sample holds the number of the word being said."""

    frame_ms = 10.0

    def __init__(self, script: list[str]) -> None:
        self.script = script
        self.windows = 0

    def align(self, samples: np.ndarray, chain: Chain, before: np.ndarray | None = None) -> Path | None:
        self.windows += 1
        ms = samples[:: RATE // 1000]  # one value per millisecond
        # (word number, first ms, last ms) of words wholly inside the window
        runs: list[tuple[int, int, int]] = []
        for change in np.flatnonzero(np.diff(ms, prepend=-1, append=-1)):
            if change < len(ms) and ms[change] > 0:
                end = change + int(np.argmax(ms[change:] != ms[change])) or len(ms)
                if change > 0 and end < len(ms):
                    runs.append((int(ms[change]) - 1, int(change), int(end) - 1))
        for entry in chain.entries:
            first = next((r for r in runs if self.script[r[0]] == chain.words[entry]), None)
            if first is None:
                continue
            hits, pos = [], entry
            for number, begin, last in runs[runs.index(first):]:
                if pos >= len(chain.words) or self.script[number] != chain.words[pos]:
                    break
                hits.append(Hit(pos, begin // 10, last // 10, -300.0))
                pos += 1
            if hits and pos in chain.exits:
                return Path(tuple(hits), widened=False)
        return None


@settings(deadline=None, max_examples=40)
@given(st.integers(1, 150), st.integers(250, 520), st.integers(0, 400))
def test_a_turn_of_any_length_is_walked_to_its_end(n: int, pace: int, gap: int) -> None:
    words = tuple(f"w{i}" for i in range(n))
    head = ("h0", "h1", "h2", "h3", "h4", "h5")
    script = ["t0", "t1", *words, *head, *(f"x{i}" for i in range(60))]
    audio = np.zeros((500 + len(script) * (pace + gap) + 2000) * RATE // 1000, dtype=np.int16)
    for k in range(len(script)):
        at = (500 + k * (pace + gap)) * RATE // 1000
        audio[at : at + pace * RATE // 1000] = k + 1
    end = 500 + (n + 2 + 8) * (pace + gap)
    spec = TurnSpec(0, words, tuple(range(n)), ("t0", "t1"), head, 0, end, True)
    fake = FakeDecoder(script)
    (result,) = walk_job(fake, audio, [spec], WalkSettings())
    assert result.found == n, result.reason
    starts = [t[0] for t in result.times if t is not None]
    expected = [500 + (k + 2) * (pace + gap) for k in range(n)]
    assert all(abs(a - b) <= 10 for a, b in zip(starts, expected, strict=True))
    assert fake.windows <= 3 + 2 * (n // WalkSettings().chunk_words)


def test_walk_gives_up_without_a_path() -> None:
    class Nothing:
        frame_ms = 10.0

        def align(self, samples: np.ndarray, chain: Chain, before: np.ndarray | None = None) -> Path | None:
            return None

    spec = TurnSpec(3, ("a", "b"), (0, 1), (), (), 0, 5000, True)
    audio = np.zeros(5 * RATE, dtype=np.int16)
    (result,) = walk_job(Nothing(), audio, [spec])
    assert result.found == 0 and result.reason == "no alignment found"


class _Counting(FakeDecoder):
    """A FakeDecoder that notes how many words of the turn each window's grammar holds."""

    def __init__(self, script: list[str]) -> None:
        super().__init__(script)
        self.turn_words: list[int] = []  # the words before the turn ("t0", "t1") not counted

    def align(self, samples: np.ndarray, chain: Chain, before: np.ndarray | None = None) -> Path | None:
        self.turn_words.append(sum(w.startswith("w") for w in chain.words))
        return super().align(samples, chain, before)


def _cut_window_grammars(pace: int, n: int = 400, walk: WalkSettings | None = None) -> list[int]:
    words = tuple(f"w{i}" for i in range(n))
    script = ["t0", "t1", *words, *(f"x{i}" for i in range(60))]
    audio = np.zeros((500 + len(script) * pace + 2000) * RATE // 1000, dtype=np.int16)
    for k in range(len(script)):
        at = (500 + k * pace) * RATE // 1000
        audio[at : at + (pace - 50) * RATE // 1000] = k + 1
    spec = TurnSpec(0, words, tuple(range(n)), ("t0", "t1"), (), 0, 500 + (n + 12) * pace, True)
    fake = _Counting(script)
    (result,) = walk_job(fake, audio, [spec], walk or WalkSettings())
    assert result.found == n, result.reason
    return fake.turn_words


def test_a_cut_windows_grammar_is_sized_by_the_pace_the_turn_shows() -> None:
    s = WalkSettings()
    slow, fast = _cut_window_grammars(450), _cut_window_grammars(260)
    # before any word is found the pace is unknown: the default lookahead
    assert slow[0] == fast[0] == s.chunk_words + s.lookahead_words
    # later windows also hold the last words kept (the tail). At 450 ms a word a window of
    # 17 s holds 38 words: the least lookahead. At 260 ms it holds 66, and at a quarter
    # faster 83: 28 beyond the 55 it is sized for (27 where the pace measured is a little slower)
    assert all(k == s.tail_words + s.chunk_words + s.least_lookahead_words for k in slow[1:-1])
    beyond = math.ceil(17_100 * s.headroom / 260) - s.chunk_words
    assert beyond == 28
    assert all(k - s.tail_words - s.chunk_words in (beyond - 1, beyond) for k in fast[1:-1])
    # never more than the most: at twice the pace it would be 77 beyond
    generous = _cut_window_grammars(260, walk=replace(s, headroom=2.0))
    assert max(generous[1:]) == s.tail_words + s.chunk_words + s.most_lookahead_words

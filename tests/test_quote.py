"""align.quote: finding a quote, its errors, and the clip with one-cue captions."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from align import audio, quote
from align.clips import ClipOptions
from align.errors import AlignError, OutputError
from align.model import Speaker, Turn, Word

CL = Speaker("CL", "Connor Leahy")
SM = Speaker("SM", "Stefano Maffulli")
RATE = 16000


def timed(index: int, speaker: Speaker, start_ms: int, text: str, step: int = 400) -> Turn:
    """A turn with one word every ``step`` ms (each word lasting 300 ms)."""
    words = tuple(Word(w, start_ms + k * step, start_ms + k * step + 300)
                  for k, w in enumerate(text.split()))
    return Turn(index, speaker, 1 + index, None, words)


TURNS = [
    timed(0, CL, 1_000, "When a human says something, there’s all these hidden assumptions."),
    timed(1, SM, 351_000, "Don’t you think—honestly—that open-source AI is “different”?"),
    timed(2, CL, 400_000, "It is different. Bad robot. Bad robot."),
    timed(3, SM, 900_000, "The data sets are huge & messy <really>."),
]


@pytest.mark.parametrize(("text", "expected"), [
    ("Don’t", ["dont"]),
    ("“Hello,” she said—quietly…", ["hello", "she", "said", "quietly"]),
    ("open-source AI's", ["open", "source", "ais"]),
    ("  ¡ ... !  ", []),
])
def test_tokens(text: str, expected: list[str]) -> None:
    assert quote.tokens(text) == expected


def test_exact_match_ignores_case_punctuation_and_typographic_quotes() -> None:
    m = quote.find_quote(TURNS, '"don\'t you think - honestly - that open source ai is "different""')
    assert m.turn.index == 1 and m.score == 1.0
    assert m.text == "Don’t you think—honestly—that open-source AI is “different”?"
    assert (m.start_ms, m.end_ms) == (351_000, 351_000 + 6 * 400 + 300)


def test_match_within_a_turn_gives_its_words_and_times() -> None:
    m = quote.find_quote(TURNS, "all these hidden")
    assert [w.text for w in m.words] == ["all", "these", "hidden"]
    assert (m.start_ms, m.end_ms) == (1_000 + 6 * 400, 1_000 + 8 * 400 + 300)
    assert m.describe() == "[00:00:03] CL: “all these hidden”"


def test_fuzzy_match_tolerates_a_typo_and_a_missing_word() -> None:
    m = quote.find_quote(TURNS, "when a humen says, there's all these hidden assumptions")
    assert m.turn.index == 0 and quote.MIN_SCORE <= m.score < 1.0
    assert m.words[0].text == "When" and m.words[-1].text == "assumptions."


def test_ambiguous_quote_lists_the_places() -> None:
    with pytest.raises(quote.QuoteError) as err:
        quote.find_quote(TURNS, "bad robot")
    assert str(err.value) == (
        "quote “bad robot” is said 2 times: [00:06:41] CL: “Bad robot.”; "
        "[00:06:42] CL: “Bad robot.”; quote more words to pick one")
    assert [c.start_ms for c in err.value.candidates] == [401_200, 402_000]


def test_missing_quote_names_the_nearest_candidates() -> None:
    with pytest.raises(quote.QuoteError) as err:
        quote.find_quote(TURNS, "the data is tiny and tidy")
    message = str(err.value)
    assert message.startswith("quote “the data is tiny and tidy” not found; nearest: "
                              "[00:15:00] SM: “The data sets are")
    assert message.endswith("; check its words") and "\n" not in message
    assert 1 <= len(err.value.candidates) <= 3
    assert err.value.candidates[0].turn.index == 3


def test_empty_quote() -> None:
    with pytest.raises(AlignError, match="the quote has no words"):
        quote.find_quote(TURNS, " “…” ")


def test_one_cue_captions() -> None:
    text = "The data sets are huge & messy <really> --> and this line is long enough to wrap."
    assert quote.one_cue_srt(text, 3_723_456) == (
        "1\n00:00:00,000 --> 01:02:03,456\n"
        "The data sets are huge & messy <really> ->\nand this line is long enough to wrap.\n")
    assert quote.one_cue_vtt(text, 1_500) == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\n"
        "The data sets are huge &amp; messy &lt;really&gt; -&gt;\n"
        "and this line is long enough to wrap.\n")


def _speech(path: Path, spans_ms: list[tuple[int, int]], total_ms: int) -> Path:
    n = total_ms * RATE // 1000
    x = np.random.default_rng(1).normal(0, 30, n)
    t = np.arange(n) / RATE
    for a, b in spans_ms:
        i, j = a * RATE // 1000, b * RATE // 1000
        x[i:j] += 12000 * np.sin(2 * np.pi * 220 * t[i:j])
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(x.astype("<i2").tobytes())
    return path


def test_export_quote_widens_to_the_pauses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(audio.ENV_VAR, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # WAV needs no ffmpeg
    # Sentences at 0.5-2.0 s, 2.5-4.0 s (the quote), 4.6-6.0 s; words packed tight.
    wav = _speech(tmp_path / "ep.wav", [(500, 2000), (2500, 4000), (4600, 6000)], 7000)
    words = [Word(w, a, a + 280) for w, a in zip(
        "First part here. Second sentence is quoted. Third part here.".split(),
        [500, 1000, 1500, 2500 + 100, 2900, 3300, 3700, 4600, 5100, 5600], strict=True)]
    turns = [Turn(0, CL, 1, 500, tuple(words))]
    out = tmp_path / "q"
    report = quote.export_quote(turns, "second sentence is quoted", wav, out,
                                ClipOptions(pad_ms=0))
    assert report.clip == out / "quote_00-00-02_CL.wav"
    assert 2000 + 30 <= report.start_ms <= 2500 - 80  # out to the pause, whole first word
    assert 4000 + 80 <= report.end_ms <= 4600 - 30
    cue = f"00:00:00,000 --> 00:00:{(report.end_ms - report.start_ms) / 1000:06.3f}"
    assert report.srt.read_text() == f"1\n{cue.replace('.', ',')}\nSecond sentence is quoted.\n"
    assert report.vtt.read_text().startswith("WEBVTT\n\n00:00:00.000 --> ")
    with pytest.raises(OutputError, match=r"quote_00-00-02_CL\.wav: already exists; add --force"):
        quote.export_quote(turns, "second sentence is quoted", wav, out)
    again = quote.export_quote(turns, report.match, wav, out, ClipOptions(force=True), name="q1")
    assert again.clip.name == "q1.wav" and again.srt.name == "q1.srt"


def test_a_different_word_is_not_a_misspelling() -> None:
    from align.model import Speaker, Turn, Word
    from align.quote import QuoteError, find_quote

    words = "They live in the garden now. Take photos and ask what is in the garage.".split()
    timed = tuple(Word(w, 500 * k, 500 * k + 400) for k, w in enumerate(words))
    turn = Turn(0, Speaker("TR", "Tomás Reyes"), 1, 0, timed)
    with pytest.raises(QuoteError, match="not found; nearest"):
        find_quote([turn], "spiders in the garage")
    assert find_quote([turn], "what is in the garrage").text == "what is in the garage."

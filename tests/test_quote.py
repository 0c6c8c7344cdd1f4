"""align.quote: finding a quote, its errors, and its clip widened to the pauses."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from align import audio, quote
from align.clips import ClipOptions
from align.errors import AlignError, OutputError
from align.model import Speaker, Turn, Word
from align.outputs import commit
from tests.support import tones

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
        "[00:06:42] CL: “Bad robot.”; give more of its words to pick one")
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


def _speech(path: Path, spans_ms: list[tuple[int, int]], total_ms: int) -> Path:
    return tones(path, spans_ms, total_ms, rate=RATE, hz=220, seed=1)


def test_quote_clip_widens_to_the_pauses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(audio.ENV_VAR, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # WAV needs no ffmpeg
    # Sentences at 0.5-2.0 s, 2.5-4.0 s (the quote), 4.6-6.0 s; words packed tight.
    wav = _speech(tmp_path / "ep.wav", [(500, 2000), (2500, 4000), (4600, 6000)], 7000)
    words = [Word(w, a, a + 280) for w, a in zip(
        "First part here. Second sentence is quoted. Third part here.".split(),
        [500, 1000, 1500, 2500 + 100, 2900, 3300, 3700, 4600, 5100, 5600], strict=True)]
    turns = [Turn(0, CL, 1, 500, tuple(words))]
    out = tmp_path / "q"
    match = quote.find_quote(turns, "second sentence is quoted")
    clip = quote.clip_quote(turns, match, wav, out, ClipOptions(pad_ms=0))
    assert clip.clip == out / "quote_00-00-02_CL.wav" and not clip.clip.exists()  # published by the caller
    commit([(clip.tmp, clip.clip)])
    assert 2000 + 30 <= clip.start_ms <= 2500 - 80  # out to the pause, whole first word
    assert 4000 + 80 <= clip.end_ms <= 4600 - 30
    as_turn = clip.as_turn()
    assert as_turn.text == "Second sentence is quoted."
    assert as_turn.words[0].start_ms == 2600 - clip.start_ms
    with pytest.raises(OutputError, match=r"quote_00-00-02_CL\.wav: already exists"):
        quote.clip_quote(turns, match, wav, out)
    with pytest.raises(OutputError, match=r"q1\.srt: already exists"):
        (out / "q1.srt").write_text("mine")
        quote.clip_quote(turns, match, wav, out, ClipOptions(force=False), stem="q1", also=[out / "q1.srt"])
    assert not (out / "q1.wav").exists()  # checked before anything was cut
    again = quote.clip_quote(turns, match, wav, out, ClipOptions(force=True), stem="q1")
    assert again.clip.name == "q1.wav"
    again.tmp.unlink()


def test_a_different_word_is_not_a_misspelling() -> None:
    from align.quote import QuoteError, find_quote

    words = "They live in the garden now. Take photos and ask what is in the garage.".split()
    timed = tuple(Word(w, 500 * k, 500 * k + 400) for k, w in enumerate(words))
    turn = Turn(0, Speaker("TR", "Tomás Reyes"), 1, 0, timed)
    with pytest.raises(QuoteError, match="not found; nearest"):
        find_quote([turn], "spiders in the garage")
    assert find_quote([turn], "what is in the garrage").text == "what is in the garage."


def test_a_long_quote_is_cut_by_the_profile() -> None:
    from dataclasses import replace

    from align.cues import get_profile, make_cues

    words = ("So the thing about restoring clocks is that you never really finish, because every movement "
             "you open teaches you something about the one before it, and about the people who made it, "
             "and the people who kept it running for a century before it came to you, which is why I "
             "photograph everything and keep notes, and why I think of myself less as an owner than as "
             "a caretaker for a while.").split()
    assert len(words) >= 60
    turn = Turn(0, SM, 1, 0, tuple(Word(w, 300 * k, 300 * k + 250) for k, w in enumerate(words)))
    match = quote.find_quote([turn], " ".join(words))
    clip = quote.QuoteClip(match, Path("q.wav"), Path(".q.wav.part"), 0, 300 * len(words), ())
    profile = get_profile("netflix")
    cues = make_cues([replace(clip.as_turn())], profile, end_ms=clip.end_ms - clip.start_ms)
    assert len(cues) > 3
    assert " ".join(line for c in cues for line in c.lines) == " ".join(words)
    for c in cues:
        assert len(c.lines) <= profile.max_lines and all(len(line) <= profile.max_chars for line in c.lines)
        assert c.end_ms - c.start_ms <= profile.max_duration_ms
    assert cues[-1].end_ms <= clip.end_ms - clip.start_ms


def test_a_quote_is_never_padded_or_snapped_into_the_words_around_it() -> None:
    # On the 45-minute episode a quote's end snapped 140 ms into the word after it, past a 170 ms pause.
    from align.quote import _words_around, find_quote

    sp = Speaker("A", "Ann")
    words = (Word("One", 0, 400), Word("two", 600, 900), Word("three.", 900, 1300), Word("Four", 1470, 1800))
    turns = [Turn(0, sp, 1, 0, words)]
    match = find_quote(turns, "two three")
    assert _words_around(turns, match) == (400, 1470)  # pauses on both sides: the clip stays inside them
    end_to_end = [Turn(0, sp, 1, 0, (Word("One", 0, 400), Word("two", 400, 900), Word("three.", 900, 1300)))]
    assert _words_around(end_to_end, find_quote(end_to_end, "two")) == (0, None)  # no pause: the snap decides
    # found in the recording, words end to end still bound the clip, give or take what the
    # aligner may be off by (the 45-minute episode's "released. If" were 166 ms apart, and the
    # clip took in "If"; another quote's first word was found 60 ms late)
    aligned = [replace(end_to_end[0], aligned=True)]
    assert _words_around(aligned, find_quote(aligned, "two")) == (400 - quote.UNSURE_MS, 900 + quote.UNSURE_MS)

"""align.aligner.pronounce: IPA to the model's phones, spelling rules, eSpeak NG."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.aligner import pronounce


def test_ipa_maps_to_model_phones() -> None:
    assert pronounce.ipa_to_arpabet("ɡˈɪt hˈʌb") == "G IH T HH AH B"
    assert pronounce.ipa_to_arpabet("m_ˈæ_f_ʊ_l_i") == "M AE F UH L IY"
    assert pronounce.ipa_to_arpabet("f_ˈoːɹ") == "F AO R"
    assert pronounce.ipa_to_arpabet("dʒ_ˌʊɹ_ɹ_ɪ_s") == "JH UH R IH S"  # r said once


def test_spelling_rules_give_model_phones() -> None:
    phones = pronounce.spelling_rules("Maffulli").split()
    assert phones[0] == "M" and set(phones) <= pronounce.PHONES
    assert pronounce.spelling_rules("!!") == "AH"


def test_without_espeak_words_are_guessed_from_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pronounce, "espeak_program", lambda: None)
    assert pronounce.guess(["Leahy"]) == {"Leahy": pronounce.spelling_rules("Leahy")}


@pytest.mark.needs_espeak
def test_espeak_pronounces_unknown_words() -> None:
    found = pronounce.guess(["Maffulli", "GitHub", "2019", "—"])
    assert found["Maffulli"].split()[:3] == ["M", "AE", "F"]
    assert found["GitHub"] == "G IH T HH AH B"
    assert "TH AW Z AH N D" in found["2019"]  # eSpeak NG says "two thousand nineteen"
    assert set(found["—"].split()) <= pronounce.PHONES  # nothing said: a guess, not a gap


def _espeak(tmp_path: Path, script: str) -> str:
    prog = tmp_path / "espeak-ng"
    prog.write_text("#!/bin/sh\n" + script)
    prog.chmod(0o755)
    return str(prog)


WORDS = ["Leahy", "Maffulli", "Okafor"]


@pytest.mark.parametrize("script", [
    "exit 1\n",  # fails
    "cat > /dev/null\necho 'h_ə_l_ˈoʊ'\n",  # one line for three words
])
def test_an_espeak_that_misbehaves_falls_back_to_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            script: str) -> None:
    monkeypatch.setattr(pronounce, "espeak_program", lambda: _espeak(tmp_path, script))
    assert pronounce.guess(WORDS) == {w: pronounce.spelling_rules(w) for w in WORDS}


def test_an_espeak_answer_one_line_short_falls_back_to_spelling(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    script = "cat > /dev/null\necho 'h_ə_l_ˈoʊ'\necho 'w_ˈɜː_l_d'\n"  # two lines for three words
    monkeypatch.setattr(pronounce, "espeak_program", lambda: _espeak(tmp_path, script))
    assert pronounce.guess(WORDS)["Leahy"] == pronounce.spelling_rules("Leahy")


def test_espeak_is_asked_once_for_all_words_and_blank_ones_are_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "asked"
    monkeypatch.setattr(pronounce, "espeak_program",
                        lambda: _espeak(tmp_path, f"tee -a {log} | sed 's/.*/ɡ_ˈɪ_t/'\n"))
    assert pronounce.guess(["GitHub", " ", "GitHub", "Git"]) == {"GitHub": "G IH T", "Git": "G IH T"}
    assert log.read_text() == "GitHub\nGit\n"
    assert pronounce.guess([" "]) == {}


def test_ipa_marks_the_model_lacks_are_skipped_and_syllabic_consonants_get_a_vowel() -> None:
    assert pronounce.ipa_to_arpabet("bˈʌʔn̩") == "B AH N"  # the glottal stop is not modelled
    assert pronounce.ipa_to_arpabet("lˈɪt_l̩") == "L IH T AH L"


def test_a_word_list_holds_its_words_and_no_others() -> None:
    from align.aligner.pronounce import WordList

    words = WordList(["b", "a", "c", "a", "abc"])
    assert len(words) == 4 and all(w in words for w in ("a", "b", "c", "abc"))
    assert "ab" not in words and "d" not in words and "" not in words and "a\nb" not in words and 1 not in words
    assert "a" not in WordList([]) and len(WordList([])) == 0

"""align.aligner.pronounce: IPA to the model's phones, spelling rules, eSpeak NG."""

from __future__ import annotations

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

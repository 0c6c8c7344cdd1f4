"""align.aligner.grammar: the chain of words a window is decoded against."""

from __future__ import annotations

import pytest

from align.aligner.grammar import Chain, base_word, is_filler


def test_chain_arcs_enter_in_the_tail_and_leave_in_the_head() -> None:
    chain = Chain(("so", "yes", "no", "then"), entries=(0, 1), exits=(3, 4), loose=(1,))
    arcs = chain.transitions()
    assert (0, 1, 1.0, "so") in arcs and (3, 4, 1.0, "then") in arcs
    assert (chain.start_state, 0, 1.0) in arcs and (chain.start_state, 1, 1.0) in arcs
    assert (3, chain.final_state, 1.0) in arcs
    assert any(a[:2] == (1, 1) and a[3] == "+noise+" for a in arcs if len(a) == 4)
    assert chain.locate(["yes", "no"]) == 1
    assert chain.locate(["so", "yes", "no", "then"]) == 0
    assert chain.locate(["no"]) is None  # would start outside the entries
    with pytest.raises(ValueError):
        Chain(("a",), entries=(), exits=(1,))


def test_decoder_word_names() -> None:
    assert base_word("the(2)") == "the" and base_word("(NULL)") == "(NULL)"
    assert base_word("~3(12)") == "~3"
    assert is_filler("<sil>") and is_filler("+noise+") and is_filler("(NULL)")
    assert not is_filler("~3") and not is_filler("coffee")

"""align.speakers: labels resolved to people: full names, their initials, user mappings."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import AlignError, SpeakerError
from align.model import Speaker
from align.readers import RawTurn, parse_transcript, read_transcript
from align.speakers import resolve_speakers
from tests.support import DATA


@pytest.mark.needs_shared
def test_seed_speakers(seed: Path) -> None:
    t = read_transcript(seed)
    people, diags = resolve_speakers(t.turns, str(seed))
    assert people["CL"] is people["Connor Leahy"] and people["CL"].name == "Connor Leahy"
    assert people["SM"].name == "Stefano Maffulli"
    assert people["ANNOUNCER"].name == "Announcer"
    assert [str(d) for d in diags] == [
        f"{seed}:212: speaker 'SF' was never introduced; did you mean 'SM' (Stefano Maffulli)?"
    ]
    assert diags[0].rename == ("SF", "SM")
    people, diags = resolve_speakers(t.turns, str(seed), {"SF": "SM"})
    assert people["SF"] is people["SM"] and diags == []


@pytest.mark.needs_shared
def test_mapping_renames_and_rejects_unknown(seed: Path) -> None:
    t = read_transcript(seed)
    people, _ = resolve_speakers(t.turns, str(seed), {"ANNOUNCER": "Voice-over"})
    assert people["ANNOUNCER"].name == "Voice-over"
    people, _ = resolve_speakers(t.turns, str(seed), {"SF": "Sam Fox"})
    assert people["SF"].name == "Sam Fox"
    with pytest.raises(AlignError, match="no speaker 'XX'"):
        resolve_speakers(t.turns, str(seed), {"XX": "SM"})


INTERVIEW = DATA / "interview.txt"


def _labels(text: str) -> list[RawTurn]:
    return list(parse_transcript(text).turns)


def test_interview_speakers() -> None:
    t = read_transcript(INTERVIEW)
    people, diags = resolve_speakers(t.turns, str(INTERVIEW))
    assert people["CL"] is people["Connor Leahy"] is people["Connor"]  # initials and first name
    assert people["SM"] is people["Stefano Maffulli"] and people["ANNOUNCER"] == Speaker("ANNOUNCER", "Announcer")
    assert people["SF"] == Speaker("SF", "SF")
    assert [(str(d), d.rename) for d in diags] == [
        (f"{INTERVIEW}:19: speaker 'SF' was never introduced; did you mean 'SM' (Stefano Maffulli)?", ("SF", "SM"))]
    people, diags = resolve_speakers(t.turns, str(INTERVIEW), {"SF": "SM", "ANNOUNCER": "Voice-over"})
    assert people["SF"] is people["SM"] and people["ANNOUNCER"] == Speaker("ANNOUNCER", "Voice-over")
    assert diags == []


def test_a_mapping_to_a_new_full_name_introduces_that_person() -> None:
    turns = _labels("[00:00:01] HOST: Hi.\n\n[00:00:02] JD: Hello.\n")
    people, diags = resolve_speakers(turns, "t", {"HOST": "Jane Doe"})
    assert people["HOST"] == people["JD"] == Speaker("JD", "Jane Doe") and diags == []


def test_two_people_with_the_same_initials_keep_their_full_names() -> None:
    turns = _labels("[00:00:01] Ann Lee: Hi.\n\n[00:00:02] Alan Lu: Hello.\n\n[00:00:03] AL: Who am I?\n")
    people, diags = resolve_speakers(turns, "t")
    assert people["Ann Lee"] == Speaker("Ann Lee", "Ann Lee") and people["Alan Lu"] == Speaker("Alan Lu", "Alan Lu")
    assert people["AL"] == Speaker("AL", "AL")  # nobody can tell which
    assert [d.line for d in diags] == [5]


def test_initials_two_people_share_are_not_suggested_as_their_own_fix() -> None:
    turns = _labels("[00:00:01] Ann Lee: Hi.\n\n[00:00:02] Alan Lu: Hello.\n\n[00:00:03] AL: Who am I?\n")
    _, diags = resolve_speakers(turns, "t")
    assert [d.rename for d in diags] == [("AL", None)]
    assert diags[0].message == "speaker 'AL' was never introduced; Ann Lee and Alan Lu share these initials"


def test_a_first_name_shared_by_two_people_is_its_own_speaker() -> None:
    turns = _labels("[00:00:01] Ann Lee: Hi.\n\n[00:00:02] Ann Ray: Hello.\n\n[00:00:03] Ann: Both of us.\n")
    people, _ = resolve_speakers(turns, "t")
    assert people["Ann"] == Speaker("Ann", "Ann")


def test_a_role_in_capitals_reads_as_a_word_and_short_labels_stay() -> None:
    turns = _labels("[00:00:01] NARRATOR: Once.\n\n[00:00:02] Q: Why?\n\n[00:00:03] Host: Because.\n")
    people, diags = resolve_speakers(turns, "t")
    assert [people[k].name for k in ("NARRATOR", "Q", "Host")] == ["Narrator", "Q", "Host"]
    assert diags == []  # neither looks like initials


def test_an_unknown_label_to_map_names_the_speakers() -> None:
    with pytest.raises(SpeakerError, match=r"^no speaker 'XX' in t; the speakers are Ann Lee, AL$") as err:
        resolve_speakers(_labels("[00:00:01] Ann Lee: Hi.\n\n[00:00:02] AL: Bye.\n"), "t", {"XX": "AL"})
    assert err.value.renaming and err.value.known == ("Ann Lee", "AL")

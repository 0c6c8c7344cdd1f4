"""align.readers.names: which labels are speakers."""

from __future__ import annotations

import pytest

from align.readers.names import corroborated, looks_like_name


@pytest.mark.parametrize("label", ["Rob Pike", "Tomás Reyes", "CL", "ANNOUNCER", "Interviewer", "Q", "I",
                                   "Speaker 1", "SPEAKER_00", "Unknown Speaker", "John von Neumann", "Dr. Okafor",
                                   "Adam Garrett-Harris", "Jen Luker & Safia Abdalla", "王伟"])
def test_names(label: str) -> None:
    assert looks_like_name(label)


@pytest.mark.parametrize("label", ["So", "The thing is", "Well then", "Episode 12", "Show notes", "Note",
                                   "Music", "rob pike", "Rob  Pike", "Why?", "This is a very long label indeed ok",
                                   "1 Speaker", "", "and", "&", "And"])
def test_not_names(label: str) -> None:
    assert not looks_like_name(label)


def test_a_label_is_a_speaker_when_it_recurs_or_names_someone_who_does() -> None:
    assert corroborated({"Ann Lee": 1, "AL": 3, "Bob": 2, "Yesterday": 1}) == {"Ann Lee", "AL", "Bob"}
    assert corroborated({"Ann Lee": 1}, known=["Ann Lee"]) == {"Ann Lee"}
    assert corroborated({"CL": 1, "Connor Leahy": 2}) == {"CL", "Connor Leahy"}


def test_a_guest_named_once_by_full_name_once_a_label_recurs() -> None:
    counts = {"Ann": 2, "Bob": 1, "Carla Diaz": 1, "Tomorrow": 1}
    assert corroborated(counts) == {"Ann", "Carla Diaz"}
    assert corroborated(counts, guests=False) == {"Ann"}
    assert corroborated({"Carla Diaz": 1, "Dan Ek": 1}) == set()

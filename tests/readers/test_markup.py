"""align.readers.markup: page structure, page chrome, and the words under markdown and HTML."""

from __future__ import annotations

import pytest

from align.readers.markup import chrome, front_matter, front_matter_names, plain_text, structure


@pytest.mark.parametrize(("text", "plain"), [
    ("**Rob Pike:** \\[laughs\\] [Plan 9](https://9p.io/plan9/) &amp; `go fmt`", "Rob Pike: [laughs] Plan 9 & go fmt"),
    ("snake_case_name and _italic_ and *stars* and 2*3*4", "snake_case_name and italic and stars and 2*3*4"),
    ("\\[04:22\\] 45 minutes.", "[04:22] 45 minutes."),
    ("> quoted text", "quoted text"),
    ("a <br> b <em>c</em>", "a b c"),
    ("AT&T rocks", "AT&T rocks"),
    ("x ***both*** y", "x both y"),
    ("it&#39;s &mdash; done", "it's — done"),
    ("plain words stay as they are", "plain words stay as they are"),
])
def test_plain_text(text: str, plain: str) -> None:
    assert plain_text(text) == plain


@pytest.mark.parametrize(("line", "what"), [
    ("## Nesting", "a heading"), ("---", "a rule"), ("| a | b |", "a table row"), ("```", "a code fence"),
    ("![cover](x.png)", "an image"), ("<div class='menu'>", "page markup"), ("Welcome back.", None),
])
def test_structure(line: str, what: str | None) -> None:
    assert structure(line) == what


@pytest.mark.parametrize(("line", "what"), [
    ("- [Home](/)", "a link"), ("https://example.com", "a link"), ("Share | Tweet | Email", "a button"),
    ("* [Linode](https://linode.com) – our cloud server of choice", "a link"), ("Share", "a button"),
    ("[Plan 9](https://9p.io) came out under Bill", None), ("Play the game", None),
])
def test_chrome(line: str, what: str | None) -> None:
    assert chrome(line) == what


def test_front_matter_and_its_speakers() -> None:
    lines = ["---", "title: 'x'", "speakers:", "  - 'Pieter Wuille'", "  - Tim Ruffing", "hosts: [Ann, Bob]",
             "tags:", "  - 'musig'", "---", "Tim Ruffing: 00:00:00"]
    assert front_matter(lines) == 9
    assert front_matter_names(lines[:9]) == ("Pieter Wuille", "Tim Ruffing", "Ann", "Bob")
    assert front_matter(["---", "no closing fence", "text"]) == 0

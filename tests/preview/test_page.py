"""align.preview.page: the page reads without JavaScript, keeps markup as text, and works in Chromium.

The browser tests drive a headless Chromium through Selenium (``tests/preview/browser.py``)
on the sample aligned to its recording; axe-core checks the page's accessibility.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from align.captionfile import read_caption_file
from align.pipeline import Captions, make_captions
from align.preview import write_preview
from tests.preview.browser import ROOT, chromium, find_axe
from tests.preview.cases import AUDIO, sample_captions


def test_the_page_reads_without_javascript(tmp_path: Path) -> None:
    captions = sample_captions()
    page = write_preview(captions, AUDIO, tmp_path).page.read_text(encoding="utf-8")
    body = page.split("<script", 1)[0]
    shown = [html.unescape(w) for w in re.findall(r'<span class="w"[^>]*>([^<]*)</span>', body)]
    assert shown == [w.text for t in captions.turns for w in t.words]  # every word, in order
    times = re.findall(r'<a class="time" href="sample\.mp3#t=([\d.]+)" data-ms="(\d+)">(\d\d:\d\d:\d\d)</a>', body)
    assert len(times) == len(captions.turns)
    assert all(abs(float(t) * 1000 - int(ms)) <= 50 for t, ms, _ in times)
    assert "<noscript>" in body and 'kind="captions" src="sample.vtt"' in body
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)  # nothing from the network


def test_markup_in_the_transcript_stays_text(tmp_path: Path) -> None:
    transcript = tmp_path / "odd.txt"
    transcript.write_text("[00:00:01] Ann Lee: Say </script><!-- <b>hi</b> & bye.\n", encoding="utf-8")
    page = write_preview(make_captions(transcript), AUDIO, tmp_path / "p").page.read_text(encoding="utf-8")
    assert page.count("</script>") == 2  # the data's and the script's own
    data = json.loads(page.split('<script type="application/json" id="align-data">', 1)[1].split("</script>")[0])
    assert "Say </script><!-- <b>hi</b> & bye." in data["vtt"].replace("&lt;", "<").replace("&gt;", ">").replace(
        "&amp;", "&")
    assert '<span class="w">&lt;/script&gt;&lt;!--</span>' in page


@pytest.fixture(scope="module")
def aligned_preview(tmp_path_factory: pytest.TempPathFactory) -> tuple[Captions, Path]:
    captions = sample_captions(audio=AUDIO)
    folder = tmp_path_factory.mktemp("preview")
    return captions, write_preview(captions, AUDIO, folder).page


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, aligned_preview: tuple[Captions, Path]) -> Any:
    with chromium(tmp_path_factory.mktemp("chromium")) as session:
        session.get(aligned_preview[1].as_uri())
        state = session.execute_async_script(_WAIT_FOR_MEDIA)
        assert state == "ready", state
        yield session


# Resolves once the recording's length is known and the browser has read the caption file.
_WAIT_FOR_MEDIA = """
const done = arguments[arguments.length - 1];
const audio = document.getElementById("audio"), track = document.getElementById("track");
function check() {
  if (track.readyState === 3) done("the caption track failed to load");
  else if (audio.error) done("the audio failed to load: " + audio.error.code);
  else if (audio.readyState >= 1 && track.readyState === 2) done("ready");
}
audio.addEventListener("loadedmetadata", check);
audio.addEventListener("error", check);
track.addEventListener("load", check);
track.addEventListener("error", check);
check();
"""


@pytest.mark.needs_browser
@pytest.mark.needs_ffmpeg
def test_the_page_in_chromium(browser: Any, aligned_preview: tuple[Captions, Path]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    captions, page = aligned_preview
    vtt_cues = read_caption_file(page.with_suffix(".vtt")).cues
    assert browser.execute_script("return document.getElementById('track').track.cues.length") == len(vtt_cues)
    assert len(vtt_cues) == len(captions.cues)

    # A click on a word puts the recording at that word.
    turn = captions.turns[3]
    word = browser.find_elements(By.CSS_SELECTOR, "#turn-3 .w")[6]
    assert word.text == turn.words[6].text
    word.click()
    seconds = browser.execute_script("return document.getElementById('audio').currentTime")
    assert abs(seconds * 1000 - turn.words[6].start_ms) <= 50
    assert "here" in word.get_attribute("class")
    shown = browser.find_element(By.ID, "now-who").text, browser.find_element(By.ID, "now-text").text
    cue = next(c for c in captions.cues if c.start_ms <= turn.words[6].start_ms < c.end_ms)
    assert shown == (cue.speaker.name, "\n".join(cue.lines))  # the voice the browser read from <v>

    # One colour per speaker on the timeline, none shared.
    fills = browser.execute_script(
        "return Array.from(document.querySelectorAll('#strip rect'))"
        ".map(r => [r.dataset.speaker, getComputedStyle(r).fill])")
    by_speaker: dict[str, set[str]] = {}
    for speaker, fill in fills:
        by_speaker.setdefault(speaker, set()).add(fill)
    assert len(by_speaker) == len(captions.speakers)
    assert all(len(f) == 1 for f in by_speaker.values())
    assert len({f for fs in by_speaker.values() for f in fs}) == len(captions.speakers)

    ROOT.joinpath("out").mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ROOT / "out" / "preview.png"))

    # Arrows move by cue, Space plays and pauses.
    k = captions.cues.index(cue)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ARROW_RIGHT)
    seconds = browser.execute_script("return document.getElementById('audio').currentTime")
    assert abs(seconds * 1000 - captions.cues[k + 1].start_ms) <= 1
    body.send_keys(Keys.ARROW_LEFT, Keys.ARROW_LEFT)
    seconds = browser.execute_script("return document.getElementById('audio').currentTime")
    assert abs(seconds * 1000 - captions.cues[k - 1].start_ms) <= 1
    body.send_keys(" ")
    assert browser.execute_script("return document.getElementById('audio').paused") is False
    body.send_keys(" ")
    assert browser.execute_script("return document.getElementById('audio').paused") is True

    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


@pytest.mark.needs_browser
@pytest.mark.needs_axe
@pytest.mark.needs_ffmpeg
def test_the_page_passes_axe(browser: Any) -> None:
    axe = find_axe()
    assert not isinstance(axe, str), axe
    browser.execute_script(axe.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
        "'best-practice']}}).then(r => done(JSON.stringify(r)), e => done(JSON.stringify({error: String(e)})));")
    report = json.loads(result)
    assert "error" not in report, report
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in report["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []
    assert len(report["passes"]) > 20  # axe looked at the page


# Resolves once the page has given the browser its own copy of the captions.
_WAIT_FOR_COPY = """
const done = arguments[arguments.length - 1];
const audio = document.getElementById("audio");
function check() {
  const tracks = audio.querySelectorAll("track");
  if (tracks.length === 2 && tracks[1].readyState === 2) done(tracks[1].track.cues.length);
  else if (tracks.length === 2 && tracks[1].readyState === 3) done("the copy failed too");
  else setTimeout(check, 20);
}
check();
"""


@pytest.mark.needs_browser
@pytest.mark.needs_ffmpeg
def test_a_browser_that_will_not_read_files_from_disk_still_gets_the_captions(
        tmp_path: Path, aligned_preview: tuple[Captions, Path]) -> None:
    from selenium.webdriver.common.by import By

    captions, page = aligned_preview
    with chromium(tmp_path, file_access=False) as session:
        session.get(page.as_uri())
        assert session.execute_async_script(_WAIT_FOR_COPY) == len(captions.cues)
        note = session.find_element(By.ID, "track-note")
        assert note.is_displayed() and "would not read sample.vtt from disk" in note.text
        session.find_elements(By.CSS_SELECTOR, "#turn-1 .w")[0].click()
        assert session.find_element(By.ID, "now-who").text == captions.turns[1].speaker.name
        severe = [e["message"] for e in session.get_log("browser") if e["level"] == "SEVERE"]
        assert len(severe) == 1 and "Unsafe attempt to load URL" in severe[0]  # the refusal, and nothing else

// The preview's behaviour: words that play from where they are spoken, the word and caption
// being heard highlighted, the caption shown with its speaker, keys that move by caption.
// The page reads without it: this only adds to what the HTML already shows.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("align-data").textContent);
  const audio = document.getElementById("audio");
  const trackElement = document.getElementById("track");
  const words = Array.from(document.querySelectorAll("#transcript .w"));
  const wordStart = data.words.start;
  const wordEnd = data.words.end;
  const cues = data.cues;
  const indexOf = new Map(words.map((w, i) => [w, i]));
  const byId = (id) => document.getElementById(id);
  const nowWho = byId("now-who");
  const nowText = byId("now-text");
  const nowWhere = byId("now-where");
  const playButton = byId("play");
  const follow = byId("follow");
  const playhead = byId("playhead");
  let trackCues = null; // the browser's own reading of the caption file, when it loaded
  let currentWord = -1;
  let currentCue = -1;
  let focusWord = 0; // the word that takes the transcript's one Tab stop

  document.documentElement.classList.add("js");
  byId("controls").hidden = false;
  byId("keys").hidden = false;

  for (const w of words) {
    w.setAttribute("role", "link");
    w.tabIndex = -1;
  }
  if (words.length) words[0].tabIndex = 0;

  // Times in the page are milliseconds; the audio element counts seconds.
  const nowMs = () => Math.round(audio.currentTime * 1000);

  function lastAtOrBefore(starts, ms) {
    let lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= ms) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  const cueStarts = cues.map((c) => c.start);

  function clock(ms) {
    const s = Math.floor(ms / 1000);
    const pad = (n) => String(n).padStart(2, "0");
    return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60) + "." + Math.floor(ms % 1000 / 100);
  }

  function setFocusWord(i, move) {
    if (i < 0 || i >= words.length) return;
    words[focusWord].tabIndex = -1;
    focusWord = i;
    words[i].tabIndex = 0;
    if (move) words[i].focus({ preventScroll: false });
  }

  function showCue(k, force) {
    if (k === currentCue && !force) return;
    if (currentCue >= 0) {
      const old = cues[currentCue];
      for (let i = old.word; i < old.word + old.count; i++) words[i].classList.remove("in-cue");
    }
    currentCue = k;
    if (k < 0) {
      nowText.textContent = "";
      nowWhere.textContent = "";
      return;
    }
    const cue = cues[k];
    for (let i = cue.word; i < cue.word + cue.count; i++) words[i].classList.add("in-cue");
    let who = data.speakers[cue.speaker].name;
    let text = cue.lines.join("\n");
    if (trackCues && trackCues[k]) {
      // What the browser read from the caption file: the voice tag it never displays, and the text.
      const voice = /^<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(trackCues[k].text);
      who = voice ? voice[1].trim() : "(no speaker named in the caption file)";
      text = trackCues[k].getCueAsHTML().textContent;
    }
    nowWho.textContent = who;
    nowWho.style.color = data.speakers[cue.speaker].colour;
    nowText.textContent = text;
    nowWhere.textContent = "Caption " + (k + 1) + " of " + cues.length + " · " + clock(cue.start) + " to " + clock(cue.end);
  }

  function showWord(i) {
    if (i === currentWord) return;
    if (currentWord >= 0) words[currentWord].classList.remove("here");
    currentWord = i;
    if (i < 0) return;
    const w = words[i];
    w.classList.add("here");
    if (!audio.paused && follow.checked) {
      const box = w.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) w.scrollIntoView({ block: "center" });
    }
  }

  function update() {
    const ms = nowMs();
    const i = lastAtOrBefore(wordStart, ms);
    const next = i + 1 < wordStart.length ? wordStart[i + 1] : Infinity;
    showWord(i >= 0 && ms < Math.max(wordEnd[i] + 300, Math.min(next, wordEnd[i] + 1500)) ? i : -1);
    const k = lastAtOrBefore(cueStarts, ms);
    showCue(k >= 0 && ms < cues[k].end ? k : -1, false);
    if (playhead && data.duration > 0) playhead.style.left = Math.min(100, 100 * ms / data.duration) + "%";
  }

  function seek(ms, play) {
    audio.currentTime = ms / 1000;
    update();
    if (play) start();
  }

  function start() {
    const promise = audio.play();
    if (promise) promise.catch(function () { /* the browser wants a click first; the button stays "Play" */ });
  }

  function toggle() {
    if (audio.paused) start(); else audio.pause();
  }

  // The cue the listener is in, or the last one before: arrows move from there.
  function cueAt(ms) {
    return lastAtOrBefore(cueStarts, ms + 1);
  }

  function moveCue(step, moveFocus) {
    const here = cueAt(nowMs());
    const k = Math.max(0, Math.min(cues.length - 1, here < 0 ? (step > 0 ? 0 : -1) : here + step));
    if (k < 0) return;
    seek(cues[k].start, false);
    setFocusWord(cues[k].word, moveFocus);
  }

  function moveWord(step, moveFocus) {
    const here = lastAtOrBefore(wordStart, nowMs() + 1);
    const i = Math.max(0, Math.min(words.length - 1, here + step));
    seek(wordStart[i], false);
    setFocusWord(i, moveFocus);
  }

  let frame = 0;
  function tick() {
    update();
    frame = audio.paused ? 0 : requestAnimationFrame(tick);
  }
  audio.addEventListener("play", function () {
    playButton.textContent = "Pause";
    if (!frame) frame = requestAnimationFrame(tick);
  });
  audio.addEventListener("pause", function () { playButton.textContent = "Play"; update(); });
  audio.addEventListener("seeked", update);
  audio.addEventListener("timeupdate", function () { if (audio.paused) update(); });

  playButton.addEventListener("click", toggle);
  byId("prev-cue").addEventListener("click", function () { moveCue(-1, false); });
  byId("next-cue").addEventListener("click", function () { moveCue(1, false); });
  byId("rate").addEventListener("change", function (e) { audio.playbackRate = Number(e.target.value); });

  byId("transcript").addEventListener("click", function (e) {
    const w = e.target.closest(".w");
    if (w && indexOf.has(w)) {
      const i = indexOf.get(w);
      setFocusWord(i, false);
      seek(wordStart[i], false);
      return;
    }
    const time = e.target.closest("a.time");
    if (time) {
      e.preventDefault();
      seek(Number(time.dataset.ms), false);
    }
  });

  // Jumps from the list of things to look at also move the recording there.
  document.querySelector(".flags").addEventListener("click", function (e) {
    const link = e.target.closest("a[data-ms]");
    if (link) seek(Number(link.dataset.ms), false);
  });

  const strip = byId("strip");
  if (strip) {
    strip.addEventListener("click", function (e) {
      const box = strip.getBoundingClientRect();
      seek(Math.round(data.duration * (e.clientX - box.left) / box.width), false);
    });
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const target = e.target instanceof Element ? e.target : document.body;
    // The player's own controls and the speed list keep their keys; a button keeps Space.
    if (target.closest("audio, select, input, textarea")) return;
    const inTranscript = Boolean(target.closest("#transcript"));
    if (e.key === " ") {
      if (target.closest("button")) return;
      e.preventDefault();
      toggle();
    } else if (e.key === "Enter" && indexOf.has(target)) {
      e.preventDefault();
      setFocusWord(indexOf.get(target), false);
      seek(wordStart[indexOf.get(target)], false);
    } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      const step = e.key === "ArrowRight" ? 1 : -1;
      if (e.shiftKey) moveWord(step, inTranscript); else moveCue(step, inTranscript);
    }
  });

  // The caption track: the browser reads the caption file itself. A page opened from disk may
  // not be allowed to (Chrome asks for --allow-file-access-from-files); the same text, kept in
  // the page, is then given to it directly.
  function trackLoaded(track) {
    track.mode = "hidden";
    trackCues = Array.from(track.cues || []);
    update();
    showCue(currentCue, true);
  }
  const track = trackElement.track;
  track.mode = "hidden";
  if (trackElement.readyState === 2) trackLoaded(track);
  trackElement.addEventListener("load", function () { trackLoaded(track); });
  trackElement.addEventListener("error", function () {
    const note = byId("track-note");
    note.hidden = false;
    note.textContent = "This browser would not read " + data.vttName + " from disk; the captions come from the " +
      "same text kept in the page.";
    const copy = document.createElement("track");
    copy.kind = "captions";
    copy.srclang = trackElement.srclang;
    copy.label = "Captions";
    copy.src = URL.createObjectURL(new Blob([data.vtt], { type: "text/vtt" }));
    copy.addEventListener("load", function () { trackLoaded(copy.track); });
    audio.appendChild(copy);
    copy.track.mode = "hidden";
  });
  update();
})();

"""Writing the preview folder: the page, its captions and the recording beside them."""

from __future__ import annotations

import enum
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from align.check import check_captions
from align.errors import CannotWriteError, Diagnostic, InputError
from align.outputs import check_targets, commit, discard, make_folder, temp_path
from align.pipeline import Captions
from align.preview.flags import Flag, collect_flags
from align.preview.page import render_page
from align.preview.source import from_captions
from align.readers.captionfile import CaptionFormat, parse_caption_text

# What browsers play in an <audio> element without plug-ins.
BROWSER_AUDIO = frozenset({".mp3", ".m4a", ".aac", ".wav", ".ogg", ".oga", ".opus", ".flac", ".webm", ".mp4"})


class AudioPlacement(enum.Enum):
    LINKED = "hard link"  # the same file under a second name: no space taken, moves with the folder
    COPIED = "copy"  # another file system, or links not allowed
    IN_PLACE = "in place"  # the recording is already in the folder


@dataclass(frozen=True, slots=True)
class PreviewReport:
    page: Path
    captions: Path
    audio: Path
    placement: AudioPlacement
    flags: tuple[Flag, ...]
    diagnostics: tuple[Diagnostic, ...]


def write_preview(captions: Captions, audio: Path | str, out_dir: Path, *, force: bool = False) -> PreviewReport:
    """Write ``<name>.html``, ``<name>.vtt`` and the recording into ``out_dir``.

    The folder needs nothing else and works from disk: the page carries its style and
    script, and the recording is a hard link to the original (a copy on another file
    system), so the folder can be moved, zipped or sent as it is. Nothing that exists
    is replaced unless ``force``; the page is written last, once what it plays is there.
    """
    audio = Path(audio)
    if not audio.is_file():
        raise InputError(audio, "no such file; check the path")
    episode = from_captions(captions)
    source = captions.timed.source
    stem = source.stem
    page, vtt = out_dir / f"{stem}.html", out_dir / f"{stem}.vtt"
    placed = out_dir / audio.name
    in_place = placed.exists() and placed.resolve() == audio.resolve()
    targets = [page, vtt] if in_place else [page, vtt, placed]
    if len({t.name for t in targets}) < len(targets):
        raise InputError(audio, "its name is the preview's own; rename the recording or the transcript")
    check_targets(targets, [source, audio], force=force)
    check = check_captions(parse_caption_text(episode.vtt, CaptionFormat.VTT, str(vtt)), captions.profile)
    flags = tuple(collect_flags(episode, check))
    html = render_page(episode, flags, audio.name, vtt.name)
    make_folder(out_dir)
    finished: list[tuple[Path, Path]] = []
    placement = AudioPlacement.IN_PLACE
    if not in_place:
        tmp, placement = _place(audio, placed)
        finished.append((tmp, placed))
    # the recording and the captions before the page that plays them, all or nothing
    commit(finished, [(vtt, episode.vtt), (page, html)], protect=(source, audio), force=force)
    diags: tuple[Diagnostic, ...] = ()
    if audio.suffix.lower() not in BROWSER_AUDIO:
        diags = (Diagnostic(str(audio), None, f"browsers may not play {audio.suffix or 'this'} audio; "
                                              "the preview is best made with an mp3, m4a, ogg, flac or wav file"),)
    return PreviewReport(page, vtt, placed, placement, flags, diags)


def _place(audio: Path, target: Path) -> tuple[Path, AudioPlacement]:
    """The recording in a temporary file beside ``target``: a hard link where possible, else a copy."""
    tmp = temp_path(target)
    audio = audio.resolve()  # a link to a symlink would dangle once the folder moves
    try:
        os.link(audio, tmp)
        return tmp, AudioPlacement.LINKED
    except OSError:
        pass
    try:
        shutil.copyfile(audio, tmp)
    except OSError as exc:
        discard(tmp)
        raise CannotWriteError(target, exc.strerror or str(exc)) from exc
    return tmp, AudioPlacement.COPIED

"""align: captions, alignment and clips from timestamped interview transcripts.

    >>> from align import make_captions, write_captions
    >>> captions = make_captions("episode.txt")                    # doctest: +SKIP
    >>> write_captions(captions, Path("out"), ["srt", "vtt"])      # doctest: +SKIP

The stages, each a package: ``readers`` (a file → ``Transcript``), ``timing``
(→ ``Timed``), ``cues`` (→ ``Cue``s), ``writers`` (→ files). ``jobs`` holds one
function a command; ``clips``, ``quote`` and ``audio`` cut the recording.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from align.cues import PROFILES, LabelMode, Profile, get_profile
    from align.errors import AlignError, Diagnostic, InputError, OutputError
    from align.model import Cue, Speaker, Turn, Word
    from align.pipeline import Captions, cut_captions, make_captions, read_and_time
    from align.readers import Transcript, read_transcript
    from align.timing import Timed, time_transcript
    from align.writers import WRITERS, write_captions

__version__ = "0.1.0"

# what each name is imported from, when it is first used: a process that needs one
# stage (an aligner's worker) does not load every other
_FROM = {
    "PROFILES": "align.cues",
    "LabelMode": "align.cues",
    "Profile": "align.cues",
    "get_profile": "align.cues",
    "AlignError": "align.errors",
    "Diagnostic": "align.errors",
    "InputError": "align.errors",
    "OutputError": "align.errors",
    "Cue": "align.model",
    "Speaker": "align.model",
    "Turn": "align.model",
    "Word": "align.model",
    "Captions": "align.pipeline",
    "cut_captions": "align.pipeline",
    "make_captions": "align.pipeline",
    "read_and_time": "align.pipeline",
    "Transcript": "align.readers",
    "read_transcript": "align.readers",
    "Timed": "align.timing",
    "time_transcript": "align.timing",
    "WRITERS": "align.writers",
    "write_captions": "align.writers",
}

__all__ = [
    "PROFILES",
    "WRITERS",
    "AlignError",
    "Captions",
    "Cue",
    "Diagnostic",
    "InputError",
    "LabelMode",
    "OutputError",
    "Profile",
    "Speaker",
    "Timed",
    "Transcript",
    "Turn",
    "Word",
    "__version__",
    "cut_captions",
    "get_profile",
    "make_captions",
    "read_and_time",
    "read_transcript",
    "time_transcript",
    "write_captions",
]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module 'align' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

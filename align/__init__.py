"""align: captions, alignment and clips from timestamped interview transcripts.

    >>> from align import make_captions, write_captions
    >>> captions = make_captions("episode.txt")                    # doctest: +SKIP
    >>> write_captions(captions, Path("out"), ["srt", "vtt"])      # doctest: +SKIP

The stages, each a package: ``readers`` (a file → ``Transcript``), ``timing``
(→ ``Timed``), ``cues`` (→ ``Cue``s), ``writers`` (→ files). ``jobs`` holds one
function a command; ``clips``, ``quote`` and ``audio`` cut the recording.
"""

from align.cues import PROFILES, LabelMode, Profile, get_profile
from align.errors import AlignError, Diagnostic, InputError, OutputError
from align.model import Cue, Speaker, Turn, Word
from align.pipeline import Captions, cut_captions, make_captions, read_and_time
from align.readers import Transcript, read_transcript
from align.timing import Timed, time_transcript
from align.writers import WRITERS, write_captions

__version__ = "0.1.0"

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

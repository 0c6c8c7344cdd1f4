"""align: captions, alignment and clips from timestamped interview transcripts.

    >>> from align import make_captions, write_captions
    >>> captions = make_captions("episode.txt")          # doctest: +SKIP
    >>> write_captions(captions, Path("out"))             # doctest: +SKIP
"""

from align.errors import AlignError, Diagnostic, InputError, OutputError
from align.model import Cue, Speaker, Turn, Word
from align.pipeline import Captions, Format, make_captions, to_document, write_captions
from align.profiles import PROFILES, Profile, get_profile
from align.writers import LabelMode

__version__ = "0.1.0"

__all__ = [
    "PROFILES",
    "AlignError",
    "Captions",
    "Cue",
    "Diagnostic",
    "Format",
    "InputError",
    "LabelMode",
    "OutputError",
    "Profile",
    "Speaker",
    "Turn",
    "Word",
    "__version__",
    "get_profile",
    "make_captions",
    "to_document",
    "write_captions",
]

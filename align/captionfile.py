"""Caption files are read in ``align.readers.captionfile``; this name stays for code that
imports them from here."""

from align.readers.captionfile import (
    CaptionCue,
    CaptionFile,
    CaptionFormat,
    Syntax,
    SyntaxProblem,
    parse_caption_text,
    read_caption_file,
)

__all__ = ["CaptionCue", "CaptionFile", "CaptionFormat", "Syntax", "SyntaxProblem", "parse_caption_text",
           "read_caption_file"]

"""align.errors: one-line messages that say where and what, with the data to build a hint."""

from __future__ import annotations

import os
from pathlib import Path

from align.errors import (
    AlignError,
    CannotWriteError,
    Diagnostic,
    FolderBusyError,
    InputError,
    InputOverwriteError,
    OptionError,
    OutputError,
    SpeakerError,
    TargetExistsError,
    shown,
)


def test_input_errors_name_the_file_and_the_line() -> None:
    err = InputError("ep.txt", "malformed marker", 12)
    assert str(err) == "ep.txt:12: malformed marker" and (err.path, err.line, err.detail) == (
        Path("ep.txt"), 12, "malformed marker")
    assert str(InputError(Path("ep.txt"), "no such file")) == "ep.txt: no such file"


def test_output_errors_and_their_data() -> None:
    assert str(TargetExistsError("o/a.srt")) == "o/a.srt: already exists"
    assert str(InputOverwriteError("a.txt")) == "a.txt: would overwrite an input"
    assert str(FolderBusyError("o")) == (
        "o: another align run is writing into this folder; wait for it or write elsewhere")
    err = CannotWriteError("o/a.srt", "Permission denied")
    assert str(err) == "o/a.srt: cannot write it (Permission denied)" and err.reason == "Permission denied"
    assert str(CannotWriteError("o", "read-only", folder=True)) == "o: cannot write there (read-only)"
    assert all(isinstance(e, OutputError | AlignError) for e in (err, TargetExistsError("x")))


def test_speaker_and_option_errors_carry_what_the_command_line_needs() -> None:
    err = SpeakerError("XX", ["CL", "SM"], "ep.txt", renaming=True)
    assert str(err) == "no speaker 'XX' in ep.txt; the speakers are CL, SM"
    assert (err.wanted, err.known, err.renaming) == ("XX", ("CL", "SM"), True)
    assert str(SpeakerError("XX", ["CL"])) == "no speaker 'XX'; the speakers are CL"
    option = OptionError("fade_ms", "a fade needs re-encoding")
    assert (option.option, str(option)) == ("fade_ms", "a fade needs re-encoding")


def test_a_path_that_is_not_utf8_is_shown_not_raised() -> None:
    raw = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 name, as the file system hands it over
    assert shown(raw) == "caf\ufffd.txt"
    assert str(InputError(raw, "no such file")) == "caf\ufffd.txt: no such file"
    assert str(Diagnostic(raw, None, "odd")) == "caf\ufffd.txt: odd"


def test_a_diagnostic_reads_like_an_error() -> None:
    d = Diagnostic("ep.txt", 3, "speaker 'SF' was never introduced", rename=("SF", "SM"))
    assert str(d) == "ep.txt:3: speaker 'SF' was never introduced" and d.rename == ("SF", "SM")

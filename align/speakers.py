"""Resolving speaker labels to people: full names first, initials later, user mappings."""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Mapping, Sequence

from align.errors import Diagnostic, OptionError, SpeakerError
from align.model import Speaker
from align.readers import RawTurn
from align.text import initials, one_line


def _is_full_name(label: str) -> bool:
    return len(label.split()) > 1


def _looks_like_initials(label: str) -> bool:
    return 2 <= len(label) <= 4 and label.isalpha() and label.isupper()


def _display(label: str) -> str:
    # A role written in capitals ("ANNOUNCER") reads better as "Announcer";
    # initials ("SF") stay as written.
    if label.isupper() and len(label) > 4:
        return label.title()
    return label


def resolve_speakers(
    turns: Sequence[RawTurn], path: str, mapping: Mapping[str, str] | None = None
) -> tuple[dict[str, Speaker], list[Diagnostic]]:
    """Map every label in ``turns`` to a Speaker.

    A label of two or more words is a full name; its initials, used later in
    the file, name the same person. A short all-capitals label that matches
    no full name is reported with the nearest known initials as a suggestion.
    ``mapping`` (``{"SF": "SM"}``, ``{"HOST": "Jane Doe"}``) renames or merges labels first.
    """
    written = list(dict.fromkeys(t.label for t in turns))
    # A label is a name: one line, single spaces, whatever spaces the transcript wrote in it
    # ("Ann\u00a0Lee" is Ann Lee); "Ann Lee" in ``mapping`` names it either way.
    named = {label: one_line(label) for label in written}
    labels = list(dict.fromkeys(named.values()))
    renames: dict[str, str] = {}
    for old, new in (mapping or {}).items():
        if old not in named and one_line(old) not in labels:
            raise SpeakerError(old, written, path, renaming=True)
        renames[named.get(old, one_line(old))] = one_line(new)
    mapping = renames
    for old, new in mapping.items():
        if not new:
            raise OptionError("speaker_map", f"the new name for '{old}' is empty")
    full_names = [lbl for lbl in labels if _is_full_name(lbl)]
    for new in mapping.values():
        if _is_full_name(new) and new not in full_names:
            full_names.append(new)
    by_initials: dict[str, list[str]] = {}
    for name in full_names:
        by_initials.setdefault(initials(name), []).append(name)
    people: dict[str, Speaker] = {}
    for key, names in by_initials.items():
        if len(names) == 1:
            people[key] = Speaker(key, names[0])
            people[names[0]] = people[key]
        else:
            for name in names:  # two people share initials: keep each full name as its own key
                people[name] = Speaker(name, name)

    diags: list[Diagnostic] = []

    def lookup(label: str) -> Speaker:
        if label in people:
            return people[label]
        firsts = [n for n in full_names if n.split()[0] == label]
        if len(firsts) == 1:  # "Connor" after "Connor Leahy"
            return people[firsts[0]]
        speaker = Speaker(label, _display(label))
        people[label] = speaker
        return speaker

    result: dict[str, Speaker] = {}
    for label in labels:
        target = mapping.get(label, label)
        speaker = lookup(target)
        if target != label and speaker.key == target and not _is_full_name(target) and target not in labels:
            speaker = Speaker(label, target)  # a new display name for this label
        result[label] = speaker
    # Looked up once, not a scan of the file a label (thousands of labels took minutes).
    first_line: dict[str, int] = {}
    for t in turns:
        first_line.setdefault(named[t.label], t.line)
    # initials two people share name neither: they cannot be a suggestion
    known_initials = sorted(k for k, names in by_initials.items() if len(names) == 1)
    ordered = sorted(labels)
    for label in labels:
        if label in mapping or label in full_names or result[label].name != label:
            continue
        line = first_line[label]
        if _looks_like_initials(label):
            shared = by_initials.get(label, [])
            nearest = difflib.get_close_matches(label, known_initials, n=1, cutoff=0.4)
            if len(shared) > 1:
                message = (f"speaker '{label}' was never introduced; {', '.join(shared[:-1])} and {shared[-1]} "
                           "share these initials")
                diags.append(Diagnostic(path, line, message, rename=(label, None)))
            elif nearest:
                guess = nearest[0]
                message = f"speaker '{label}' was never introduced; did you mean '{guess}' ({by_initials[guess][0]})?"
                diags.append(Diagnostic(path, line, message, rename=(label, guess)))
            else:
                message = f"speaker '{label}' was never introduced"
                diags.append(Diagnostic(path, line, message, rename=(label, None)))
        elif _caseless(label):
            # In scripts without capitals a name is shortened by its first characters (王 for 王伟).
            longer = _extending(ordered, label)
            if len(longer) == 1:
                message = f"speaker '{label}' was never introduced; did you mean '{longer[0]}'?"
                diags.append(Diagnostic(path, line, message, rename=(label, longer[0])))
    return {label: result[named[label]] for label in written}, diags


def _extending(ordered: Sequence[str], label: str) -> list[str]:
    """The labels in ``ordered`` (sorted) that start with ``label`` and are longer; two at most."""
    out: list[str] = []
    k = bisect.bisect_right(ordered, label)
    while k < len(ordered) and ordered[k].startswith(label) and len(out) < 2:
        out.append(ordered[k])
        k += 1
    return out


def _caseless(label: str) -> bool:
    """Written in a script without capitals (Chinese, Arabic, Hebrew...)."""
    letters = [c for c in label if not c.isspace()]
    return bool(letters) and all(c.isalpha() and not c.isupper() and not c.islower() for c in letters)

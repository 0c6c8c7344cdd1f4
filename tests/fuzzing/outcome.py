"""What the oracles say about a case: findings, each in a category, and whether align refused it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

CATEGORIES = ("exception", "words", "readers", "other")


@dataclass(frozen=True, slots=True)
class Finding:
    category: str  # one of CATEGORIES
    kind: str  # short and stable, for counting
    detail: str  # exactly what

    def __str__(self) -> str:
        return f"[{self.category}] {self.kind}: {self.detail}"


@dataclass(slots=True)
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    rejected: str | None = None  # the kind of AlignError the input was refused with
    error: str | None = None  # its message

    def add(self, category: str, kind: str, detail: str) -> None:
        self.findings.append(Finding(category, kind, detail))


def difference(expected: Sequence[object], actual: Sequence[object]) -> str:
    """Where two sequences first differ, with a little context."""
    k = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
             min(len(expected), len(actual)))
    return (f"{len(expected)} expected, {len(actual)} found; first difference at {k}: "
            f"expected {list(expected[max(0, k - 2):k + 3])!r}, found {list(actual[max(0, k - 2):k + 3])!r}")

"""Problems found in the input, reported together as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return _one_line(f"{self.path}:{self.line}: {self.message}")


def _one_line(text: str) -> str:
    """Escape newlines and other invisible characters (a key or file name may hold any).

    Every problem must stay on one `path:line: message` line, readable by people and
    by editors that jump to `path:line`.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class GuideError(Exception):
    """The input is invalid: carries every problem found, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildLocked(Exception):
    """Another build holds the output folder."""

"""Which guide a command works on: `--guide DIR`, else the nearest folder holding mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

CONFIG_FILE = "mkdocs.yml"


def find(start: Path | None = None) -> Path:
    """The nearest folder from `start` (default: the current one) upward that holds mkdocs.yml;
    `start` itself when none does (a command then reports what is missing there)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return here

"""Throwaway MkDocs projects for the benchmark: the tests' `make_project`, plus `make` support.

`make_project` comes from tests/helpers.py (no pytest import there), so the benchmark builds
exactly the project the tests build. Nothing here writes into the repository: every
project lives in a folder the caller gives.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import make_project, mkdocs_env  # noqa: E402

__all__ = ["ROOT", "add_make", "make_project", "mkdocs_env"]


def add_make(project: Path, mkdocs_wrapper: Path | None = None) -> None:
    """Make `make site` runnable in `project` without touching the repository's .venv.

    The Makefile expects `.venv/bin/…` and install stamps; a stand-in `.venv` whose
    `bin/` links to the real executables and whose stamps are already up to date means make
    never runs pip or npm (builds use the real environment's search engine). With
    `mkdocs_wrapper` (bench/nopdf.py), `.venv/bin/mkdocs` runs that instead.
    """
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    shutil.copy(ROOT / "requirements.txt", project / "requirements.txt")
    shutil.copy(ROOT / "requirements-dev.txt", project / "requirements-dev.txt")
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")  # the install stamp depends on it too
    bin_dir = project / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    real_bin = Path(sys.executable).parent
    (bin_dir / "python").symlink_to(real_bin / "python")
    if mkdocs_wrapper is None:
        (bin_dir / "mkdocs").symlink_to(real_bin / "mkdocs")
    else:
        script = bin_dir / "mkdocs"
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{mkdocs_wrapper}" "$@"\n')
        script.chmod(0o755)
    engine_lock = Path("scripts/studyguide/engine/package-lock.json")
    # The pinned lock, and its installed copy: with either missing, make would run the installer,
    # whose environment (the stand-in's python is the real one) is the repository's .venv.
    for copy in (engine_lock, Path(".venv/npm/package-lock.json")):
        (project / copy.parent).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / engine_lock, project / copy)
    for stamp, pinned in (("installed", "requirements.txt"), ("engine", engine_lock)):
        cksum = subprocess.run(f"cat {pinned} | cksum", shell=True, cwd=project, capture_output=True, text=True, check=True)
        (project / ".venv" / f".{stamp}-{cksum.stdout.split()[0]}").touch()

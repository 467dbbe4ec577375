"""The generated docs/ must build under Zensical too: Markdown on disk outlives MkDocs.

Zensical reads mkdocs.yml but runs no hooks, so the generator is run first as a command,
exactly as a project moving off MkDocs would do.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, SCRIPTS, make_project

pytestmark = pytest.mark.slow


def test_zensical_builds_the_generated_docs(tmp_path: Path) -> None:
    zensical = shutil.which("zensical") or str(Path(sys.executable).parent / "zensical")
    if not Path(zensical).exists():
        pytest.skip(
            "zensical is not installed: `pip install zensical` (its zensical-ui dependency is missing "
            "from this machine's package index, so requirements.txt cannot pin it yet)"
        )
    project = make_project(tmp_path, ROOT / "questions")
    generated = subprocess.run(
        [
            sys.executable,
            str(SCRIPTS / "build_pages.py"),
            "--questions",
            str(project / "questions"),
            "--docs",
            str(project / "docs"),
        ],
        capture_output=True,
        text=True,
    )
    assert generated.returncode == 0, generated.stderr
    built = subprocess.run([zensical, "build"], cwd=project, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "site" / "questions" / "overfitting" / "index.html").is_file()

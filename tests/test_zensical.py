"""The generated docs/ builds under Zensical too: Markdown on disk outlives MkDocs.

Zensical reads mkdocs.yml but runs no plugins or hooks, so `studyguide generate` writes the
pages and the assets first, exactly as a guide moving off MkDocs would do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, make_project

pytestmark = pytest.mark.slow


def test_zensical_builds_every_question_with_its_answer_and_math(tmp_path: Path) -> None:
    zensical = shutil.which("zensical") or str(Path(sys.executable).parent / "zensical")
    if not Path(zensical).exists():
        pytest.skip("zensical is not installed: pip install -r requirements-dev.txt")
    project = make_project(tmp_path, FIXTURES / "mini")
    generated = subprocess.run(
        [sys.executable, "-m", "studyguide", "generate", "--guide", str(project)], capture_output=True, text=True
    )
    assert generated.returncode == 0, generated.stderr
    built = subprocess.run([zensical, "build"], cwd=project, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    site = project / "site"
    for question in sorted((FIXTURES / "mini").glob("[!_]*.yml")):
        page = site / "questions" / question.stem / "index.html"
        assert page.is_file(), page
        assert "Short answer" in page.read_text(encoding="utf-8"), page
    overfitting = (site / "questions" / "overfitting" / "index.html").read_text(encoding="utf-8")
    assert "low training error and high test error" in overfitting  # the full answer
    # The display formula, typeset at build time by the studyguide.mathext extension mkdocs.yml lists.
    assert re.search(r'<div class="arithmatex"><span class="katex-display">', overfitting)
    assert (site / "assets" / "studyguide" / "vendor" / "katex" / "katex.min.css").is_file()
    assert "katex.min.js" not in overfitting and "math.js" not in overfitting

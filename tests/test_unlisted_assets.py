"""`studyguide generate` names what a guide's mkdocs.yml must list for a renderer without plugins (issue 19's split stylesheet)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import FIXTURES, make_project


def test_generate_names_each_asset_an_older_mkdocs_yml_does_not_list(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "mini")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - assets/studyguide/css/study-pages.css\n", ""), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "studyguide", "generate", "--guide", str(project)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr  # a warning: the pages are written
    line = next(n for n, row in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if row.startswith("extra_css:"))
    assert f"mkdocs.yml:{line}: extra_css lacks assets/studyguide/css/study-pages.css: add it" in done.stderr
    assert (project / "docs" / "assets" / "studyguide" / "css" / "study-pages.css").is_file()


def test_generate_is_quiet_when_mkdocs_yml_lists_everything(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "mini")
    done = subprocess.run(
        [sys.executable, "-m", "studyguide", "generate", "--guide", str(project)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "lacks" not in done.stderr

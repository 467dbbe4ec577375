"""Helpers shared by the tests: repository paths and throwaway MkDocs projects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(SCRIPTS))

from studyguide.render import GENERATED_MARK  # noqa: E402  (after the path it is found on)

ADDRESS_VARIABLES = ("SITE_URL", "REPO_URL", "REPO_BRANCH")
"""Set by the Pages workflow; a test build sees only the ones it passes itself."""


def mkdocs_env(**addresses: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in ADDRESS_VARIABLES}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(addresses)
    return env


def make_project(tmp: Path, questions: Path) -> Path:
    """A throwaway project: this repo's mkdocs.yml and hand-written pages, with `questions` as its question folder.

    The generator is the installed package (`pip install -e .`, done by `make`): its plugin
    serves the stylesheets and scripts, so the project needs nothing else.
    """
    project = tmp / "project"
    (project / "docs").mkdir(parents=True)
    shutil.copytree(questions, project / "questions")
    for page in (ROOT / "docs").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        if GENERATED_MARK not in text[:400]:
            shutil.copy(page, project / "docs" / page.name)
    for schema in (ROOT / "questions").glob("_*.json"):
        if not (project / "questions" / schema.name).exists():
            shutil.copy(schema, project / "questions" / schema.name)
    shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")  # included by docs/contributing.md
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def mkdocs_build(project: Path, site_dir: Path, **addresses: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project`, under the usual umask 022, with only the given addresses set."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=mkdocs_env(**addresses),
        umask=0o022,
        capture_output=True,
        text=True,
        timeout=600,
    )


def file_tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative POSIX path → bytes): compare two builds with ==."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

"""A new author's whole path, in a fresh virtualenv: install the generator, start a guide, build it.

`pip install` this repository, `studyguide init` a guide on another subject, `studyguide new`
two questions and fill them in, then `mkdocs build --strict` and `studyguide generate &&
zensical build`. Nothing of this repository's own guide may show up: no page, PDF text,
deck note or file name mentions its subject, and the deck and PDF carry the new title.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, deck_text
from pypdf import PdfReader

pytestmark = pytest.mark.slow

TITLE = "Distributed Systems Study Guide"
FOREIGN = re.compile(r"machine.learning|interview|\bML\b|ml-interview", re.IGNORECASE)
QUESTIONS = {
    "What is a consensus protocol?": (
        "A consensus protocol lets a set of machines agree on one value even when some of them fail.",
        "Raft elects a leader that orders every write; a value is committed once a majority $\\lfloor n/2 \\rfloor + 1$ "
        "of the $n$ servers has stored it.",
    ),
    "Why is exactly-once delivery hard?": (
        "A sender cannot tell a lost message from a lost acknowledgement, so it must resend and the receiver must deduplicate.",
        "Delivery is at least once on the wire; *processing* becomes effectively once with idempotent handlers "
        "or a deduplication table keyed by message id.",
    ),
}


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result


def _fill(path: Path, summary: str, answer: str) -> None:
    """Replace the scaffold's TODO text as an author would."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^summary:.*?(?=^\w)", lambda _: f"summary: >-\n  {summary}\n", text)
    text = re.sub(r"(?ms)^answer:.*?(?=^\w)", lambda _: f"answer: |\n  {answer}\n", text)
    text = re.sub(r"(?m)^(\s*-\s*)TODO.*$", r"\1Worth remembering.", text)
    text = text.replace("question: TODO", "question: What comes next?")
    text = re.sub(r"(?m)^(\s+)TODO$", r"\1The short model answer.", text)
    text = re.sub(r"(?m)^(\s*#.*)TODO", r"\1", text)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def new_guide(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("new-guide")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL", "REPO_BRANCH", "PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"PATH": f"{bin_dir}:/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    # From a copy: setuptools builds inside the source folder (build/, *.egg-info), which must stay clean.
    source = tmp / "generator"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "scripts" / "studyguide", source / "scripts" / "studyguide", ignore=shutil.ignore_patterns("__pycache__")
    )
    _run([str(bin_dir / "pip"), "install", "--quiet", "--disable-pip-version-check", str(source)], tmp, env)
    started = time.perf_counter()
    _run([str(bin_dir / "studyguide"), "init", "my-guide", "--title", TITLE], tmp, env)
    guide = tmp / "my-guide"
    for title, (summary, answer) in QUESTIONS.items():
        created = _run([str(bin_dir / "studyguide"), "new", title, "--topic", "getting-started"], guide, env)
        path = Path(re.search(r"Created (\S+\.yml)", created.stdout).group(1))
        _fill(path if path.is_absolute() else guide / path, summary, answer)
    _run([str(bin_dir / "studyguide"), "check"], guide, env)
    _run([str(bin_dir / "mkdocs"), "build", "--strict"], guide, env)
    seconds = time.perf_counter() - started
    return {"guide": guide, "site": guide / "site", "bin": bin_dir, "env": env, "seconds": seconds}


def test_a_new_guide_builds_with_flashcards_deck_and_cheat_sheet(new_guide: dict[str, object]) -> None:
    site: Path = new_guide["site"]  # type: ignore[assignment]
    print(f"init → built site: {new_guide['seconds']:.1f} s")
    assert (site / "flashcards" / "index.html").is_file()
    assert (site / "downloads" / "cheatsheet.pdf").is_file()
    assert (site / "downloads" / "distributed-systems-study-guide.apkg").is_file()
    assert (site / "assets" / "studyguide" / "js" / "flashcards.js").is_file()  # served from the installed package
    page = (site / "questions" / "what-is-a-consensus-protocol" / "index.html").read_text(encoding="utf-8")
    assert "Raft elects a leader" in page


def test_nothing_of_another_guide_shows(new_guide: dict[str, object]) -> None:
    site: Path = new_guide["site"]  # type: ignore[assignment]
    found = []
    for path in sorted(site.rglob("*")):
        if FOREIGN.search(path.relative_to(site).as_posix()):
            found.append(f"file name {path.relative_to(site)}")
        if path.suffix in {".html", ".json", ".xml", ".md", ".txt"} and (
            match := FOREIGN.search(path.read_text(encoding="utf-8"))
        ):
            found.append(f"{path.relative_to(site)}: {match.group(0)!r}")
    reader = PdfReader(io.BytesIO((site / "downloads" / "cheatsheet.pdf").read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    found += [f"PDF text: {m!r}" for m in FOREIGN.findall(text)]
    assert reader.metadata.title.startswith(TITLE)
    assert TITLE in text
    notes = deck_text(site / "downloads" / "distributed-systems-study-guide.apkg", site.parent)
    found += [f"deck: {m!r}" for m in FOREIGN.findall(notes)]
    assert TITLE in notes
    assert found == []


def test_the_new_guide_builds_under_zensical_too(new_guide: dict[str, object]) -> None:
    guide: Path = new_guide["guide"]  # type: ignore[assignment]
    bin_dir: Path = new_guide["bin"]  # type: ignore[assignment]
    env: dict[str, str] = new_guide["env"]  # type: ignore[assignment]
    zensical = Path(sys.executable).parent / "zensical"
    if not zensical.exists():
        pytest.skip("zensical is not installed: pip install -r requirements-dev.txt")
    _run([str(bin_dir / "studyguide"), "generate"], guide, env)
    _run([str(zensical), "build", "--clean"], guide, env)
    page = (guide / "site" / "questions" / "what-is-a-consensus-protocol" / "index.html").read_text(encoding="utf-8")
    assert "Raft elects a leader" in page and "arithmatex" in page


def test_init_refuses_a_folder_that_is_not_empty(new_guide: dict[str, object]) -> None:
    guide: Path = new_guide["guide"]  # type: ignore[assignment]
    bin_dir: Path = new_guide["bin"]  # type: ignore[assignment]
    result = subprocess.run(
        [str(bin_dir / "studyguide"), "init", str(guide), "--title", "Another"],
        capture_output=True,
        text=True,
        env=new_guide["env"],
    )
    assert result.returncode == 1 and "not an empty folder" in result.stderr
    assert "Traceback" not in result.stderr

"""The generator's output contract: deterministic, minimal writes, owns only its files, all or nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, SCRIPTS, file_tree
from studyguide.errors import GuideError
from studyguide.pipeline import generate


@pytest.fixture
def qdir(tmp_path: Path) -> Path:
    target = tmp_path / "questions"
    shutil.copytree(FIXTURES / "mini", target)
    return target


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPTS / "build_pages.py"), *args], capture_output=True, text=True, timeout=120)


def test_same_input_gives_byte_identical_pages(qdir: Path, tmp_path: Path) -> None:
    generate(qdir, tmp_path / "a")
    generate(qdir, tmp_path / "b")
    assert file_tree(tmp_path / "a") == file_tree(tmp_path / "b")


def test_second_run_writes_nothing(qdir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = generate(qdir, docs).report
    assert first is not None and "questions/overfitting.md" in first.written
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    second = generate(qdir, docs).report
    assert second is not None and second.written == [] and second.removed == []
    assert mtimes == {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}


def test_only_the_changed_page_is_rewritten(qdir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generate(qdir, docs)
    path = qdir / "precision-recall.yml"
    path.write_text(path.read_text().replace("F1 is their harmonic mean.", "F1 is the harmonic mean."))
    report = generate(qdir, docs).report
    assert report is not None
    # The page, plus the downloads that show the edited key point (flashcard data, deck, summary PDF).
    pages = [path for path in report.written if not path.startswith("downloads/")]
    assert pages == ["questions/precision-recall.md"]
    assert {"downloads/cards.json", "downloads/study-guide.apkg", "downloads/summary.pdf"} <= set(report.written)


def test_deleted_question_loses_its_page_and_hand_written_pages_stay(qdir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "questions").mkdir(parents=True)
    (docs / "about.md").write_text("# About\n\nWritten by hand.\n")
    generate(qdir, docs)
    (qdir / "precision-recall.yml").unlink()
    (qdir / "roc-auc.yml").write_text((qdir / "roc-auc.yml").read_text().replace("related: [precision-recall]", "related: []"))
    report = generate(qdir, docs).report
    assert report is not None and "questions/precision-recall.md" in report.removed
    assert not (docs / "questions" / "precision-recall.md").exists()
    assert (docs / "about.md").read_text() == "# About\n\nWritten by hand.\n"


def test_an_authors_own_page_wins_and_can_include_the_generated_overview(qdir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text('# Welcome\n\n--8<-- "docs/.studyguide/home.md"\n')
    (docs / "glossary.md").write_text("# My own glossary\n")
    generate(qdir, docs)
    assert (docs / "index.md").read_text() == '# Welcome\n\n--8<-- "docs/.studyguide/home.md"\n'
    assert (docs / "glossary.md").read_text() == "# My own glossary\n"
    assert "questions** in **" in (docs / ".studyguide" / "home.md").read_text()  # the overview, ready to include
    assert (docs / "questions" / "overfitting.md").is_file()


def test_hand_written_file_in_the_way_is_an_error_not_overwritten(qdir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "questions").mkdir(parents=True)
    (docs / "flashcards.md").write_text("# My own flashcards\n")
    with pytest.raises(GuideError) as caught:
        generate(qdir, docs)
    assert "hand-written file where the generator writes a page" in str(caught.value)
    assert (docs / "flashcards.md").read_text() == "# My own flashcards\n"
    assert not (docs / "questions" / "overfitting.md").exists()


def test_invalid_input_writes_nothing(qdir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generate(qdir, docs)
    before = file_tree(docs)
    (qdir / "overfitting.yml").write_text((qdir / "overfitting.yml").read_text().replace("beginner", "easy"))
    (qdir / "new.yml").write_text("id: new\n")
    with pytest.raises(GuideError):
        generate(qdir, docs)
    assert file_tree(docs) == before


def test_cli_reports_every_problem_without_traceback(qdir: Path, tmp_path: Path) -> None:
    (qdir / "overfitting.yml").write_text((qdir / "overfitting.yml").read_text().replace("beginner", "easy"))
    (qdir / "new.yml").write_text("id: new\ntitle: New?\n")
    docs = tmp_path / "docs"
    result = run_cli("--questions", str(qdir), "--docs", str(docs))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "5 problem(s) found; nothing was written."
    assert lines[0].startswith(f"{qdir / 'new.yml'}:1: missing required field")
    assert f"{qdir / 'overfitting.yml'}:5: \"difficulty\" is 'easy'" in result.stderr
    assert not docs.exists() or not any(docs.rglob("*.md"))


def test_cli_check_writes_nothing(tmp_path: Path) -> None:
    result = run_cli("--questions", str(ROOT / "questions"), "--docs", str(tmp_path / "docs"), "--check")
    assert result.returncode == 0, result.stderr
    assert "questions valid" in result.stdout
    assert not (tmp_path / "docs").exists()


def test_titles_are_shown_literally(qdir: Path, tmp_path: Path) -> None:
    path = qdir / "overfitting.yml"
    path.write_text(path.read_text().replace("title: What is overfitting?", "title: 'Is <b>x</b> | [y] # *z* $1?'"))
    generate(qdir, tmp_path / "docs")
    page = (tmp_path / "docs" / "questions" / "overfitting.md").read_text()
    assert "# Is &#60;b&#62;x&#60;&#47;b&#62; &#124; &#91;y&#93; &#35; &#42;z&#42; &#36;1&#63;" in page
    assert 'title: "Is &lt;b&gt;x&lt;/b&gt; | [y] # *z* $1?"' in page

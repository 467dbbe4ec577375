"""The build cache makes rebuilds faster, never different.

Every test compares a build that reuses earlier results (`cache_dir`) with one that
reuses nothing, after edits whose effects reach other pages: a renamed question (its
title shows on the pages linking to it), a changed glossary definition (tooltips on
every page), a renamed topic, a changed `related` list (backlinks elsewhere), a removed
question. The cheat-sheet PDF is stubbed: it is not part of the cache and takes seconds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, SCRIPTS, file_tree
from studyguide import buildcache, cheatsheet
from studyguide.pipeline import generate


@pytest.fixture(autouse=True)
def stub_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cheatsheet, "render_cheatsheet", lambda guide, options=None: b"%PDF-1.7\n%stub\n%%EOF\n")


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    target = tmp_path / "questions"
    shutil.copytree(ROOT / "questions", target)
    return target


def replace_line(path: Path, pattern: str, new_line: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, new_line, text, count=1, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} not found in {path.name}"
    path.write_text(changed, encoding="utf-8")


def rename_linked_question(q: Path) -> None:
    # Linked from overfitting's answer ([[bias-variance-tradeoff|...]]), related lists and the glossary.
    replace_line(q / "bias-variance-tradeoff.yml", r"^title: .*$", "title: What is the bias and variance trade-off, really?")


def change_definition(q: Path) -> None:
    path = q / "_glossary.yml"
    text = path.read_text(encoding="utf-8")
    old = "The share of all predictions that are correct."
    assert old in text
    path.write_text(text.replace(old, "The fraction of predictions that are right."), encoding="utf-8")


def rename_topic(q: Path) -> None:
    replace_line(q / "_topics.yml", r"^  title: Foundations$", "  title: Foundations of learning")


def change_related(q: Path) -> None:
    replace_line(q / "overfitting.yml", r"^related: .*$", "related: [regularization, cross-validation]")


ADDED = "overfitting-in-learning-curves"


def add_question(q: Path) -> None:
    # Related to overfitting: that page gains a backlink, its topic page and neighbours a new entry.
    text = (q / "overfitting.yml").read_text(encoding="utf-8")
    text = text.replace("id: overfitting\n", f"id: {ADDED}\n", 1)
    text = re.sub(r"^title: .*$", "title: How do learning curves show overfitting?", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^related: .*$", "related: [overfitting, cross-validation]", text, count=1, flags=re.MULTILINE)
    (q / f"{ADDED}.yml").write_text(text, encoding="utf-8")


def remove_question(q: Path) -> None:
    (q / f"{ADDED}.yml").unlink()


EDITS: list[tuple[str, Callable[[Path], None] | None]] = [
    ("nothing changed", None),
    ("a linked question renamed", rename_linked_question),
    ("a glossary definition changed", change_definition),
    ("a topic renamed", rename_topic),
    ("a related list changed", change_related),
    ("a question added", add_question),
    ("that question removed", remove_question),
]


@pytest.mark.parametrize("between_processes", [False, True], ids=["in-memory (serve)", "from disk (CLI)"])
def test_cached_builds_equal_builds_from_nothing_through_edits(guide: Path, tmp_path: Path, between_processes: bool) -> None:
    cache = tmp_path / "cache"
    for label, edit in EDITS:
        if edit:
            edit(guide)
        if between_processes:
            buildcache._IN_MEMORY.clear()  # as a new process would start: only the pickle file is left
        warm = generate(guide, tmp_path / "warm", cache_dir=cache)
        shutil.rmtree(tmp_path / "cold", ignore_errors=True)
        generate(guide, tmp_path / "cold")
        assert file_tree(tmp_path / "warm") == file_tree(tmp_path / "cold"), f"cached build differs after: {label}"
        assert warm.report is not None
    assert (cache / buildcache.CACHE_FILE).is_file()


def test_a_rebuild_reuses_every_question_page(guide: Path, tmp_path: Path) -> None:
    generate(guide, tmp_path / "docs", cache_dir=tmp_path / "cache")
    buildcache._IN_MEMORY.clear()
    cache = buildcache.BuildCache(tmp_path / "cache")
    count = len(list(guide.glob("[!_]*.yml")))
    # Every file and page of the last build is in the cache: nothing would be parsed or rendered again.
    kinds = [name.split(":", 1)[0] for name in cache._old]
    assert kinds.count("question") == count
    assert kinds.count("question-page") == count
    assert kinds.count("card") == count


def test_an_edit_renders_only_the_pages_it_reaches(guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from studyguide import render

    generate(guide, tmp_path / "docs", cache_dir=tmp_path / "cache")
    rendered: list[str] = []
    original = render.PageRenderer._question_page

    def spy(self: render.PageRenderer, q: object) -> tuple[str, tuple[str, ...]]:
        rendered.append(q.id)  # type: ignore[attr-defined]
        return original(self, q)  # type: ignore[arg-type]

    monkeypatch.setattr(render.PageRenderer, "_question_page", spy)
    path = guide / "overfitting.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("generalization gap", "generalization (train-test) gap"), encoding="utf-8"
    )
    generate(guide, tmp_path / "docs", cache_dir=tmp_path / "cache")
    assert rendered == ["overfitting"]  # its text changed, not its title: no other page shows it


def test_a_damaged_cache_file_is_ignored(guide: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / buildcache.CACHE_FILE).write_bytes(b"\x80\x05 this is not a pickle")
    buildcache._IN_MEMORY.clear()
    generate(guide, tmp_path / "warm", cache_dir=cache)
    generate(guide, tmp_path / "cold")
    assert file_tree(tmp_path / "warm") == file_tree(tmp_path / "cold")
    buildcache._IN_MEMORY.clear()
    assert buildcache.BuildCache(cache)._old, "the damaged file was replaced by a good one"


def test_an_unwritable_cache_folder_only_costs_time(guide: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go")
    result = generate(guide, tmp_path / "docs", cache_dir=blocker)
    assert result.report is not None and "questions/overfitting.md" in result.report.written
    assert blocker.read_text() == "a file where the cache folder would go"


def test_cli_keeps_its_cache_beside_the_questions_and_can_do_without(tmp_path: Path) -> None:
    guide = tmp_path / "questions"
    shutil.copytree(FIXTURES / "mini", guide)  # small: the CLI makes the real PDFs

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(SCRIPTS / "build_pages.py"), "--questions", str(guide), *args],
            capture_output=True,
            text=True,
            timeout=300,
        )

    first = run("--docs", str(tmp_path / "a"))
    assert first.returncode == 0, first.stderr
    assert (tmp_path / ".cache" / "studyguide" / buildcache.CACHE_FILE).is_file()
    second = run("--docs", str(tmp_path / "b"), "--no-cache", "--cache-dir", str(tmp_path / "elsewhere"))
    assert second.returncode == 0, second.stderr
    assert not (tmp_path / "elsewhere").exists()
    assert file_tree(tmp_path / "a") == file_tree(tmp_path / "b")


def test_after_an_edit_the_cache_grows_by_a_log_not_a_rewrite(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studyguide import render

    cache = tmp_path / "cache"
    generate(guide, tmp_path / "docs", cache_dir=cache)
    base = cache / buildcache.CACHE_FILE
    before = base.stat().st_mtime_ns, base.stat().st_size
    path = guide / "overfitting.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("generalization gap", "generalization (train-test) gap"), encoding="utf-8"
    )
    generate(guide, tmp_path / "docs", cache_dir=cache)
    assert (base.stat().st_mtime_ns, base.stat().st_size) == before, "the base file was rewritten for one edit"
    assert 0 < (cache / buildcache.LOG_FILE).stat().st_size < before[1] // 10
    # A new process reads the base and the log: no page needs rendering, the edited one included.
    buildcache._IN_MEMORY.clear()
    rendered: list[str] = []
    original = render.PageRenderer._question_page
    monkeypatch.setattr(render.PageRenderer, "_question_page", lambda self, q: rendered.append(q.id) or original(self, q))
    generate(guide, tmp_path / "docs", cache_dir=cache)
    assert rendered == []


def test_a_log_cut_short_by_a_crash_keeps_what_came_before(guide: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    generate(guide, tmp_path / "docs", cache_dir=cache)
    path = guide / "overfitting.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("generalization gap", "generalization (train-test) gap"), encoding="utf-8"
    )
    generate(guide, tmp_path / "docs", cache_dir=cache)
    log = cache / buildcache.LOG_FILE
    log.write_bytes(log.read_bytes()[:-50])  # the last record loses its end, as after kill -9 mid-write
    buildcache._IN_MEMORY.clear()
    generate(guide, tmp_path / "warm", cache_dir=cache)
    generate(guide, tmp_path / "cold")
    assert file_tree(tmp_path / "warm") == file_tree(tmp_path / "cold")

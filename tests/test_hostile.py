"""Hostile input, second round (issue 22): the mechanisms behind the bad-input corpus.

One slug rule for every name that becomes a path or an anchor; one containment check in
the writer for outputs and manifest entries; a write that fails or is interrupted puts
every page back and says so truthfully; links written so no character can end them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, SCRIPTS
from studyguide import writer
from studyguide.errors import GuideError
from studyguide.glossary import GlossaryMatcher
from studyguide.model import GlossaryEntry
from studyguide.pipeline import generate
from studyguide.text import SLUG_PATTERN
from test_bad_inputs import as_ordinary_user, snapshot


def _patterns(schema: object) -> list[str]:
    if isinstance(schema, dict):
        return [str(v) for k, v in schema.items() if k == "pattern"] + [p for v in schema.values() for p in _patterns(v)]
    if isinstance(schema, list):
        return [p for v in schema for p in _patterns(v)]
    return []


@pytest.mark.parametrize("name", ["_schema.json", "_topics.schema.json", "_glossary.schema.json"])
def test_every_slug_in_the_schemas_is_the_one_slug_rule(name: str) -> None:
    """Question ids, topic ids, tags, related ids and glossary anchors all follow `text.SLUG_PATTERN`."""
    schema = json.loads((ROOT / "questions" / name).read_text(encoding="utf-8"))
    slug_like = [p for p in _patterns(schema) if p.startswith("^[a-z0-9]")]
    assert slug_like and set(slug_like) == {SLUG_PATTERN}


# -- the writer writes and deletes only inside docs/ ----------------------------------------


@pytest.mark.parametrize("rel", ["../index.md", "topics/../../index.md", "/tmp/x.md", "a/./b.md", "a\\..\\b.md", "", "x/"])
def test_writer_refuses_paths_outside_the_docs_folder(tmp_path: Path, rel: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / writer.LOCK).touch()  # made by every build, refused or not
    (tmp_path / "index.md").write_text("hand-written\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(GuideError) as caught:
        writer.write_output(docs, {"index.md": "home\n", rel: "escaped\n"})
    assert [p.message for p in caught.value.problems] == [f'refused to write "{rel}": it lies outside the output folder']
    assert snapshot(tmp_path) == before


def test_writer_refuses_a_folder_that_links_out_of_docs(tmp_path: Path) -> None:
    docs, elsewhere = tmp_path / "docs", tmp_path / "elsewhere"
    docs.mkdir()
    elsewhere.mkdir()
    (docs / "topics").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(GuideError, match="outside the output folder"):
        writer.write_output(docs, {"topics/basics/index.md": "topic\n"})
    assert list(elsewhere.iterdir()) == []


def test_a_manifest_entry_outside_docs_is_never_deleted(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generate(FIXTURES / "mini", docs)
    outside = tmp_path / "notes.md"
    outside.write_text("mine\n", encoding="utf-8")
    manifest = docs / writer.MANIFEST
    manifest.write_text(json.dumps([*json.loads(manifest.read_text()), "../notes.md"], indent=0), encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(GuideError) as caught:
        generate(FIXTURES / "mini", docs)
    (problem,) = caught.value.problems
    assert problem.path == docs / writer.MANIFEST and '"../notes.md"' in problem.message
    assert snapshot(tmp_path) == before
    manifest.unlink()  # the fix the message gives
    generate(FIXTURES / "mini", docs)
    assert outside.read_text(encoding="utf-8") == "mine\n"


# -- failures and interruptions -------------------------------------------------------------


def _changed_guide(tmp: Path) -> Path:
    questions = tmp / "questions"
    shutil.copytree(FIXTURES / "mini", questions)
    path = questions / "overfitting.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("More data helps.", "More data helps a lot."), encoding="utf-8")
    return questions


@pytest.fixture
def open_folder() -> Path:
    """A folder an ordinary user may enter (pytest's own temporary folders are closed to others)."""
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="hostile-"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def test_a_folder_the_build_may_not_write_names_the_file_and_keeps_every_page(open_folder: Path) -> None:
    """Permissions, as an ordinary user (root would write anyway): the message names the page that failed."""
    docs = open_folder / "docs"
    generate(FIXTURES / "mini", docs, options=_no_pdf())
    questions = _changed_guide(open_folder)
    prefix = as_ordinary_user(open_folder) if os.geteuid() == 0 else []
    (docs / "questions").chmod(0o555)
    before = snapshot(open_folder)
    try:
        result = subprocess.run(
            [
                *prefix,
                sys.executable,
                str(SCRIPTS / "build_pages.py"),
                "--questions",
                "questions",
                "--docs",
                "docs",
                "--no-cache",
            ],
            cwd=open_folder,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        (docs / "questions").chmod(0o755)
    lines = result.stderr.splitlines()
    assert result.returncode == 1, result.stderr
    assert lines == [
        "docs/questions/overfitting.md:1: could not write the output: Permission denied; previous pages are intact",
        "1 problem(s) found; nothing was written.",
    ]
    assert questions.is_dir()
    assert snapshot(docs) == {k.removeprefix("docs/"): v for k, v in before.items() if k.startswith("docs/")}


def _no_pdf():  # type: ignore[no-untyped-def]
    from studyguide.render import SiteOptions

    return SiteOptions(preview=True)


_INTERRUPT_AT = """
import os, runpy, sys
at, script = int(sys.argv[1]), sys.argv[2]
calls = 0
real_replace = os.replace
def replace(*args, **kwargs):
    global calls
    calls += 1
    if calls == at:
        raise KeyboardInterrupt
    return real_replace(*args, **kwargs)
os.replace = replace
sys.argv = [script, *sys.argv[3:]]
runpy.run_path(script, run_name="__main__")
"""


def test_ctrl_c_in_the_middle_of_the_write_puts_every_page_back(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generate(FIXTURES / "mini", docs)
    questions = _changed_guide(tmp_path)
    (questions / "regularization.yml").unlink()  # one page to remove, others to change
    for path in questions.glob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace("[[regularization|the cure]]", "the cure"), encoding="utf-8")
    for name in ("overfitting.yml", "precision-recall.yml", "roc-auc.yml"):
        path = questions / name
        text = path.read_text(encoding="utf-8").replace("related: [regularization]", "related: []")
        path.write_text(text.replace("[[regularization]]", "regularization"), encoding="utf-8")
    before = snapshot(docs)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _INTERRUPT_AT,
            "3",
            str(SCRIPTS / "build_pages.py"),
            "--questions",
            str(questions),
            "--docs",
            str(docs),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "build_pages.py: interrupted; the output folder is as it was."
    assert snapshot(docs) == before


# -- glossary terms -------------------------------------------------------------------------


def test_a_pasted_paragraph_as_a_term_does_not_exhaust_the_matcher() -> None:
    """The schema refuses terms over 80 characters; the matcher copes anyway (no recursion per character)."""
    paragraph = " ".join(["overfitting"] * 1000)
    matcher = GlossaryMatcher((GlossaryEntry(paragraph, "d"), GlossaryEntry("overfit", "d"), GlossaryEntry("over", "d")))
    texts, used = matcher.link_terms(["We overfit, then over."], lambda text, entry: f"<{text}>")
    assert texts == ["We <overfit>, then <over>."]
    assert [e.term for e in used] == ["overfit", "over"]


def test_contributing_documents_every_element_the_html_policy_refuses() -> None:
    from studyguide.htmlpolicy import _REFUSED_ELEMENTS

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    policy = text[text.index("## HTML in answers") :]
    assert [tag for tag in _REFUSED_ELEMENTS if f"<{tag}>" not in policy] == []

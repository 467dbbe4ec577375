"""What the site offers for download, and when a download is rebuilt."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, SCRIPTS
from studyguide import downloads
from studyguide.loader import load_guide
from studyguide.render import SiteOptions

SHEETS = ("cheatsheet.pdf", "cheatsheet-letter.pdf", "summary.pdf", "summary-letter.pdf")


def test_small_guides_offer_the_cheat_sheets_and_the_deck() -> None:
    guide = load_guide(FIXTURES / "mini")
    options = SiteOptions(site_name="Mini Guide")
    assert downloads.offered(guide, options) == (*SHEETS, "mini-guide.apkg")


def test_every_guide_size_gets_its_pdfs() -> None:
    """No cut-off: Typst prints 1,000 questions in seconds, so large guides keep their PDFs."""
    guide = load_guide(FIXTURES / "mini")
    template = guide.questions[0]
    many = tuple(dataclasses.replace(template, id=f"q-{i}", title=f"Question {i}?") for i in range(20_000))
    assert downloads.offered(dataclasses.replace(guide, questions=many), SiteOptions()) == (*SHEETS, "study-guide.apkg")
    assert downloads.offered(dataclasses.replace(guide, questions=()), SiteOptions()) == ("study-guide.apkg",)


_GENERATE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from studyguide.pipeline import generate
from studyguide.render import SiteOptions
cache = Path(sys.argv[4]) if sys.argv[4] != "-" else None
generate(Path(sys.argv[2]), Path(sys.argv[3]), cache_dir=cache, options=SiteOptions(site_name="Mini", site_url="https://guide.test/"))
"""


@pytest.mark.slow
def test_a_changed_generator_file_never_leaves_a_stale_download(tmp_path: Path) -> None:
    """Edit a helper module (the deck's HTML) and a bundled font (the PDF), rebuild with the cache,
    and get exactly what a build from nothing gives: reuse keys cover every file of the generator."""
    package = tmp_path / "code"
    shutil.copytree(SCRIPTS / "studyguide", package / "studyguide", ignore=shutil.ignore_patterns("__pycache__"))
    questions = tmp_path / "questions"
    shutil.copytree(FIXTURES / "mini", questions)
    for schema in (ROOT / "questions").glob("_*.json"):
        shutil.copy(schema, questions)
    cache, docs = tmp_path / "cache", tmp_path / "docs"

    def build(docs_dir: Path, cache_dir: Path | None) -> dict[str, bytes]:
        script = [sys.executable, "-c", _GENERATE, str(package), str(questions), str(docs_dir), str(cache_dir or "-")]
        done = subprocess.run(script, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
        assert done.returncode == 0, done.stderr
        return {p.name: p.read_bytes() for p in (docs_dir / "downloads").iterdir()}

    before = build(docs, cache)
    text = package / "studyguide" / "text.py"
    text.write_text(text.read_text().replace('f"&#{ord(m.group())};"', 'f"&#x{ord(m.group()):X};"'))
    fonts = package / "studyguide" / "fonts"
    shutil.copy(fonts / "DejaVuSans-Bold.ttf", fonts / "DejaVuSans.ttf")
    incremental = build(docs, cache)
    clean = build(tmp_path / "clean", None)

    (deck,) = [name for name in clean if name.endswith(".apkg")]
    for name in (deck, *SHEETS):
        assert clean[name] != before[name], f"{name}: the edit should change it"
        assert incremental[name] == clean[name], f"{name}: the incremental build reused a stale file"
    assert not [name for name in incremental if name.endswith(".key")], "reuse data belongs in the build cache"

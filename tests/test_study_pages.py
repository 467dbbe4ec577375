"""The study loop's generated parts, on the fixture guide: the mock exam page and its place in
the navigation, the words and identity every progress-showing page carries, answer hashes and
follow-ups in the card data, and the scheduler kept off pages that do not grade."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT
from studyguide import assets, flashcards, render
from studyguide.loader import load_guide
from studyguide.model import FollowUp
from studyguide.pipeline import generate
from studyguide.render import SiteOptions

BLOCK = re.compile(r"<div id=\"sg-study\" data-study='([^']*)' hidden></div>")


@pytest.fixture
def qdir(tmp_path: Path) -> Path:
    target = tmp_path / "questions"
    shutil.copytree(FIXTURES / "mini", target)
    return target


def study_data(page: str) -> dict:
    match = BLOCK.search(page)
    assert match, "the page carries no study block"
    return json.loads(html.unescape(match.group(1)))


def test_mock_exam_page_is_generated_and_in_the_navigation(qdir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generate(qdir, docs, options=SiteOptions(guide_id="mini-guide"))
    page = (docs / "mock-exam.md").read_text(encoding="utf-8")
    guide = load_guide(qdir)
    for topic in guide.topics:
        if guide.questions_in(topic.id):
            assert f'name="topic" value="{topic.id}" checked' in page
    assert 'data-cards="../downloads/cards.json"' in page
    assert 'name="minutes" min="0.05" max="60" step="any" value="3"' in page
    assert study_data(page)["guide"] == "mini-guide"
    nav = render.nav_for(guide)
    assert {"Mock exam": "mock-exam.md"} in nav
    assert nav.index({"Mock exam": "mock-exam.md"}) == nav.index({"Flashcards": "flashcards.md"}) + 1


def test_pages_that_show_progress_carry_the_guide_and_its_words(qdir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generate(qdir, docs, options=SiteOptions(site_name="Mini Guide"))
    for path in ("index.md", "topics/basics/index.md", "questions/overfitting.md", "difficulty/beginner.md", "flashcards.md"):
        data = study_data((docs / path).read_text(encoding="utf-8"))
        assert data["guide"] == "mini-guide", path  # SiteOptions.identity: a slug of the site name
        assert data["strings"]["again"] == "Again" and data["strings"]["continue"] == "Continue: {title}"
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert '<div class="sg-progress" data-topic="" data-cards="downloads/cards.json"' in home
    assert '<span class="sg-progress" data-topic="basics" hidden></span>' in home
    topic = (docs / "topics/basics/index.md").read_text(encoding="utf-8")
    assert 'data-topic="basics" data-cards="../../downloads/cards.json"' in topic


def test_an_edited_answer_changes_the_card_and_page_hash(qdir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    generate(qdir, docs)

    def hashes() -> tuple[str, str]:
        cards = json.loads((docs / "downloads/cards.json").read_text(encoding="utf-8"))["cards"]
        card = next(c["answer_hash"] for c in cards if c["id"] == "precision-recall")
        page = re.search(r'data-answer="(\w+)"', (docs / "questions/precision-recall.md").read_text(encoding="utf-8"))
        assert page
        return card, page.group(1)

    before = hashes()
    assert before[0] == before[1] and len(before[0]) == 12
    path = qdir / "precision-recall.yml"
    path.write_text(path.read_text().replace("F1 is their harmonic mean.", "F1 is the harmonic mean."))
    generate(qdir, docs)
    after = hashes()
    assert after[0] == after[1] != before[0]


def test_follow_ups_with_and_without_model_answers() -> None:
    def render_md(text: str) -> str:
        return f"<p>{text}</p>"

    assert flashcards._follow_up(FollowUp("Why?"), render_md) == {"question": "Why?"}
    assert flashcards._follow_up(FollowUp("Why?", "Because."), render_md) == {
        "question": "Why?",
        "answer_html": "<p>Because.</p>",
    }


def test_the_scheduler_loads_only_where_cards_are_graded() -> None:
    # ts-fsrs (72 KB) is fetched by flashcards.js on the flashcards and mock exam pages and
    # when a learner turns the self-test on; it is in no page's script list.
    assert not any("ts-fsrs" in url or "mock.js" in url for url in assets.script_urls())
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "ts-fsrs" not in config and "mock.js" not in config
    assert (assets.SOURCE / "vendor/ts-fsrs/ts-fsrs.umd.js").is_file()

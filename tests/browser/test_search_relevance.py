"""Search as a learner uses it, on THIS guide (its question ids): type, read the ranks, filter, open.

The probe set (tests/search_probes.yml) is typed key by key into the header search box;
each query's right question must come first for at least 90 % of the set and every wanted
question must be in the first three for all of it. Snippets are text, never LaTeX source;
the topic and difficulty filters narrow the list and give counts; the box works from the
keyboard, and on a phone; nothing of the search is fetched before the learner opens it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT
from playwright.sync_api import Browser, Page, expect
from sitemap import rebase_sitemap

sys.path.insert(0, str(ROOT / "bench"))
import probes

ANSWERED = "q => document.querySelector('.md-search-result')?.dataset.sgQuery === q"
LATEX = re.compile(r"\\\(|\\\[|\\frac|\$\$|\\[a-zA-Z]+\{")


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    rebase_sitemap(context, site_url)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def test_probe_set_of_this_guide_ranks_the_right_question_first(search_page: Page, site_url: str) -> None:
    outcomes = probes.run_probes(search_page, site_url, probes.load_probes())
    first, top3 = probes.score(outcomes)
    report = probes.report(outcomes)
    assert len(outcomes) >= 40
    assert first >= 0.9, report
    assert top3 == 1.0, report
    shown = [s for o in outcomes for s in o.snippets]
    assert shown and not [s for s in shown if LATEX.search(s)], [s for s in shown if LATEX.search(s)][:5]
    # Author pages are never offered to learners.
    assert not [o.probe.query for o in outcomes if any("contributing" in r for r in o.ranked)]


def test_formula_snippets_are_readable_text(search_page: Page, site_url: str) -> None:
    """A query that lands on formulas (precision-vs-recall's TP/FP fractions) shows them as text."""
    probes.open_search(search_page, site_url)
    _, snippets = probes.type_query(search_page, "precision recall TP FP")
    assert snippets and any("TP" in s for s in snippets), snippets
    assert not [s for s in snippets if LATEX.search(s)], snippets


def test_filters_narrow_the_results_with_counts(search_page: Page, site_url: str) -> None:
    page = search_page
    probes.open_search(page, site_url)
    probes.type_query(page, "gradient")
    before = page.locator(".md-search-result__meta").inner_text()
    topic = page.locator(".sg-search-filters select[name=topic]")
    expect(topic).to_be_visible()
    labels = topic.locator("option").all_inner_texts()
    assert labels[0] == "All topics" and any(re.search(r"Deep learning \(\d+\)", label) for label in labels), labels
    # Keyboard only: focus the filter, pick a topic with the arrow keys.
    topic.focus()
    topic.select_option(label=next(label for label in labels if label.startswith("Deep learning")))
    page.wait_for_function(ANSWERED, arg="gradient")
    assert page.locator(".md-search-result__meta").inner_text() != before
    narrowed = page.locator(".md-search-result__item .sg-search-facts").all_inner_texts()
    assert narrowed and all("Deep learning" in facts for facts in narrowed), narrowed
    level = page.locator(".sg-search-filters select[name=difficulty]")
    level.select_option(label=next(o for o in level.locator("option").all_inner_texts() if o.startswith("Beginner")))
    page.wait_for_function(ANSWERED, arg="gradient")
    facts = page.locator(".md-search-result__item .sg-search-facts").all_inner_texts()
    assert all("Beginner" in f and "Deep learning" in f for f in facts), facts
    topic.select_option(value="")
    level.select_option(value="")


def test_keyboard_opens_moves_and_follows_a_result(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    rebase_sitemap(context, site_url)
    page = context.new_page()
    try:
        page.goto(f"{site_url}questions/roc-auc/")
        page.keyboard.press("s")
        box = page.locator("input.md-search__input")
        expect(box).to_be_focused()
        box.press_sequentially("dropout")
        page.wait_for_function(ANSWERED, arg="dropout")
        page.keyboard.press("ArrowDown")
        first = page.locator(".md-search-result__link").first
        expect(first).to_be_focused()
        page.keyboard.press("ArrowUp")
        expect(box).to_be_focused()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/questions/regularization/"))
        expect(page.locator("article.md-content__inner h1")).to_contain_text("regularization")
    finally:
        context.close()


def test_nothing_of_search_is_fetched_before_it_is_opened(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    rebase_sitemap(context, site_url)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(f"{site_url}questions/overfitting/")
        page.wait_for_load_state("networkidle")
        early = [u for u in requests if "pagefind" in u or "search" in u]
        assert not early, early
        page.keyboard.press("/")
        probes.type_query(page, "bias")
        assert any("pagefind" in u for u in requests)
        assert all(u.startswith(site_url) for u in requests), [u for u in requests if not u.startswith(site_url)]
    finally:
        context.close()


def test_search_and_filters_fit_a_phone(browser: Browser, site_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    rebase_sitemap(context, site_url)
    page = context.new_page()
    try:
        page.goto(site_url)
        page.locator("label.md-header__button[for=__search]").tap()
        box = page.locator("input.md-search__input")
        expect(box).to_be_focused()
        probes.type_query(page, "overfitting")
        for select in page.locator(".sg-search-filters select").all():
            shape = select.bounding_box()
            assert shape and shape["x"] >= 0 and shape["x"] + shape["width"] <= 390 and shape["height"] >= 32, shape
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(tmp_path / "phone-search.png"))
    finally:
        context.close()

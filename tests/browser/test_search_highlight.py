"""A search result opens its page with the query's words marked (Material's `search.highlight`).

On a small guide made as `studyguide init` makes one (tests/fixtures/systems; its mkdocs.yml
lists `search.highlight`): the learner types a query, presses Enter, and the page opens (at
the first section that matched) with the matched words in <mark>; a page opened without
`?h=` fetches nothing for it; a guide without the feature gets plain result links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from helpers import FIXTURES, make_new_guide_project, mkdocs_build, serve_folder
from playwright.sync_api import Browser, Page, expect
from sitemap import rebase_sitemap

ANSWERED = "q => document.querySelector('.md-search-result')?.dataset.sgQuery === q"
MARKS = "article.md-content__inner mark[data-md-highlight]"


@pytest.fixture(scope="module")
def served_without_feature(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("no-highlight")
    project = make_new_guide_project(tmp, FIXTURES / "systems", "Systems without highlighting")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    - search.highlight\n" in text
    config.write_text(text.replace("    - search.highlight\n", ""), encoding="utf-8")
    result = mkdocs_build(project, tmp / "site", SITE_URL="https://systems.test/")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_folder(tmp / "site") as url:
        yield url


def _open(browser: Browser, url: str) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    rebase_sitemap(context, url)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    return page, requests


def _search(page: Page, query: str) -> None:
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(query)
    page.wait_for_function(ANSWERED, arg=query)


def test_enter_opens_the_result_with_the_query_words_marked(browser: Browser, systems_url: str) -> None:
    page, requests = _open(browser, systems_url)
    try:
        page.goto(systems_url)
        _search(page, "quorum")
        first = page.locator(".md-search-result__link").first
        assert "h=quorum" in (first.get_attribute("href") or "")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/questions/quorum-reads-and-writes/\?h=quorum"))
        marks = page.locator(MARKS)
        expect(marks.first).to_be_visible()
        words = marks.evaluate_all("marks => marks.map(m => m.textContent.toLowerCase())")
        assert words and all(w.startswith("quorum") for w in words), words  # quorum, quorums
        assert any(u.endswith("js/highlight.js") for u in requests)
        # Material's own highlighter does not mark the words a second time.
        assert page.locator("mark mark").count() == 0
    finally:
        page.context.close()


def test_a_later_section_match_opens_that_section(browser: Browser, systems_url: str) -> None:
    page, _ = _open(browser, systems_url)
    try:
        page.goto(systems_url)
        _search(page, "quorum")
        hrefs = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
        # Every link is on this site and carries the words; one that matched below the title opens that section.
        assert all(h.startswith(systems_url) and "?h=" in h for h in hrefs), hrefs
        assert any("#" in h for h in hrefs), hrefs
        for href in hrefs:
            if "#" in href:
                page.goto(href)
                anchor = href.split("#", 1)[1]
                expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()
                expect(page.locator(MARKS).first).to_be_attached()
    finally:
        page.context.close()


def test_a_page_without_h_fetches_nothing_for_highlighting(browser: Browser, systems_url: str) -> None:
    page, requests = _open(browser, systems_url)
    try:
        page.goto(f"{systems_url}questions/quorum-reads-and-writes/")
        page.wait_for_load_state("networkidle")
        assert page.locator(MARKS).count() == 0
        assert not [u for u in requests if "highlight" in u or "pagefind" in u]
    finally:
        page.context.close()


def test_without_the_feature_results_carry_no_words(browser: Browser, served_without_feature: str) -> None:
    page, requests = _open(browser, served_without_feature)
    try:
        page.goto(served_without_feature)
        _search(page, "quorum")
        hrefs = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
        assert hrefs and not [h for h in hrefs if "?h=" in h], hrefs
        page.goto(f"{served_without_feature}questions/quorum-reads-and-writes/?h=quorum")
        page.wait_for_load_state("networkidle")
        assert page.locator(MARKS).count() == 0
        assert not [u for u in requests if "highlight" in u]
    finally:
        page.context.close()

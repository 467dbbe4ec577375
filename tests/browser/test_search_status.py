"""The search box's status filter on a small guide (tests/fixtures/systems): new / due / known.

A learner who has graded cards narrows the results to their own status, with the number of
results for each, the words and definitions of the status badges; a learner who has graded
nothing sees no status filter at all. Progress is seeded in localStorage the way the study
script saves it (format "sg-progress", one FSRS card per question id).
"""

from __future__ import annotations

import datetime
import json
import re

from playwright.sync_api import Browser, Page, expect
from sitemap import rebase_sitemap

ANSWERED = "q => document.querySelector('.md-search-result')?.dataset.sgQuery === q"
QUERY = "consistency"


def _card(due_in_days: float) -> dict[str, object]:
    now = datetime.datetime.now(datetime.UTC)
    stamp = lambda t: t.isoformat().replace("+00:00", "Z")  # noqa: E731
    return {
        "due": stamp(now + datetime.timedelta(days=due_in_days)),
        "stability": 5.0,
        "difficulty": 5.0,
        "state": 2,  # FSRS Review
        "step": 0,
        "scheduled_days": 5,
        "reps": 2,
        "lapses": 0,
        "last": stamp(now - datetime.timedelta(days=5)),
        "answer": "",
    }


def _page(browser: Browser, url: str, cards: dict[str, dict[str, object]], width: int = 1280) -> Page:
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 844 if phone else 900}, is_mobile=phone, has_touch=phone)
    rebase_sitemap(context, url)
    page = context.new_page()
    page.goto(url)
    guide = json.loads(page.locator(".sg-search-config").text_content() or "{}")["progress"]["guide"]
    progress = {"format": "sg-progress", "version": 2, "guide": guide, "cards": cards, "log": [], "settings": {}}
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [f"sg-study-v2:{guide}", json.dumps(progress)])
    page.reload()
    return page


def _search(page: Page, query: str) -> None:
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(query)
    page.wait_for_function(ANSWERED, arg=query)


def _result_ids(page: Page) -> list[str]:
    hrefs = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    return [m.group(1) for h in hrefs if (m := re.search(r"/questions/([^/]+)/", h))]


def test_status_filter_narrows_to_due_known_and_new_with_counts(browser: Browser, systems_url: str) -> None:
    cards = {"cap-theorem": _card(-1), "consensus": _card(20)}  # one due (overdue), one known
    page = _page(browser, systems_url, cards)
    try:
        _search(page, QUERY)
        everything = _result_ids(page)
        assert {"cap-theorem", "consensus", "quorum-reads-and-writes"} <= set(everything), everything
        status = page.locator(".sg-search-filters select[name=status]")
        expect(status).to_be_visible()
        labels = status.locator("option").all_inner_texts()
        new = len([q for q in everything if q not in cards])
        assert labels == ["Any status", f"new ({new})", "due (1)", "known (1)"], labels
        # Keyboard only: focus the status filter and move down its options with the arrow keys.
        status.focus()
        page.keyboard.press("ArrowDown")  # new
        page.keyboard.press("ArrowDown")  # due
        expect(status).to_have_value("due")
        page.wait_for_function(ANSWERED, arg=QUERY)
        expect(page.locator(".md-search-result__meta")).to_have_text("1 matching question")
        assert _result_ids(page) == ["cap-theorem"]
        expect(page.locator(".md-search-result__item .sg-search-facts")).to_contain_text("due")
        status.select_option("known")
        page.wait_for_function(ANSWERED, arg=QUERY)
        assert _result_ids(page) == ["consensus"]
        status.select_option("new")
        page.wait_for_function(ANSWERED, arg=QUERY)
        shown = _result_ids(page)
        assert shown and not set(shown) & set(cards), shown
        assert "quorum-reads-and-writes" in shown
        status.select_option("")
        page.wait_for_function(ANSWERED, arg=QUERY)
        assert _result_ids(page) == everything
    finally:
        page.context.close()


def test_no_status_filter_without_progress(browser: Browser, systems_url: str) -> None:
    page = _page(browser, systems_url, {})
    try:
        _search(page, QUERY)
        expect(page.locator(".sg-search-filters select[name=topic]")).to_be_visible()
        expect(page.locator(".sg-search-filters select[name=status]")).to_be_hidden()
    finally:
        page.context.close()


def test_status_filter_fits_a_phone(browser: Browser, systems_url: str) -> None:
    page = _page(browser, systems_url, {"cap-theorem": _card(-1)}, width=390)
    try:
        _search(page, QUERY)
        status = page.locator(".sg-search-filters select[name=status]")
        expect(status).to_be_visible()
        shape = status.bounding_box()
        assert shape and shape["x"] >= 0 and shape["x"] + shape["width"] <= 390 and shape["height"] >= 32, shape
        status.tap()
        status.select_option("due")
        page.wait_for_function(ANSWERED, arg=QUERY)
        assert _result_ids(page) == ["cap-theorem"]
    finally:
        page.context.close()


# The box's configuration as a guide over search.BROWSE_LIMIT questions writes it: this guide is small.
AS_LARGE_GUIDE = """() => { const node = document.querySelector('.sg-search-config');
  const config = JSON.parse(node.textContent); config.browse = false; node.textContent = JSON.stringify(config); }"""


def test_a_large_guide_fetches_the_id_filter_only_when_the_learner_reaches_for_the_filters(
    browser: Browser, systems_url: str
) -> None:
    """At 10,000 questions the id filter is 88 KB: a first search stays within its budget, and the status counts come on focus."""
    page = _page(browser, systems_url, {"cap-theorem": _card(-1), "consensus": _card(20)})
    filters: list[str] = []
    page.on("request", lambda request: filters.append(request.url) if "/pagefind/filter/" in request.url else None)
    try:
        page.evaluate(AS_LARGE_GUIDE)
        _search(page, QUERY)
        status = page.locator(".sg-search-filters select[name=status]")
        expect(status).to_be_visible()
        assert status.locator("option").all_inner_texts() == ["Any status", "new", "due", "known"]
        assert filters == []  # no filter data yet: not the ids, not the topics
        assert "cap-theorem" in _result_ids(page)
        status.focus()
        expect(status.locator("option").nth(2)).to_have_text("due (1)")
        assert filters
        status.select_option("due")
        expect(page.locator(".md-search-result__meta")).to_have_text("1 matching question")
        assert _result_ids(page) == ["cap-theorem"]
    finally:
        page.context.close()

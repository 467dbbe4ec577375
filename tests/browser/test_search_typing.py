"""Typing into the search box on a small guide (tests/fixtures/systems).

The box searches one query at a time, the latest (keys typed while a search runs make it
stale); typed without a pause, the list answers the whole query, with no stale result shown.
A one-letter query waits for the next key, and is still searched once the learner stops typing.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from playwright.sync_api import Browser, Page, expect
from sitemap import rebase_sitemap

ANSWERED = "q => document.querySelector('.md-search-result')?.dataset.sgQuery === q"


def _hrefs(page: Page) -> list[str]:
    return page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")


def test_fast_typing_shows_the_whole_query(browser: Browser, systems_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    rebase_sitemap(context, systems_url)
    page = context.new_page()
    try:
        page.goto(systems_url)
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        expect(box).to_be_focused()
        page.wait_for_function("() => document.querySelector('.md-search-result')?.dataset.sgQuery === ''")
        query = "exactly-once delivery"
        box.press_sequentially(query)  # no pause between keys
        page.wait_for_function(ANSWERED, arg=query)
        first = page.locator(".md-search-result__link").first
        expect(first).to_have_attribute("href", re.compile(r"/questions/exactly-once-delivery/"))
        # What is shown is this query's, as when the whole query is set at once: no shorter prefix's results.
        typed = (page.locator(".md-search-result__meta").inner_text(), _hrefs(page))
        box.fill("")
        page.wait_for_function(ANSWERED, arg="")
        box.fill(query)
        page.wait_for_function(ANSWERED, arg=query)
        assert typed == (page.locator(".md-search-result__meta").inner_text(), _hrefs(page))
    finally:
        context.close()


def test_a_one_letter_query_is_searched_once_typing_stops(browser: Browser, systems_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    rebase_sitemap(context, systems_url)
    page = context.new_page()
    try:
        page.goto(systems_url)
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        expect(box).to_be_focused()
        box.press_sequentially("q")
        page.wait_for_function(ANSWERED, arg="q")
        expect(page.locator(".md-search-result__meta")).not_to_have_text("No matching questions")
        assert page.locator(".md-search-result__item").count() >= 1
    finally:
        context.close()


# The box's configuration as a guide over search.BROWSE_LIMIT questions writes it: this guide is small.
AS_LARGE_GUIDE = """() => { const node = document.querySelector('.sg-search-config');
  const config = JSON.parse(node.textContent); config.browse = false; node.textContent = JSON.stringify(config); }"""


@contextlib.contextmanager
def _searched(browser: Browser, url: str, query: str, *, large: bool, watch: str) -> Iterator[tuple[Page, list[str]]]:
    """A page with `query` typed into the box and answered, and the requests whose address holds `watch`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    rebase_sitemap(context, url)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if watch in request.url else None)
    try:
        page.goto(url)
        if large:
            page.evaluate(AS_LARGE_GUIDE)
        page.keyboard.press("/")
        page.wait_for_function(ANSWERED, arg="")
        page.locator("input.md-search__input").press_sequentially(query)
        page.wait_for_function(ANSWERED, arg=query)
        yield page, requests
    finally:
        context.close()


def test_a_filter_alone_asks_for_a_word_when_the_guide_is_large(browser: Browser, systems_url: str) -> None:
    """Listing a filter's questions without a word fetches the whole index: past a size (search.BROWSE_LIMIT) the box asks for a word."""
    with _searched(browser, systems_url, "delivery", large=True, watch="/pagefind/index/") as (page, chunks):
        topic = page.locator(".sg-search-filters select[name=topic]")
        topic.select_option(index=1)
        page.wait_for_function(ANSWERED, arg="delivery")
        fetched = len(chunks)
        page.locator("input.md-search__input").fill("")
        page.wait_for_function(ANSWERED, arg="")
        expect(page.locator(".md-search-result__meta")).to_have_text("Type a word to search the questions these filters keep")
        expect(page.locator(".md-search-result__link")).to_have_count(0)
        expect(topic).to_be_visible()  # the filters stay, for the next word
        page.wait_for_timeout(300)
        assert len(chunks) == fetched, "a filter alone fetched index chunks"


def test_a_filter_alone_lists_its_questions_in_a_small_guide(browser: Browser, systems_url: str) -> None:
    with _searched(browser, systems_url, "delivery", large=False, watch="/pagefind/index/") as (page, _):
        page.locator(".sg-search-filters select[name=topic]").select_option(index=1)
        page.wait_for_function(ANSWERED, arg="delivery")
        page.locator("input.md-search__input").fill("")
        page.wait_for_function(ANSWERED, arg="")
        expect(page.locator(".md-search-result__link").first).to_be_visible()


def test_a_large_guide_fetches_its_filters_counts_when_the_learner_reaches_for_them(browser: Browser, systems_url: str) -> None:
    """At 10,000 questions the topic and difficulty filters weigh 49 KB: a large guide's first search goes without them."""
    with _searched(browser, systems_url, "delivery", large=True, watch="/pagefind/filter/") as (page, filter_chunks):
        expect(page.locator(".md-search-result__link").first).to_be_visible()
        topic = page.locator(".sg-search-filters select[name=topic]")
        expect(topic).to_be_visible()
        names = topic.locator("option").all_inner_texts()
        assert len(names) > 2 and not any(re.search(r"\(\d+\)$", name) for name in names), names  # values, no counts yet
        assert filter_chunks == [], "the first search fetched the filters"
        topic.focus()  # by keyboard or by touch: the counts come
        page.wait_for_function(
            "() => /\\(\\d+\\)$/.test(document.querySelector('.sg-search-filters select[name=topic] option:nth-child(2)').textContent)"
        )
        assert filter_chunks

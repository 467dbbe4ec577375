"""Moving around the guide by links alone, as a reader does, with instant navigation on.

Instant navigation swaps pages without reloading: a value set on `window` at the start survives
the whole walk only if no click (or back/forward) fell back to a full page load.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from helpers import ROOT
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sitemap import rebase_sitemap
from studyguide.loader import load_guide

MARKER = "window.__sgWalk"


@pytest.fixture
def walker(browser: Browser, site_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A page with instant navigation working against the test server, and its page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    rebase_sitemap(context, site_url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    try:
        yield page, errors
    finally:
        context.close()


def heading(page: Page) -> Locator:
    return page.locator("article.md-content__inner h1")


def follow(page: Page, link: Locator, errors: list[str]) -> tuple[str, str]:
    """Click `link`, wait until its page is shown, and return (path, heading) of the new page."""
    path = urlsplit(link.evaluate("a => a.href")).path
    before = heading(page).inner_text()
    link.click()
    try:
        page.wait_for_url(lambda url: urlsplit(url).path == path)
        expect(heading(page)).not_to_have_text(before)
    except (AssertionError, PlaywrightTimeout) as error:
        raise AssertionError(f"{path} was not shown; page errors: {sorted(set(errors))}") from error
    return path, heading(page).inner_text()


def test_home_topic_question_related_backlink_and_back(walker: tuple[Page, list[str]], site_url: str) -> None:
    page, errors = walker
    guide = load_guide(ROOT / "questions")
    page.goto(site_url)
    page.evaluate(f"{MARKER} = 'no reload'")
    trail = [(urlsplit(page.url).path, heading(page).inner_text())]

    trail.append(follow(page, page.locator("article").get_by_role("link", name="Browse by topic"), errors))
    assert trail[-1][0] == "/topics/"

    topic = guide.topics[0]
    trail.append(follow(page, page.locator("article").get_by_role("link", name=topic.title, exact=True).first, errors))
    assert trail[-1][0] == f"/topics/{topic.id}/"

    first_question = page.locator("article li > a[href*='/questions/']").first
    title = first_question.inner_text()
    trail.append(follow(page, first_question, errors))
    assert trail[-1][1].startswith(title), trail[-1]

    related = page.locator("article h2#see-also + ul a").first
    title = related.inner_text()
    trail.append(follow(page, related, errors))
    assert trail[-1][0].startswith("/questions/") and trail[-1][1].startswith(title), trail[-1]

    # A backlink leads to a page that links here; prefer one we have not just come from.
    came_from = trail[-2][0]
    backlinks = page.locator("article h2#see-also + ul li:has(.sg-why:has-text('links here')) > a")
    paths = [urlsplit(h).path for h in backlinks.evaluate_all("links => links.map(a => a.href)")]
    assert paths, f"no 'links here' entries on {trail[-1][0]}"
    choice = next((i for i, p in enumerate(paths) if p != came_from), 0)
    here = trail[-1][0]
    trail.append(follow(page, backlinks.nth(choice), errors))
    links_here = page.locator(f"article a[href$='{here}'], article a[href$='{here}#']")
    assert links_here.count() > 0, f"{trail[-1][0]} is listed as linking to {here} but has no link to it"

    for path, title in reversed(trail[:-1]):
        page.go_back()
        page.wait_for_function("path => location.pathname === path", arg=path)
        expect(heading(page)).to_have_text(title)
    page.go_forward()
    page.wait_for_function("path => location.pathname === path", arg=trail[1][0])
    expect(heading(page)).to_have_text(trail[1][1])

    assert page.evaluate(MARKER) == "no reload", "a step reloaded the page: instant navigation is off"
    assert sorted(set(errors)) == []


def test_topic_map_links_open_their_topic(walker: tuple[Page, list[str]], site_url: str) -> None:
    page, errors = walker
    page.goto(f"{site_url}topics/")
    hub = page.locator(".sg-map circle.sg-map__hub").first
    # SVG links keep their target in href.baseVal, whether written as href or xlink:href.
    target = urlsplit(hub.evaluate("c => new URL(c.closest('a').href.baseVal, location.href).href")).path
    assert target.startswith("/topics/"), target
    hub.click()
    page.wait_for_url(lambda url: urlsplit(url).path == target)
    expect(heading(page)).to_be_visible()
    assert sorted(set(errors)) == []

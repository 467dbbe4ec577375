"""A full tour of the site talks to no one but the server it came from, and logs no error.

The tour loads the home page, runs a search (the search worker and its index), then opens
every page the build wrote, each by a link click as a reader would (instant navigation).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response
from playwright.sync_api import Error as PlaywrightError
from sitemap import rebase_sitemap

# Click a link to `url` and wait until Material has shown the new page (document$ emits once
# per page; it replays the current one on subscribe). Resolves "timeout" if nothing comes.
OPEN_BY_LINK = """url => new Promise(resolve => {
  let seen = 0, subscription;
  const done = outcome => { subscription?.unsubscribe(); resolve(outcome); };
  subscription = document$.subscribe(() => { if (++seen === 2) done("shown"); });
  setTimeout(() => done("timeout"), 10000);
  const link = Object.assign(document.createElement("a"), {href: url});
  document.body.append(link);
  link.click();
  link.remove();
})"""

# data: URIs (inline icons) never leave the browser.
LOCAL_SCHEMES = ("data:", "blob:")


def site_pages(site: Path) -> list[str]:
    """URL paths of every page in the built site, home first."""
    paths = sorted("/" + str(index.parent.relative_to(site)) + "/" for index in site.rglob("index.html"))
    return ["/" if path == "/./" else path for path in paths]


def open_by_link(page: Page, url: str) -> bool:
    """Open `url` by a link click, as a reader would; False if it did not show."""
    try:
        outcome = page.evaluate(OPEN_BY_LINK, url)
    except PlaywrightError:  # a full page load replaced the document we were waiting in
        page.wait_for_load_state()
        outcome = "reloaded"
    return outcome != "timeout" and urlsplit(page.url).path == urlsplit(url).path


def test_full_tour_stays_on_the_site_and_logs_no_errors(page: Page, site_url: str, built_site: Path) -> None:
    origin = site_url.rstrip("/")
    requests: list[str] = []
    failed: list[str] = []
    problems: list[str] = []

    def on_response(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.url} ({response.status})")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"{page.url}: console error: {message.text}")

    page.context.on("request", lambda request: requests.append(request.url))
    page.context.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    page.context.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: page error: {error}"))
    rebase_sitemap(page.context, site_url)

    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("gradient")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")

    pages = site_pages(built_site)
    assert len(pages) > 40
    for path in pages[1:]:
        if not open_by_link(page, origin + path):
            problems.append(f"{origin + path}: a link to it did not show it; the tour stops here")
            break

    assert requests, "no request was recorded"
    elsewhere = sorted({url for url in requests if not url.startswith(origin + "/") and not url.startswith(LOCAL_SCHEMES)})
    report = [f"request left the site: {url}" for url in elsewhere]
    report += [f"request failed: {failure}" for failure in sorted(set(failed))]
    report += sorted(set(problems))
    if report:
        pytest.fail("\n".join(report), pytrace=False)

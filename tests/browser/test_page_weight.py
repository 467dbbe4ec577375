"""A question page's first load stays light (issue 19): at most 450 KB uncompressed, everything counted.

Every response a fresh load receives (empty cache), measured as the bytes of its body: the page,
stylesheets, fonts, scripts, sitemap, images. Search is left out (Material's search worker and its
index): the search issue makes it load only when search is opened. Uses this guide's
math-heaviest page and a typical one.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

BUDGET = 450_000


@pytest.mark.xfail(
    strict=True,
    reason="issue 19 stays open: with the deepened answers, folded follow-up answers and figures merged, these "
    "pages weigh 537 and 559 KB (page HTML 123-140 KB, flashcards.js 39 KB on every page)",
)
@pytest.mark.parametrize("question_id", ["bias-variance-tradeoff", "roc-auc"])
def test_question_page_first_load_is_at_most_450_kb(browser: Browser, site_url: str, question_id: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sizes: dict[str, int] = {}

    def record(response) -> None:  # type: ignore[no-untyped-def]
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # a redirect or an aborted request has no body
            sizes.setdefault(response.url, 0)

    context.on("response", record)
    try:
        page = context.new_page()
        page.goto(f"{site_url}questions/{question_id}/", wait_until="networkidle")
        page.wait_for_timeout(1500)
    finally:
        context.close()
    search = ("search/search_index.json", "/workers/search.")
    counted = {url: size for url, size in sizes.items() if not any(part in url for part in search)}
    total = sum(counted.values())
    heaviest = sorted(counted.items(), key=lambda item: -item[1])[:8]
    assert total <= BUDGET, f"{total / 1000:.0f} KB: " + ", ".join(f"{url.rsplit('/', 2)[-2:]} {size}" for url, size in heaviest)
    assert any(url.endswith("katex.min.css") for url in counted)  # nothing lost: the math is styled

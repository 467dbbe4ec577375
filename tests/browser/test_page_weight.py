"""A question page's first load stays light (issue 19): at most 450 KB uncompressed, everything counted.

Every response a fresh load receives (empty cache), measured as the bytes of its body: the page,
stylesheets, fonts, scripts, sitemap, images. Search loads only when it is opened (nothing of it
is fetched here). Uses this guide's pages: the one the issue measured (bias-variance-tradeoff, 996 KB
then), a typical one, and the two heaviest in math, where KaTeX's HTML for their 45-65 formulas is
80-90 KB of the page (bench/page_weight.py --all measures every question page).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

BUDGET = 450_000


@pytest.mark.parametrize(
    "question_id",
    [
        "bias-variance-tradeoff",
        "bagging-vs-boosting",
        "kernel-trick",
        "gradient-descent",
    ],
)
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
    assert not [url for url in sizes if "pagefind" in url]  # search loads when it is opened
    total = sum(sizes.values())
    heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:8]
    assert total <= BUDGET, f"{total / 1000:.0f} KB: " + ", ".join(f"{url.rsplit('/', 2)[-2:]} {size}" for url, size in heaviest)
    assert any(url.endswith("katex.min.css") for url in sizes)  # nothing lost: the math is styled

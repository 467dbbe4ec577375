"""Topic maps on a 390-px phone (ML guide's site): labels inside the map, tap targets of 24 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

PAGES = ["topics/", "topics/evaluation/", "topics/foundations/"]


@pytest.mark.parametrize("path", PAGES)
def test_ml_guide_map_fits_a_phone_with_whole_labels_and_tappable_rows(browser: Browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{path}")
        svg = page.locator("svg.sg-map")
        assert svg.count() == 1
        box = svg.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        # Every label lies inside the drawing (nothing clipped) and is at least 12 px high.
        inside = svg.evaluate(
            """s => { const r = s.getBoundingClientRect();
                return [...s.querySelectorAll('text')].every(t => { const b = t.getBoundingClientRect();
                  return b.left >= r.left - 0.5 && b.right <= r.right + 0.5 && b.top >= r.top - 0.5 && b.bottom <= r.bottom + 0.5; }); }"""
        )
        assert inside
        sizes = svg.locator("tspan").evaluate_all("ts => ts.map(t => t.getBoundingClientRect().height)")
        assert min(sizes) >= 12
        heights = svg.locator("a rect").evaluate_all("rs => rs.map(r => r.getBoundingClientRect().height)")
        assert heights and min(heights) >= 24
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()

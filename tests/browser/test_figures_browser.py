"""Figures in the ML guide's pages, as a reader (and a screen reader) meets them in Chromium."""

from __future__ import annotations

import pytest
from helpers import ROOT
from playwright.sync_api import Browser
from studyguide.loader import load_guide

FIGURE_PAGES = sorted({q.id for q in load_guide(ROOT / "questions").questions if q.figures})


@pytest.mark.parametrize("question_id", FIGURE_PAGES)
def test_ml_guide_every_figure_is_named_by_its_alt_text_and_fits_a_phone(
    browser: Browser, site_url: str, question_id: str
) -> None:
    question = load_guide(ROOT / "questions").question(question_id)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{site_url}questions/{question_id}/")
        figures = page.locator("article figure.sg-figure svg[role='img']")
        assert figures.count() == len(question.figures)
        for index, figure in enumerate(question.figures):
            svg = figures.nth(index)
            # The accessible name comes from the <title> that aria-labelledby points at.
            name = svg.evaluate("s => document.getElementById(s.getAttribute('aria-labelledby')).textContent")
            assert name == figure.alt
            box = svg.bounding_box()
            assert box is not None and box["width"] > 300 and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_ml_guide_figure_colours_follow_the_scheme(browser: Browser, site_url: str) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(f"{site_url}questions/roc-auc/")
            svg = page.locator("figure.sg-figure svg").first
            colours[scheme] = svg.evaluate("s => [getComputedStyle(s).color, getComputedStyle(s.querySelector('.sg-c1')).color]")
        finally:
            context.close()
    assert colours["light"][0] != colours["dark"][0]  # text and axes: the page's text colour
    assert colours["light"][1] != colours["dark"][1]  # series: the scheme's palette

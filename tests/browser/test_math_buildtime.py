"""Math arrives typeset (issue 19): no script typesets it, pages without math load none of KaTeX,
wide display formulas scroll with a cue on screens and are printed whole.

Uses this guide's questions: bias-variance-tradeoff (the widest display formula), roc-auc and
gradient-descent (inline and display math), and the topics index (no math).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from test_reading import RAW_TEX

MATH_SCRIPTS = re.compile(r"katex[^/]*\.js|/math\.js")


@pytest.mark.parametrize("question_id", ["bias-variance-tradeoff", "gradient-descent"])
def test_math_shows_typeset_with_javascript_disabled(browser: Browser, site_url: str, question_id: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{site_url}questions/{question_id}/")
        expect(page.locator("article .arithmatex .katex").first).to_be_visible()
        expect(page.locator("article .arithmatex:not(:has(.katex))")).to_have_count(0)
        # What the reader sees (innerText: MathML's TeX annotation is never drawn).
        assert RAW_TEX.findall(page.locator("article").inner_text()) == []
        assert not [url for url in requested if MATH_SCRIPTS.search(url)]
        # KaTeX's own fonts draw it (its stylesheet is on this page).
        family = page.locator("article .katex").first.evaluate("e => getComputedStyle(e).fontFamily")
        assert "KaTeX_Main" in family
    finally:
        context.close()


def test_no_math_script_is_requested_and_pages_without_math_load_no_katex(page: Page, page_log, site_url: str) -> None:
    page.goto(f"{site_url}questions/roc-auc/", wait_until="networkidle")
    expect(page.locator("article .katex").first).to_be_visible()
    assert not [url for url in page_log.requests if MATH_SCRIPTS.search(url)]
    assert any(url.endswith("katex.min.css") for url in page_log.requests)
    page_log.requests.clear()
    page.goto(f"{site_url}topics/", wait_until="networkidle")
    assert not [url for url in page_log.requests if "katex" in url.lower()]


def test_wide_display_formula_scrolls_on_a_phone_with_a_visible_cue(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}questions/bias-variance-tradeoff/")
        box = page.locator("article div.arithmatex").first
        sizes = box.evaluate(
            "e => [e.scrollWidth, e.clientWidth, getComputedStyle(e).overflowX, getComputedStyle(e).backgroundImage]"
        )
        assert sizes[0] > sizes[1] and sizes[2] == "auto", sizes
        assert sizes[3].count("gradient") == 4  # the covers and the shadows of the scroll cue
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself never scrolls sideways
    finally:
        context.close()


def test_printing_bias_variance_on_a4_keeps_the_whole_equation(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}questions/bias-variance-tradeoff/", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    page.emulate_media(media="print")
    # A4 less Chromium's default margins: 210 mm - 2 x 10 mm ~ 718 CSS px.
    page.set_viewport_size({"width": 718, "height": 1000})
    equation = page.locator("article div.arithmatex .katex-display").first
    column = page.locator("article.md-content__inner").bounding_box()
    inner = equation.evaluate(
        # The formula's pieces between break points (KaTeX's stretchy braces draw wider SVGs that it clips itself).
        "e => [...e.querySelectorAll('.katex-html > *')].reduce((r, c) => Math.max(r, c.getBoundingClientRect().right), 0)"
    )
    assert inner <= column["x"] + column["width"] + 1, (inner, column)
    assert equation.evaluate("e => e.closest('div.arithmatex').scrollWidth <= e.closest('div.arithmatex').clientWidth + 1")
    # And the printed PDF has every term, "+ noise" included.
    from io import BytesIO

    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(page.pdf(format="A4"))).pages)
    assert "noise" in text and "variance" in text

"""What a reader sees on a question page: typeset math, highlighted code, a remembered colour scheme."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from helpers import ROOT
from playwright.sync_api import Browser, Page, expect
from sitemap import rebase_sitemap
from studyguide.loader import load_guide

# Math in every place it is written: a table, a list, display and inline formulas (gradient
# descent has all four), the longest display formula (vanishing gradients) and a table of
# metric formulas (regression metrics).
MATH_PAGES = ["gradient-descent", "vanishing-gradients", "regression-metrics", "roc-auc"]

# Text outside code and outside KaTeX's output, as the reader sees it.
VISIBLE_PROSE = """() => {
  const article = document.querySelector('article.md-content__inner');
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {acceptNode: node =>
    node.parentElement.closest('pre, code, .katex, script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  const parts = [];
  while (walker.nextNode()) parts.push(walker.currentNode.data);
  return parts.join('');
}"""

# TeX a reader should never see: delimiters, $...$ pairs and the commands used in the answers.
RAW_TEX = re.compile(r"\\[()\[\]]|\$\$|\$[^$\s][^$]*\$|\\(?:frac|text|sum|mathbf|left|right|hat|sqrt|partial)\b")


@pytest.fixture(scope="module")
def reader(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    rebase_sitemap(context, site_url)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def test_math_sample_and_pattern_are_meaningful() -> None:
    """Guards the sample above: it must keep exercising math in tables, lists and displays."""
    guide = load_guide(ROOT / "questions")
    lines = [line for qid in MATH_PAGES for line in guide.question(qid).answer.splitlines()]
    assert any("$" in line and line.lstrip().startswith("|") for line in lines)
    assert any("$" in line and re.match(r"\s*([-*]|\d+\.)\s", line) for line in lines)
    assert any("$$" in line for line in lines)
    # And the pattern must catch what unrendered math looks like.
    for raw in (r"FPR is $1 - x$.", r"\(x\)", r"$$a$$", r"the \frac{a}{b} term"):
        assert RAW_TEX.search(raw), raw


@pytest.mark.parametrize("question_id", MATH_PAGES)
def test_math_is_typeset_and_no_tex_shows(reader: Page, site_url: str, question_id: str) -> None:
    reader.goto(f"{site_url}questions/{question_id}/")
    formulas = reader.locator("article .arithmatex")
    assert formulas.count() > 0
    expect(reader.locator("article .arithmatex:not(:has(.katex))")).to_have_count(0)
    expect(reader.locator("article .katex-error")).to_have_count(0)
    raw = sorted(set(RAW_TEX.findall(reader.evaluate(VISIBLE_PROSE))))
    assert raw == [], f"raw TeX visible on {question_id}"


def test_code_is_highlighted(reader: Page, site_url: str) -> None:
    reader.goto(f"{site_url}questions/gradient-descent/")
    code = reader.locator("article .highlight code").first
    expect(code.locator("span.kn, span.k").first).to_be_visible()
    # Classes alone are not enough: keywords must be drawn in another colour than plain names.
    keyword = code.locator("span.k, span.kn").first.evaluate("e => getComputedStyle(e).color")
    name = code.locator("span.n").first.evaluate("e => getComputedStyle(e).color")
    assert keyword != name


def test_colour_scheme_toggle_switches_and_is_remembered(reader: Page, site_url: str) -> None:
    page = reader
    page.goto(f"{site_url}questions/roc-auc/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    light = body.evaluate("b => getComputedStyle(b).backgroundColor")

    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert body.evaluate("b => getComputedStyle(b).backgroundColor") != light

    # The next page, by link (instant navigation) and by a fresh load, keeps the choice.
    page.locator("article h2#see-also + ul a").first.click()
    page.wait_for_url(re.compile(r"/questions/(?!roc-auc/)"))
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(f"{site_url}topics/evaluation/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")

    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "default")

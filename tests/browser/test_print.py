"""Printing a question page: only the content, every collapsed block open, nothing cut off.

The viewport is an A4 sheet minus Chromium's default margins (210 mm - 2 x 10 mm ~ 718 CSS px),
the width a reader's printout lays the page out in.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

PRINT_WIDTH = 718

CHROME = {
    "header": ".md-header",
    "navigation sidebar": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "footer": ".md-footer",
    "back-to-top button": ".md-top",
    "previous/next pager": ".sg-pager",
}

# Pages with the widest content: the longest code line, the longest display formula, a table
# inside a numbered list, and a table of formulas.
WIDE_PAGES = ["missing-data", "vanishing-gradients", "deploying-models", "activation-functions"]

# Content a printout would lose: anything right of the sheet, and anything a scroll box hides
# (paper does not scroll). KaTeX's visually hidden MathML copy is not content.
CUT_OFF = """width => {
  const lost = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) lost.push(`page: ${root.scrollWidth} > ${root.clientWidth}`);
  for (const e of document.querySelectorAll('article.md-content__inner, article.md-content__inner *')) {
    if (e.closest('.katex-mathml') || !e.getClientRects().length) continue;
    const style = getComputedStyle(e);
    const name = `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${e.textContent.trim().slice(0, 40)}"`;
    if (e.getBoundingClientRect().right > width + 1) lost.push(`${name} ends at ${Math.round(e.getBoundingClientRect().right)}px`);
    const scrolls = e.tagName === 'ARTICLE' || ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
    if (scrolls && e.scrollWidth > e.clientWidth + 1) lost.push(`${name} hides ${e.scrollWidth - e.clientWidth}px`);
  }
  return lost;
}"""


@pytest.fixture
def printed(page: Page) -> Page:
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
    return page


def test_print_shows_only_the_content_with_every_block_open(printed: Page, site_url: str) -> None:
    printed.goto(f"{site_url}questions/missing-data/")
    blocks = printed.locator("article details")
    assert blocks.count() > 0
    # Print media alone, no beforeprint event: print.css must open the blocks by itself.
    printed.emulate_media(media="print")
    for name, selector in CHROME.items():
        assert not printed.locator(selector).first.is_visible(), f"{name} is printed"
    expect(printed.locator("article.md-content__inner h1")).to_be_visible()
    for details in blocks.all():
        expect(details.locator("> :not(summary)").first).to_be_visible()
    # The browser's half: beforeprint opens them for real (print.js and Material both listen).
    printed.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(printed.locator("article details:not([open])")).to_have_count(0)


@pytest.mark.parametrize("question_id", WIDE_PAGES)
def test_print_cuts_nothing_off(printed: Page, site_url: str, question_id: str) -> None:
    printed.goto(f"{site_url}questions/{question_id}/")
    printed.emulate_media(media="print")
    printed.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert printed.evaluate(CUT_OFF, PRINT_WIDTH) == []


def test_pdf_has_the_answer_follow_ups_and_external_addresses_only(printed: Page, site_url: str) -> None:
    printed.goto(f"{site_url}questions/roc-auc/")
    closed = printed.locator("article details:not([open])").count()
    # A folded follow-up's model answer: hidden on screen, printed in full.
    follow_up = " ".join((printed.locator("article details.sg-follow-up > p").first.text_content() or "").split())[:60]
    reference = printed.locator("article h2#references + ul a").first.get_attribute("href")
    assert closed > 0 and follow_up and reference

    # page.pdf() prints for real: beforeprint and afterprint fire around it.
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(printed.pdf(format="A4"))).pages)
    flat = " ".join(text.split())
    assert "What is the ROC curve" in flat
    assert follow_up.replace(" ", "") in flat.replace(" ", ""), "a folded follow-up answer is missing from the PDF"
    assert reference.split("//")[1][:30] in flat.replace(" ", ""), "an external reference prints without its address"
    assert urlsplit(site_url).netloc not in flat.replace(" ", ""), "internal links print their addresses"
    for chrome in ("Skip to content", "Initializing search", "Back to top"):
        assert chrome not in flat
    # Afterwards the page is as the reader left it.
    expect(printed.locator("article details:not([open])")).to_have_count(closed)

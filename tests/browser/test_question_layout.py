"""A question page leads with its answer (issue 19): short answer under the title at body size,
one "See also" list saying why each question is there, tags at the end, difficulty once.

Uses this guide's own questions (bias-variance-tradeoff, roc-auc, regularization) and tags.
"""

from __future__ import annotations

from collections import Counter

import pytest
from helpers import ROOT
from playwright.sync_api import Browser, Page, expect
from studyguide.links import SEE_ALSO_LIMIT
from studyguide.loader import load_guide

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser) -> Page:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("question_id", ["bias-variance-tradeoff", "roc-auc"])
def test_short_answer_is_under_the_title_at_body_size_on_the_first_phone_screen(
    phone: Page, site_url: str, question_id: str
) -> None:
    phone.goto(f"{site_url}questions/{question_id}/")
    short = phone.locator("article .sg-short-answer")
    expect(short).to_be_visible()
    # Nothing shown between the title and the short answer (hidden markers, such as a self-test's, may be).
    assert short.evaluate(
        """e => { let n = e.previousElementSibling;
                  while (n && n.tagName !== 'H1') { if (n.getClientRects().length) return false; n = n.previousElementSibling; }
                  return n !== null; }"""
    )
    box = short.bounding_box()
    assert box is not None and box["y"] + min(box["height"], 120) <= PHONE["height"], box
    text_size = short.locator("p:not(.admonition-title)").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    body_size = phone.locator("article h2#answer ~ p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert text_size >= body_size, (text_size, body_size)
    # Material's tag pills above the title are gone; the difficulty appears once.
    assert not phone.locator("article .md-tags").first.is_visible()
    expect(phone.locator("article .sg-badge")).to_have_count(1)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_see_also_is_one_list_without_repeats_each_saying_why(page: Page, site_url: str) -> None:
    guide = load_guide(ROOT / "questions")
    for question_id in ("bias-variance-tradeoff", "regularization", "roc-auc"):
        page.goto(f"{site_url}questions/{question_id}/")
        for gone in ("related-questions", "linked-from", "suggested-reading"):
            expect(page.locator(f"article h2#{gone}")).to_have_count(0)
        items = page.locator("article h2#see-also + ul > li")
        count = items.count()
        assert 1 <= count <= SEE_ALSO_LIMIT
        hrefs = items.locator("> a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert len(set(hrefs)) == len(hrefs) == count, hrefs
        for why in items.locator(".sg-why").all_inner_texts():
            assert why.strip("· ").strip(), question_id
        # Every question this one names in `related` is there (up to the limit), marked as such.
        for other in guide.question(question_id).related[:SEE_ALSO_LIMIT]:
            entry = page.locator(f"article h2#see-also + ul > li:has(> a[href$='/{other}/'])")
            expect(entry.locator(".sg-why")).to_contain_text("related")


def test_only_tags_shared_by_two_questions_are_links(page: Page, site_url: str) -> None:
    guide = load_guide(ROOT / "questions")
    uses = Counter(tag for q in guide.questions for tag in set(q.tags))
    q = guide.question("bias-variance-tradeoff")
    page.goto(f"{site_url}questions/{q.id}/")
    tags = page.locator("article .sg-tags")
    expect(tags).to_be_visible()
    assert tags.evaluate(
        "e => e.compareDocumentPosition(document.querySelector('article h2#answer')) & Node.DOCUMENT_POSITION_PRECEDING"
    )
    linked = set(tags.locator("a.sg-tag").all_inner_texts())
    plain = set(tags.locator("span.sg-tag").all_inner_texts())
    assert linked | plain == set(q.tags)
    assert linked == {tag for tag in q.tags if uses[tag] >= 2}
    for link in tags.locator("a.sg-tag").all():
        assert "/tags/#tag:" in (link.get_attribute("href") or "")


@pytest.mark.parametrize(
    "path", ["", "questions/bias-variance-tradeoff/", "questions/roc-auc/", "topics/", "glossary/", "flashcards/", "tags/"]
)
def test_no_page_scrolls_sideways_on_a_phone(phone: Page, site_url: str, path: str) -> None:
    phone.goto(f"{site_url}{path}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path

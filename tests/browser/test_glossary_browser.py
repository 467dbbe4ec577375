"""The glossary as a reader uses it (ML guide's site): filter and A–Z bar on its page, and a
popover for a term on a question page, by keyboard, by tap on a phone and by mouse hover."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sitemap import rebase_sitemap

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
QUESTION = "questions/roc-auc/"  # opens with glossary terms in its short answer


@pytest.fixture
def desktop(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield from _page(context, site_url)


@pytest.fixture
def phone(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(**PHONE)
    yield from _page(context, site_url)


def _page(context: BrowserContext, site_url: str) -> Iterator[Page]:
    context.set_default_timeout(30_000)  # a shared, busy machine: the glossary is a big page
    rebase_sitemap(context, site_url)
    try:
        yield context.new_page()
    finally:
        context.close()


def _visible_terms(page: Page) -> list[str]:
    return page.locator(".sg-gloss-entry:visible h3").evaluate_all("hs => hs.map(h => h.firstChild.textContent.trim())")


def test_filter_by_keyboard_narrows_the_glossary(desktop: Page, site_url: str) -> None:
    desktop.goto(f"{site_url}glossary/")
    total = desktop.locator(".sg-gloss-entry").count()
    for _ in range(80):  # Tab from the top of the page to the filter box, as a keyboard user does
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.id") == "sg-glossary-filter":
            break
    else:
        pytest.fail("the filter box is not reachable with Tab")
    desktop.keyboard.type("gradient")
    shown = _visible_terms(desktop)
    assert 0 < len(shown) < total
    aliases = desktop.locator(".sg-gloss-entry:visible").evaluate_all("es => es.map(e => e.dataset.filter)")
    assert all("gradient" in text for text in aliases)
    expect(desktop.locator("#sg-glossary-count")).to_have_text(f"{len(shown)} of {total} terms")
    # Letters with no match disappear with their heading; a query matching nothing says so.
    assert desktop.locator(".sg-gloss-letter:visible").count() < desktop.locator(".sg-gloss-letter").count()
    desktop.keyboard.type("zzzz")
    expect(desktop.locator(".sg-glossary-none")).to_be_visible()
    desktop.keyboard.press("Escape")  # a search box clears on Escape
    assert desktop.locator(".sg-gloss-entry:visible").count() == total


def test_letter_bar_jumps_to_its_letter_and_every_target_is_tappable(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}glossary/")
    letters = phone.locator(".sg-az a")
    assert letters.count() >= 10
    for index in range(letters.count()):
        box = letters.nth(index).bounding_box()
        assert box is not None and box["width"] >= 24 and box["height"] >= 24
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    letters.filter(has_text=re.compile(r"^R$")).tap()
    expect(phone).to_have_url(re.compile(r"#sg-letter-r$"))
    expect(phone.locator("#sg-letter-r")).to_be_in_viewport()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_filter_by_tap_on_a_phone(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}glossary/")
    phone.locator("#sg-glossary-filter").tap()
    phone.keyboard.type("roc")
    assert "ROC curve" in _visible_terms(phone)
    assert phone.locator(".sg-gloss-entry:visible").count() < 10


def test_term_popover_by_keyboard_stays_on_the_page(desktop: Page, site_url: str) -> None:
    desktop.goto(f"{site_url}{QUESTION}")
    url = desktop.url
    term = desktop.locator("article a.sg-term").first
    name = term.get_attribute("data-term")
    term.focus()
    desktop.keyboard.press("Enter")
    popover = desktop.get_by_role("dialog", name=name)
    expect(popover).to_be_visible()
    assert desktop.url == url, "opening a term must not leave the question"
    expect(term).to_have_attribute("aria-expanded", "true")
    assert desktop.evaluate("document.activeElement.id") == "sg-popover"
    text = popover.locator(".sg-popover__definition")
    expect(text).to_have_text(term.get_attribute("data-definition") or "")
    assert float(text.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 13
    desktop.keyboard.press("Tab")
    more = popover.locator("a.sg-popover__more")
    expect(more).to_be_focused()
    assert (more.get_attribute("href") or "").endswith(term.get_attribute("href") or "-")
    desktop.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    expect(term).to_be_focused()


def test_term_popover_by_tap_fits_a_phone_and_leads_to_the_entry(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}{QUESTION}")
    url = phone.url
    term = phone.locator("article a.sg-term").first
    term.tap()
    popover = phone.locator("#sg-popover")
    expect(popover).to_be_visible()
    assert phone.url == url
    box = popover.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert float(popover.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 13
    expect(popover.locator(".sg-popover__term")).to_have_text(term.get_attribute("data-term") or "")
    phone.locator("article h1").tap()  # a tap elsewhere closes it
    expect(popover).to_be_hidden()
    term.tap()
    anchor = (term.get_attribute("href") or "").split("#")[1]
    popover.locator("a.sg-popover__more").tap()
    expect(phone).to_have_url(re.compile(rf"glossary/#{anchor}$"))


def test_term_popover_on_hover(desktop: Page, site_url: str) -> None:
    desktop.goto(f"{site_url}{QUESTION}")
    term = desktop.locator("article a.sg-term").first
    term.hover()
    expect(desktop.locator("#sg-popover")).to_be_visible()
    assert desktop.locator("[role=tooltip]:visible, .md-tooltip--active").count() == 0, "only one tooltip at a time"
    desktop.mouse.move(5, 790)
    expect(desktop.locator("#sg-popover")).to_be_hidden()

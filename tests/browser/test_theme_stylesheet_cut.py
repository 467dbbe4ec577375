"""The theme's cut-down stylesheets style every element exactly as the whole ones do (issue 19).

`themecss` drops the rules of Material's stylesheets no page or script can match. Each state
below is loaded twice, once with the site's cut copies and once with the theme's whole files
served in their place, and every element's computed style (its ::before and ::after too) must
be the same: pages at desktop and phone widths, both colour schemes, print, and what scripts
add as a learner uses a page (the search dialog with results, the phone's drawer, the
glossary filter, a flashcard shown).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import material
import pytest
from playwright.sync_api import Browser, Page

THEME_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"

# Per element drawn and its pseudo-elements, a hash of every computed property (custom properties
# only matter through the properties that use them, which are compared); sgComputed keeps the text.
COMPUTED = """() => {
  const entries = [];
  for (const el of document.querySelectorAll('body, body *')) {
    if (!el.getClientRects().length) continue;  // not drawn in this state
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && style.content === 'none') continue;
      const names = Array.from(style).filter(n => !n.startsWith('--') && !n.startsWith('transition') && !n.startsWith('animation')).sort();
      entries.push(el.tagName + (el.id ? '#' + el.id : '') + (pseudo || '') + ' ' + el.getAttribute('class')
        + names.map(n => '\\n' + n + ':' + style.getPropertyValue(n)).join(''));
    }
  }
  window.sgComputed = entries;
  return entries.map(text => { let h = 2166136261; for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); } return h >>> 0; });
}"""


def _open_search(page: Page) -> None:
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("gradient")
    page.wait_for_selector(".md-search-result__link")


def _open_drawer(page: Page) -> None:
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_timeout(400)


def _filter_glossary(page: Page) -> None:
    page.locator("#sg-glossary-filter").fill("reg")
    page.wait_for_timeout(200)


def _show_a_card(page: Page) -> None:
    page.keyboard.press("Space")
    page.wait_for_timeout(300)


def _nothing(page: Page) -> None:
    pass


STATES: list[tuple[str, str, int, str, Callable[[Page], None]]] = [
    ("question", "questions/l1-vs-l2-regularization/", 1280, "light", _nothing),
    ("question-dark", "questions/bias-variance-tradeoff/", 1280, "dark", _nothing),
    ("question-print", "questions/roc-auc/", 1280, "light", lambda page: page.emulate_media(media="print")),
    ("phone-drawer", "questions/overfitting/", 390, "dark", _open_drawer),
    ("search", "", 1280, "light", _open_search),
    ("search-phone", "", 390, "dark", _open_search),
    ("glossary", "glossary/", 1280, "light", _filter_glossary),
    ("flashcards", "flashcards/", 1280, "dark", _show_a_card),
    ("topic", "topics/evaluation/", 1280, "light", _nothing),
    ("topics", "topics/", 390, "light", _nothing),
]


def _loaded(browser: Browser, url: str, width: int, scheme: str, act: Callable[[Page], None], *, whole: bool) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    if whole:
        page.route(
            "**/assets/stylesheets/*.css",
            lambda route: route.fulfill(path=THEME_STYLESHEETS / route.request.url.rsplit("/", 1)[-1], content_type="text/css"),
        )
    page.goto(url, wait_until="networkidle")
    act(page)
    page.wait_for_timeout(300)
    return page


@pytest.mark.parametrize(("name", "path", "width", "scheme", "act"), STATES, ids=[s[0] for s in STATES])
def test_cut_theme_stylesheets_style_every_element_as_the_whole_ones(
    browser: Browser, site_url: str, name: str, path: str, width: int, scheme: str, act: Callable[[Page], None]
) -> None:
    cut = _loaded(browser, site_url + path, width, scheme, act, whole=False)
    whole = _loaded(browser, site_url + path, width, scheme, act, whole=True)
    try:
        ours, theirs = cut.evaluate(COMPUTED), whole.evaluate(COMPUTED)
        assert len(ours) > 100 and len(ours) == len(theirs), (
            f"{name}: not the same elements drawn ({len(ours)} with the cut stylesheets, {len(theirs)} with the whole)"
        )
        for index, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            if a != b:
                lines = cut.evaluate("i => window.sgComputed[i]", index).split("\n")
                expected = whole.evaluate("i => window.sgComputed[i]", index).split("\n")
                differing = sorted(set(lines) ^ set(expected))[:6]
                pytest.fail(f"{name}: {lines[0]} differs: " + "; ".join(differing))
    finally:
        cut.context.close()
        whole.context.close()

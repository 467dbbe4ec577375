"""Accessibility: axe-core finds nothing serious, and the keyboard alone reaches search and content.

axe-core is vendored (tests/vendor/axe.min.js, from the npm registry): no CDN, no network.
"""

from __future__ import annotations

import pytest
from helpers import ROOT
from playwright.sync_api import Browser, Page, expect

AXE = ROOT / "tests" / "vendor" / "axe.min.js"

PAGES = {
    "home": "",
    "topic": "topics/evaluation/",
    "question": "questions/roc-auc/",
    "glossary": "glossary/",
}
# The glossary takes axe several seconds (hundreds of links); one colour scheme is enough there.
AXE_CASES = [(name, "light") for name in PAGES] + [(name, "dark") for name in ("home", "topic", "question")]

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.impact} ${v.id}: ${v.help}\\n` + v.nodes.slice(0, 5).map(n =>
      `    ${n.target.join(' ')}: ${(n.failureSummary || '').split('\\n').slice(1, 2).join('').trim()}`).join('\\n'));
}"""

# How the focused element shows it has focus. A visually hidden input (Material's palette
# switch) draws its focus on the label after it; the search field shows it by opening search.
FOCUS_STATE = """async () => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  let shown = focused;
  if (!focused.getClientRects().length || focused.getBoundingClientRect().width === 0) {
    const label = focused.nextElementSibling;
    if (label && label.tagName === 'LABEL') shown = label;
  }
  // Judge the focus style once it has faded in (the skip link does) or search has opened.
  await Promise.all(shown.getAnimations().map(animation => animation.finished.catch(() => null)));
  const search = document.getElementById('__search');
  for (let wait = 0; focused.matches('.md-search__input') && !search.checked && wait < 40; wait++) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  const background = element => {
    for (let e = element; e; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      if (!/rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  return {
    name: `${focused.tagName.toLowerCase()}.${[...focused.classList].join('.')} "${(focused.textContent || focused.getAttribute('aria-label') || '').trim().slice(0, 30)}"`,
    rendered: box.width > 0 && box.height > 0 && style.visibility === 'visible' && Number(style.opacity) > 0,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 ? style.outlineStyle : null,
    outlineColour: style.outlineColor,
    behind: background(shown.parentElement),
    shadow: style.boxShadow !== 'none',
    searchOpen: focused.matches('.md-search__input') && search.checked,
  };
}"""


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a computed `rgb(...)`/`rgba(...)` colour."""
    channels = [float(c) / 255 for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("name", "scheme"), AXE_CASES, ids=[f"{name}-{scheme}" for name, scheme in AXE_CASES])
def test_axe_finds_no_serious_violation(browser: Browser, site_url: str, name: str, scheme: str) -> None:
    # Material follows the system colour scheme on a first visit.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[name])
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE)
    finally:
        context.close()
    if violations:
        pytest.fail(f"{name} page ({scheme}):\n" + "\n".join(violations), pytrace=False)


@pytest.mark.parametrize("key", ["/", "s"])
def test_search_shortcut_focuses_the_search_field(page: Page, site_url: str, key: str) -> None:
    page.goto(f"{site_url}questions/roc-auc/")
    page.keyboard.press(key)
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("dropout")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("input.md-search__input")).not_to_be_focused()


def assert_focus_visible(page: Page, presses: int) -> list[str]:
    """Press Tab `presses` times; every stop must be on screen and visibly marked."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        assert state is not None, f"focus left the page after {seen[-3:]}"
        seen.append(state["name"])
        assert state["rendered"], f"Tab stops on {state['name']}, which is not visible"
        assert state["outline"] or state["shadow"] or state["searchOpen"], f"{state['name']} shows no focus"
        if state["outline"] == "solid":
            ratio = contrast(state["outlineColour"], state["behind"])
            assert ratio >= 3, f"focus ring of {state['name']} has contrast {ratio:.1f}:1 against {state['behind']}"
    return seen


def test_keyboard_focus_is_always_visible(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}questions/roc-auc/")
    # The header: skip link, logo, colour switch, search field, then the navigation.
    header = assert_focus_visible(page, 8)
    assert header[0].startswith("a.md-skip"), header
    target = page.locator("a.md-skip").evaluate("a => document.getElementById(decodeURIComponent(a.hash.slice(1)))?.tagName")
    assert target == "H1", "the skip link does not lead to the page's heading"

    # The content, from its heading on: links, glossary terms, collapsed blocks. (Followed by
    # Enter, the skip link gets here too, but Material re-renders the page on the first change
    # of address, so how soon the next Tab may come depends on the machine.)
    page.locator("article.md-content__inner h1 a.headerlink").focus()
    content = assert_focus_visible(page, 25)
    in_article = page.evaluate("() => document.activeElement.closest('article') !== null")
    assert in_article, f"Tab left the content early: {content[-5:]}"

"""Every glyph of every formula is drawn from a KaTeX font (issue 19: the same look, lighter fonts).

The site's KaTeX fonts are cut to the characters each one draws (`katexfonts`, `katexfaces`); a
character missing from the font the stylesheet picks would fall back to another font and look
wrong. Chromium reports which font drew the text of each element (DevTools' CSS domain), so
this checks what a reader sees, on this guide's pages with the most math and the flashcards deck.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser


@pytest.mark.parametrize(
    "path", ["questions/kernel-trick/", "questions/gradient-descent/", "questions/roc-auc/", "questions/bias-variance-tradeoff/"]
)
def test_every_formula_glyph_comes_from_a_katex_font(browser: Browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        page.evaluate(
            "() => { for (const d of document.querySelectorAll('details')) d.open = true; return document.fonts.ready.then(() => true); }"
        )
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": ".katex-html, .katex-html *"})["nodeIds"]
        fonts: dict[str, int] = {}
        for node in nodes:
            for used in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
                fonts[used["familyName"]] = fonts.get(used["familyName"], 0) + used["glyphCount"]
    finally:
        context.close()
    assert fonts, "no formula text found"
    others = {name: count for name, count in fonts.items() if not name.startswith("KaTeX_")}
    assert not others, f"glyphs drawn from other fonts: {others} (KaTeX fonts: {sorted(fonts)})"

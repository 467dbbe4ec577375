"""Screenshots of the home, a topic and a question page, light and dark, desktop and phone.

They are written to pytest's temporary folder (`--basetemp=DIR` to choose it) so a person can
look at them; the tests check what a glance would: the page is drawn, in the right scheme,
and nothing is wider than the screen (long titles and tables must wrap or scroll in place).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import Browser, expect

PAGES = {"home": "", "topic": "topics/evaluation/", "question": "questions/roc-auc/"}
DEVICES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
VIEWS = [("desktop", "light"), ("desktop", "dark"), ("phone", "light")]
CASES = [(page, device, scheme) for page in PAGES for device, scheme in VIEWS]

# Elements sticking out past the right edge of the screen, unless inside a box that scrolls
# sideways (code, tables, display math): Material's <html> hides horizontal overflow, so the
# reader could not scroll to them.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const scrollsInPlace = e => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  const wide = [];
  for (const e of document.querySelectorAll('.md-main *')) {
    const box = e.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && !e.closest('.md-sidebar, .katex-mathml') && !scrollsInPlace(e)) {
      wide.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${e.textContent.trim().slice(0, 40)}" ends at ${Math.round(box.right)}px`);
    }
  }
  return {scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 8)};
}"""


@pytest.fixture(scope="module")
def shot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize(("name", "device", "scheme"), CASES, ids=["-".join(case) for case in CASES])
def test_screenshot_looks_sane(browser: Browser, site_url: str, shot_dir: Path, name: str, device: str, scheme: str) -> None:
    context = browser.new_context(viewport=DEVICES[device], color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[name])
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
        page.evaluate("document.fonts.ready")
        layout = page.evaluate(TOO_WIDE)
        png = page.screenshot(path=shot_dir / f"{name}-{device}-{scheme}.png", full_page=True)
    finally:
        context.close()

    assert layout == {"scroll": 0, "wide": []}, f"{name} ({device}) is wider than the screen"
    image = Image.open(io.BytesIO(png)).convert("RGB")
    grey = image.convert("L")
    low, high = grey.getextrema()
    assert high - low > 150, "the page looks blank"
    assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 64, "the page has almost no detail"
    brightness = ImageStat.Stat(grey).mean[0]
    assert (brightness > 150) if scheme == "light" else (brightness < 100), f"{scheme} page has mean brightness {brightness:.0f}"

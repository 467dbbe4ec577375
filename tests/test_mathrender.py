"""Math typeset at build time (issue 19): KaTeX's HTML in the page, the same bytes every time, cached."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import markdown
import pytest
from studyguide import mathrender
from studyguide.buildcache import BuildCache

EXTENSIONS = ["pymdownx.arithmatex", "studyguide.mathext"]
CONFIGS = {"pymdownx.arithmatex": {"generic": True}}


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


def test_inline_and_display_math_arrive_typeset_with_no_tex_left() -> None:
    page = convert("The loss $x_i^2 < 1$ and\n\n$$\\sum_i w_i = 1$$\n\nand `$code$` stays code.")
    assert page.count('class="katex"') == 2
    assert '<span class="arithmatex"><span class="katex">' in page
    assert '<div class="arithmatex"><span class="katex-display">' in page
    assert "\\(" not in page and "\\[" not in page
    # The TeX survives only as MathML's annotation (screen readers and copy-paste use it); `<` decoded once.
    assert '<annotation encoding="application/x-tex">x_i^2 &lt; 1</annotation>' in page
    assert "<code>$code$</code>" in page
    assert mathrender.has_math(page) and not mathrender.has_math(convert("No math, USD 5."))


def test_typesetting_is_deterministic_and_bad_tex_shows_in_place() -> None:
    text = "$\\frac{a}{b}$ and $\\notacommand{x}$"
    assert convert(text) == convert(text)
    assert "color:#cc0000" in convert(text)  # as in the browser before: the unknown command in red, the page still builds


def test_each_formula_is_rendered_once_then_read_from_the_build_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    item = ("e^{i\\pi} + 1 = 0 \\quad (cache test)", True)
    mathrender.use_cache(BuildCache(tmp_path))
    try:
        first = mathrender.render_many([item, item])
        mathrender.save_cache()
        # A new process: nothing in memory, the engine gone; the cache file answers.
        mathrender._memo.clear()
        mathrender.close()
        monkeypatch.setattr(mathrender, "_render_in_v8", lambda items: pytest.fail(f"rendered again: {items}"))
        mathrender.use_cache(BuildCache(tmp_path))
        assert mathrender.render_many([item]) == [first[0]]
    finally:
        mathrender.use_cache(None)
    assert first[0] == first[1] and "katex-display" in first[0]


def test_katex_fonts_are_cut_to_the_characters_formulas_draw_and_are_the_same_every_build(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont
    from studyguide import katexfonts

    rendered = mathrender.render_many([("\\mathbb{E}[x] = 1 + \\mathbf{w}", False)])
    # Each font gets the characters drawn with it (KaTeX's stylesheet decides which): the TeX never.
    chars = katexfonts.characters_by_font(rendered)
    drawn = "".join(chars.values())
    assert {"E", "x", "=", "1", "["} <= set(drawn) and "\\" not in drawn  # drawn text only, not the TeX
    assert chars["KaTeX_AMS-Regular.woff2"] == "E"  # \mathbb
    assert chars["KaTeX_Math-Italic.woff2"] == "x"
    assert chars["KaTeX_Main-Bold.woff2"] == "w"  # \mathbf
    assert set("=1[]+") <= set(chars["KaTeX_Main-Regular.woff2"]) and "x" not in chars["KaTeX_Main-Regular.woff2"]
    names = ("KaTeX_AMS-Regular.woff2", "KaTeX_Main-Regular.woff2")

    def build() -> dict[str, bytes]:
        fonts = tmp_path / "site" / katexfonts.SITE_FONTS
        fonts.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(katexfonts.FONTS / name, fonts / name)
        katexfonts._made.clear()
        katexfonts.subset_fonts(tmp_path / "site", chars)
        return {name: (fonts / name).read_bytes() for name in names}

    first = build()
    assert first == build()
    for name, data in first.items():
        assert len(data) < (katexfonts.FONTS / name).stat().st_size / 1.5, name
    ams = TTFont(BytesIO(first["KaTeX_AMS-Regular.woff2"])).getBestCmap()
    assert ord("E") in ams and ord("R") not in ams  # the double-struck E stays; what no formula draws goes


def test_a_guide_whose_mkdocs_yml_still_lists_browser_math_loads_none_of_it() -> None:
    from types import SimpleNamespace

    from studyguide import assets

    old = SimpleNamespace(
        extra_css=["assets/studyguide/vendor/katex/katex.min.css", "assets/studyguide/css/guide.css"],
        extra_javascript=["assets/studyguide/vendor/katex/katex.min.js", "assets/studyguide/js/math.js", "mine.js"],
    )
    assets.add_to_config(old)
    assert not [url for url in old.extra_css if "katex" in url]  # linked from pages with math only
    assert not [url for url in old.extra_javascript if "katex" in url or "math.js" in url]
    assert "mine.js" in old.extra_javascript and "assets/studyguide/js/print.js" in old.extra_javascript
    assert "vendor/katex/katex.min.js" not in {p.relative_to(assets.SOURCE).as_posix() for p in assets._files()}


def test_typeset_math_carries_no_bytes_an_html_page_does_not_need() -> None:
    (math,) = mathrender.render_many([("\\frac{a}{b} + \\sqrt{x}", True)])
    assert "<math display=" in math and "xmlns" not in math.split("<svg", 1)[0]  # HTML's parser gives the namespace
    assert ';"' not in math and 'style="height:' in math  # the last declaration needs no semicolon

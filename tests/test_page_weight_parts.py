"""The parts of a lighter page (issue 19): each keeps what a reader sees while dropping bytes."""

from __future__ import annotations

import re

from studyguide import assets, htmlspace, katexcss, mathrender, minify, plotsvg


def test_indentation_between_tags_goes_but_preformatted_text_and_scripts_keep_every_space() -> None:
    page = (
        "<div>\n    <p>Two  spaces  stay</p>\n\n      <pre><code>def f():\n    return 1\n</code></pre>\n"
        "    <script>\n  const a = 1;\n  </script>\n  <span>a</span> <span>b</span>\n</div>"
    )
    out = htmlspace.collapse(page)
    assert "<div>\n<p>Two  spaces  stay</p>\n<pre>" in out
    assert "<pre><code>def f():\n    return 1\n</code></pre>" in out
    assert "<script>\n  const a = 1;\n  </script>" in out
    assert "<span>a</span> <span>b</span>" in out  # a space between words is text, not indentation
    assert re.sub(r"\s+", " ", out) == re.sub(r"\s+", " ", page)  # renders the same


def test_katex_stylesheet_keeps_exactly_the_rules_the_formulas_can_match() -> None:
    css = (
        '@font-face{font-family:KaTeX_AMS;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2"),'
        'url(fonts/KaTeX_AMS-Regular.woff) format("woff"),url(fonts/KaTeX_AMS-Regular.ttf) format("truetype")}'
        ".katex{font:normal 1.21em KaTeX_Main}.katex .mfrac,.katex .mtable{x:1}"
        ".katex .sizing.reset-size1.size5{y:2}.katex .accent>.vlist-t:not(.accent-full){z:3}"
        "@media screen{.katex .mtable{w:4}}"
    )
    out = katexcss.purge(css, {"katex", "mfrac", "accent", "vlist-t"})
    assert 'src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2")}' in out and ".woff)" not in out
    assert ".katex .mfrac{x:1}" in out and "mtable" not in out and "@media" not in out
    assert "reset-size1" not in out  # a class no formula carries
    assert ":not(.accent-full){z:3}" in out  # a class under :not() need not be present


def test_the_site_katex_stylesheet_styles_every_class_of_a_typeset_formula() -> None:
    rendered = mathrender.render_many([("\\frac{a}{b} + \\sum_{i=1}^{n} x_i^2", True)])
    css = (assets.SOURCE / assets.MATH_STYLESHEET).read_text(encoding="utf-8")
    purged = katexcss.purge(css, katexcss.used_classes(rendered))
    assert len(purged) < len(css) / 2
    for name in ("mfrac", "frac-line", "vlist-t", "msupsub", "op-symbol", "large-op"):
        assert f".{name}" in purged, name


def test_a_drawn_line_keeps_its_ends_and_its_bends_and_drops_points_on_a_straight_run() -> None:
    straight = [(float(x), 2.0 * x) for x in range(50)]
    assert plotsvg.simplified(straight) == [straight[0], straight[-1]]
    bent = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (2.0, 2.0)]
    assert plotsvg.simplified(bent) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0)]
    curve = [(x / 10, (x / 10) ** 2) for x in range(0, 101)]
    kept = plotsvg.simplified(curve, tolerance=0.15)
    assert len(kept) < len(curve) / 3 and kept[0] == curve[0] and kept[-1] == curve[-1]


def test_served_scripts_and_stylesheets_lose_their_comments_and_vendored_files_are_untouched() -> None:
    script = assets.SOURCE / "js" / "flashcards.js"
    served = minify.served_bytes(script, "js/flashcards.js").decode()
    assert "// " not in served.split("\n", 1)[0] and len(served) < script.stat().st_size * 0.8
    assert "sg-study-v2:" in served  # strings (and template literals) kept as written
    sheet = assets.SOURCE / "css" / "guide.css"
    assert "/*" not in minify.served_bytes(sheet, "css/guide.css").decode()
    vendored = assets.SOURCE / "vendor" / "ts-fsrs" / "ts-fsrs.umd.js"
    assert minify.served_bytes(vendored, "vendor/ts-fsrs/ts-fsrs.umd.js") == vendored.read_bytes()

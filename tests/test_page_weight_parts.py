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


def test_a_drawn_line_keeps_the_point_it_turns_back_from_even_on_its_own_line() -> None:
    # Out to x=10 and back to x=5 along one line: the distance to the line is 0 but to the segment 5.
    assert plotsvg.simplified([(0.0, 0.0), (10.0, 0.0), (5.0, 0.0)]) == [(0.0, 0.0), (10.0, 0.0), (5.0, 0.0)]


def test_equation_numbers_drawn_by_katex_stylesheet_are_in_their_font() -> None:
    from studyguide import katexfonts

    chars = katexfonts.characters_by_font(mathrender.render_many([(r"\begin{equation} x = y \end{equation}", True)]))
    assert set("()0123456789") <= set(chars["KaTeX_Main-Regular.woff2"])


def test_question_page_self_test_styles_stay_in_the_every_page_stylesheet() -> None:
    every_page = (assets.SOURCE / "css/flashcards.css").read_text(encoding="utf-8")
    study_pages = (assets.SOURCE / assets.STUDY_PAGES_STYLESHEET).read_text(encoding="utf-8")
    for selector in (".sg-selftest__grades.sg-revealed", ".sg-study input:focus-visible"):
        assert selector in every_page
        assert selector not in study_pages


def test_a_dirty_build_serves_katex_whole_not_the_last_full_builds_cut(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A formula added in `mkdocs build --dirty` may need rules and glyphs the last full build cut away."""
    import subprocess
    import sys

    from helpers import ROOT, make_project, mkdocs_build, mkdocs_env
    from studyguide import katexfonts

    project = make_project(tmp_path / "guide", ROOT / "tests" / "fixtures" / "systems")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    stylesheet = site / katexcss.SITE_STYLESHEET
    package_css = (assets.SOURCE / assets.MATH_STYLESHEET).read_bytes()
    main_font = site / katexfonts.SITE_FONTS / "KaTeX_Main-Regular.woff2"
    assert stylesheet.read_bytes() != package_css  # the full build cut it down
    assert main_font.stat().st_size < (katexfonts.FONTS / "KaTeX_Main-Regular.woff2").stat().st_size
    dirty = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "--site-dir", str(site)],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert dirty.returncode == 0, dirty.stderr
    assert stylesheet.read_bytes() == package_css
    assert main_font.read_bytes() == (katexfonts.FONTS / "KaTeX_Main-Regular.woff2").read_bytes()


def test_a_sitemap_too_large_for_instant_navigation_is_pointed_out(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging
    from types import SimpleNamespace

    from studyguide import plugin

    (tmp_path / "sitemap.xml").write_text("<url><loc>https://guide.test/q/</loc></url>\n" * 6000, encoding="utf-8")
    instant = SimpleNamespace(site_dir=str(tmp_path), theme={"features": ["navigation.instant"]})
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.studyguide"):
        plugin._tell_about_a_large_sitemap(instant)
        plugin._tell_about_a_large_sitemap(SimpleNamespace(site_dir=str(tmp_path), theme={"features": []}))
    assert len(caplog.records) == 1 and "navigation.instant" in caplog.records[0].getMessage()
    assert caplog.records[0].levelno == logging.INFO  # advice, not a warning: --strict builds still pass

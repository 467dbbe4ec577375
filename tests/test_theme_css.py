"""The theme's stylesheets cut to what the built site can match (issue 19's page weight).

The browser test (tests/browser/test_theme_stylesheet_cut.py) checks that every element looks
the same; these check the rules for keeping a rule, and the cut in a real build.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import material
import pytest
from studyguide import stylepurge, themecss

THEME = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def _evidence(page: str = "", script: str = "") -> themecss.Evidence:
    evidence = themecss.Evidence()
    evidence.add_page(page)
    evidence.add_script(script)
    return evidence


def test_a_rule_stays_when_every_class_it_requires_is_on_a_page_or_in_a_script() -> None:
    css = ".a .b{x:1}.a .c{x:2}.d,.a{x:3}.e:not(.zz){x:4}.a:is(.y,.z){x:5}@media print{.c{x:6}}@media screen{.a{x:7}}"
    evidence = _evidence("<div class=\"a  b\"><p class='e'>", 'el.classList.add("d")')
    out = stylepurge.purge(css, evidence.can_match)
    assert out == ".a .b{x:1}.d,.a{x:3}.e:not(.zz){x:4}.a:is(.y,.z){x:5}@media screen{.a{x:7}}"


def test_attribute_values_count_only_when_set_on_a_page_or_named_in_a_script() -> None:
    css = '[data-md-color-primary=indigo]{x:1}[data-md-color-primary=pink]{x:2}[dir=rtl] .a{x:3}[data-state="open"]{x:4}[hidden]{x:5}'
    evidence = _evidence('<body data-md-color-primary="indigo" class="a">', "node.dataset.state='open'")
    assert stylepurge.purge(css, evidence.can_match) == '[data-md-color-primary=indigo]{x:1}[data-state="open"]{x:4}[hidden]{x:5}'


def test_a_class_a_script_builds_from_parts_keeps_every_class_with_that_prefix() -> None:
    evidence = _evidence(script='x(`md-tag-icon md-tag--${kind}`); y="sg-grade--"+n')
    css = ".md-tag--pro{x:1}.md-tag-other{x:2}.sg-grade--again{x:3}.sg-grades{x:4}"
    assert stylepurge.purge(css, evidence.can_match) == ".md-tag--pro{x:1}.sg-grade--again{x:3}"


def test_strings_comments_and_statements_do_not_confuse_the_cut() -> None:
    css = '@charset "utf-8";/* .gone{} */.a:after{content:"}{,"}.b[title="x,.c"],.a{y:1}@keyframes k{0%{o:0}to{o:1}}'
    out = stylepurge.purge(stylepurge.without_comments(css), _evidence('<i class="a">').can_match)
    assert out == '@charset "utf-8";.a:after{content:"}{,"}.a{y:1}@keyframes k{0%{o:0}to{o:1}}'
    with pytest.raises(stylepurge.UnreadableStylesheet):
        stylepurge.blocks(".a{x:1")


def test_a_web_worker_script_is_no_evidence(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<p class="kept">', encoding="utf-8")
    (tmp_path / "assets/javascripts/workers").mkdir(parents=True)
    (tmp_path / "assets/javascripts/workers/search.js").write_text('"only-in-worker"', encoding="utf-8")
    (tmp_path / "assets/app.js").write_text('"in-page-script"', encoding="utf-8")
    evidence = themecss.gather(tmp_path)
    assert evidence.has_class("kept") and evidence.has_class("in-page-script")
    assert not evidence.has_class("only-in-worker")


def test_the_built_site_serves_the_theme_stylesheets_cut_and_a_page_keeps_its_rules(systems_site: Path) -> None:
    (main,) = (systems_site / "assets" / "stylesheets").glob("main.*.min.css")
    whole = (THEME / main.name).read_text(encoding="utf-8")
    cut = main.read_text(encoding="utf-8")
    assert len(cut) < 0.8 * len(whole)
    assert ".md-header{" in cut and ".md-search__input" in cut  # the frame and the search box every page has
    assert ".md-typeset .tabbed-set" in whole and ".md-typeset .tabbed-set" not in cut  # content tabs: no page has any
    assert "sourceMappingURL" not in cut and not main.with_name(main.name + ".map").exists()  # it maps the whole file
    (palette,) = (systems_site / "assets" / "stylesheets").glob("palette.*.min.css")
    assert len(palette.read_bytes()) < (THEME / palette.name).stat().st_size / 2  # one primary colour of 19


def test_attribute_selectors_other_than_equals_require_nothing_and_escaped_classes_are_read_whole() -> None:
    css = (
        'a[href$=".pdf"]::after{x:1}a[href^="https://x.io"]{x:2}[type="A" i]{x:3}'
        ".md\\:hidden{x:4}.md{x:5}[class=grid]{x:6}[class=card]{x:7}"
    )
    evidence = _evidence("<div class=grid><p class='md:hidden'>")
    out = stylepurge.purge(css, evidence.can_match)
    assert out == 'a[href$=".pdf"]::after{x:1}a[href^="https://x.io"]{x:2}[type="A" i]{x:3}.md\\:hidden{x:4}[class=grid]{x:6}'


def test_unquoted_attribute_values_on_a_page_count(tmp_path: Path) -> None:
    evidence = _evidence("<body data-md-color-primary=pink><div class=grid>")
    assert evidence.can_match("[data-md-color-primary=pink] .grid")
    assert not evidence.can_match("[data-md-color-primary=teal]")


def test_a_stylesheet_of_the_guides_own_custom_dir_is_not_the_themes_to_cut(tmp_path: Path) -> None:
    theme_dir, custom = tmp_path / "theme", tmp_path / "overrides"

    def file(root: Path, name: str) -> SimpleNamespace:
        return SimpleNamespace(
            src_uri=f"assets/stylesheets/{name}",
            dest_uri=f"assets/stylesheets/{name}",
            abs_src_path=str(root / f"assets/stylesheets/{name}"),
        )

    theme = SimpleNamespace(dirs=[str(custom), str(theme_dir)], custom_dir=str(custom))
    found = themecss.theme_stylesheets(
        [file(theme_dir, "main.css"), file(custom, "extra.css"), file(tmp_path / "docs", "x.css")], theme
    )
    assert found == {"assets/stylesheets/main.css": (theme_dir / "assets/stylesheets/main.css").resolve()}

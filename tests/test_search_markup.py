"""What the search indexes: formulas as text, other names and spellings, labels left out.

Unit tests of `mathtext` and `searchmarkup`, then a build of the fixture guide
(tests/fixtures/mini) checked for the marks Pagefind reads and the index it writes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import FIXTURES, make_project, mkdocs_build
from studyguide import searchindex
from studyguide.mathtext import latex_to_text
from studyguide.model import GlossaryEntry
from studyguide.searchmarkup import glossary_names, readable_math, synonyms, variants


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (r"p > \frac{C_{FP}}{C_{FP} + C_{FN}}", "p > C_FP/(C_FP + C_FN)"),
        (r"\lambda \lVert w \rVert^2", "λ ‖ w ‖^2"),
        (r"\sqrt{d_k}", "√d_k"),
        (r"\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V", "softmax((QK^ᵀ)/(√d_k))V"),
        (r"\sum_{i=1}^{n} x_i \cdot w_i", "Σ_i=1^n x_i · w_i"),
        # Arguments without braces: TeX takes one token each.
        (r"\lambda \lVert \mathbf w \rVert_1", "λ ‖ w ‖_1"),
        (r"\tfrac12\lVert \mathbf y - X\mathbf w\rVert^2", "1/2‖ y - Xw‖^2"),
        (r"\hat\beta_j", "β_j"),
    ],
)
def test_formulas_read_as_text_without_tex(source: str, text: str) -> None:
    assert latex_to_text(source) == text
    assert "\\" not in latex_to_text(source) and "{" not in latex_to_text(source)


def test_arithmatex_formulas_are_skipped_with_text_beside_them() -> None:
    page = r'<p>So <span class="arithmatex">\(P = \frac{TP}{TP+FP}\)</span>.</p>'
    marked = readable_math(page)
    assert '<span class="sg-search-text" hidden>P = TP/(TP+FP)</span>' in marked
    assert '<span class="arithmatex" data-pagefind-ignore>' in marked


def test_katex_rendered_formulas_are_skipped_with_their_annotation_as_text() -> None:
    page = (
        '<span class="arithmatex"><span class="katex"><span class="katex-mathml"><math><semantics><mi>x</mi>'
        '<annotation encoding="application/x-tex">\\alpha^2</annotation></semantics></math></span>'
        '<span class="katex-html">α2</span></span></span>'
    )
    marked = readable_math(page)
    # Pagefind skips the formula by its class (searchindex.EXCLUDE): no attribute for every reader to download.
    assert "data-pagefind-ignore" not in marked and ".katex" in searchindex.EXCLUDE.split(", ")
    assert '<span class="sg-search-text" hidden>α^2</span><span class="katex">' in marked


def test_spelling_variants_both_ways() -> None:
    found = variants("A trade-off when you regularize, or normalise, and analyse")
    assert {"tradeoff", "regularise", "normalize", "analyze"} <= set(found)


def test_glossary_names_add_the_names_the_page_does_not_use() -> None:
    names = glossary_names([GlossaryEntry("IQR", "Interquartile range.", aliases=("interquartile range",))])
    words = synonyms("Points beyond 1.5 IQR of the IQR fences are outliers.", names)
    assert words.count("interquartile range") == 2  # as often as the page says IQR
    assert "IQR" not in words


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("mini-search")
    project = make_project(tmp, FIXTURES / "mini")
    site = tmp / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_fixture_guide_indexes_question_pages_only(mini_site: Path) -> None:
    assert (mini_site / "pagefind" / "pagefind.js").is_file()
    assert list((mini_site / "pagefind" / "fragment").iterdir())
    assert not (mini_site / "search").exists(), "Material's lunr index is not shipped beside Pagefind's"
    assert not list((mini_site / "pagefind").glob("pagefind-*ui*")), "Pagefind's own UIs are not used"
    home = (mini_site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in home
    assert "data-sg-search" in home and 'data-md-component="search"' not in home
    for question in ("overfitting", "precision-recall", "regularization", "roc-auc"):
        page = (mini_site / "questions" / question / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<article [^>]*data-pagefind-body", page), question


def test_fixture_pages_carry_filters_readable_math_and_other_names(mini_site: Path) -> None:
    roc = (mini_site / "questions" / "roc-auc" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="topic:Metrics"' in roc and 'data-pagefind-filter="topic:Basics"' in roc
    assert 'data-pagefind-filter="difficulty:Advanced"' in roc
    hidden = " ".join(re.findall(r'class="sg-search-text" hidden>([^<]*)<', roc))
    assert "area under the curve" in hidden  # the glossary's other name for AUC
    assert "summarizes" in hidden  # the page writes "summarises"
    precision = (mini_site / "questions" / "precision-recall" / "index.html").read_text(encoding="utf-8")
    assert '<span class="sg-search-text" hidden>P = TP/(TP+FP)</span>' in precision
    # The typeset formula (build-time KaTeX) is skipped; the readable text beside it is indexed.
    assert '<span class="katex">' in precision

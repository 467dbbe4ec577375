"""Figures drawn at build time from a question's `figures:` list (figureload, safeexpr, plotsvg).

Behaviour is tested on the fixture guide (tests/fixtures/mini, whose roc-auc question has a
figure using every kind of series); the tests naming the ML guide check its own figures.
Bad figure files are cases of the bad-input corpus (tests/bad_inputs/figure-*).
"""

from __future__ import annotations

import itertools
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT
from studyguide import safeexpr
from studyguide.loader import load_guide
from studyguide.pipeline import generate

SVG = "{http://www.w3.org/2000/svg}"


def _figures(page: str) -> list[ET.Element]:
    return [ET.fromstring(block) for block in re.findall(r"<figure class=\"sg-figure\".*?</figure>", page)]


def _generate(questions: Path, docs: Path) -> dict[str, str]:
    generate(questions, docs)
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}


def test_fixture_figure_is_an_accessible_svg_after_the_answer(tmp_path: Path) -> None:
    pages = _generate(FIXTURES / "mini", tmp_path / "docs")
    page = pages["questions/roc-auc.md"]
    (figure,) = _figures(page)
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and svg.get("aria-labelledby") == title.get("id")
    assert title.text == "ROC curve of a binormal model bowing above the dashed chance diagonal."
    caption = figure.find("figcaption")
    assert caption is not None and "A curve nearer the top-left corner ranks better." in "".join(caption.itertext())
    # After the answer, before the key points; text in the drawing is escaped, not markup.
    assert page.index("ranks above a random negative") < page.index('<figure class="sg-figure"') < page.index("TPR on y")
    assert "better &lt;ranking&gt;" in page
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert {"False positive rate", "True positive rate", "Binormal model", "Chance", "Measured points"} <= set(labels)


def test_figure_colours_follow_the_page(tmp_path: Path) -> None:
    """Text and axes take the page's text colour; series a palette class the stylesheet maps per scheme."""
    page = _generate(FIXTURES / "mini", tmp_path / "docs")["questions/roc-auc.md"]
    (figure,) = _figures(page)
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("fill") == "currentColor"
    classes = {g.get("class") for g in svg.iter(f"{SVG}g")}
    assert {"sg-c1", "sg-c2", "sg-c3"} <= classes
    css = (ROOT / "scripts/studyguide/assets/css/figures.css").read_text(encoding="utf-8")
    assert '[data-md-color-scheme="slate"]' in css and "@media print" in css


def test_figures_are_byte_identical_between_builds(tmp_path: Path) -> None:
    first = _generate(FIXTURES / "mini", tmp_path / "a")["questions/roc-auc.md"]
    second = _generate(FIXTURES / "mini", tmp_path / "b")["questions/roc-auc.md"]
    assert first == second
    assert "nan" not in first.split("<figure", 1)[1].split("</figure>")[0].lower()


def test_editing_a_figure_file_changes_the_page(tmp_path: Path) -> None:
    """The question file is unchanged, so only the figure file's own bytes can tell the build."""
    questions = tmp_path / "questions"
    shutil.copytree(FIXTURES / "mini", questions)
    before = _generate(questions, tmp_path / "docs")["questions/roc-auc.md"]
    spec = questions / "figures" / "roc.yml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("label: Chance", "label: Coin toss"), encoding="utf-8")
    after = _generate(questions, tmp_path / "docs")["questions/roc-auc.md"]
    assert "Coin toss" in after and "Coin toss" not in before


def test_formulas_evaluate_and_refuse_code() -> None:
    tree = safeexpr.parse("1 / (1 + exp(-x)) + max(0, x)^2", ("x",))
    assert safeexpr.evaluate(tree, {"x": 0.0}) == pytest.approx(0.5)
    for text in ("__import__('os')", "x.real", "[x]", "open('f')", "lambda: 1", "y + 1", "'a' * 3", "x if x else 1"):
        with pytest.raises(safeexpr.ExpressionError):
            safeexpr.parse(text, ("x",))
    with pytest.raises(safeexpr.ExpressionError):
        safeexpr.evaluate(safeexpr.parse("10 ^ 10 ^ 10", ("x",)), {"x": 1.0})


ML_FIGURES = {
    "roc-auc",
    "precision-vs-recall",
    "bias-variance-tradeoff",
    "l1-vs-l2-regularization",
    "activation-functions",
    "gradient-descent",
    "decision-trees",
    "kernel-trick",
}


def test_ml_guide_figures_load_and_every_one_has_alt_text_and_a_caption() -> None:
    """This repository's guide (questions/): the questions where a picture teaches have one."""
    guide = load_guide(ROOT / "questions")
    with_figures = {q.id: q.figures for q in guide.questions if q.figures}
    assert set(with_figures) >= ML_FIGURES
    for figures in with_figures.values():
        for figure in figures:
            assert figure.spec is not None
            assert len(figure.alt.split()) >= 12, f"{figure.file}: alt text should describe what the figure shows"
            assert figure.caption


def test_ml_guide_roc_curve_is_the_binormal_curve_it_claims() -> None:
    """questions/figures/roc-curves.yml: model A's area under the sampled curve is the AUC in its label."""
    guide = load_guide(ROOT / "questions")
    spec = guide.question("roc-auc").figures[0].spec
    assert spec is not None
    for mark, auc in zip(spec.marks[:2], (0.856, 0.714), strict=True):
        points = sorted(mark.points)
        area = sum((x2 - x1) * (y1 + y2) / 2 for (x1, y1), (x2, y2) in itertools.pairwise(points))
        assert area == pytest.approx(auc, abs=0.005)
        assert f"AUC {auc:.2f}" in mark.label

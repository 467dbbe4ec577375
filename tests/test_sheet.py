"""The two-page cheat sheet (Typst): pages, formulas typeset, comparison tables, every question, same bytes, no network.

Tests named `..._ml_guide` render this repository's guide (questions/); the others use the
fixture guide tests/fixtures/mini, with a `cheatsheet:` field added where they need one.
"""

from __future__ import annotations

import io
import re
import shutil
import socket
from pathlib import Path

import pytest
import typst
from helpers import FIXTURES, ROOT
from pypdf import PdfReader
from studyguide import cli_cheatsheet, latexcheck, typstmath, typstpdf
from studyguide.cheatsheet import CheatSheetOptions, render_cheatsheet
from studyguide.loader import load_guide
from studyguide.model import Guide
from studyguide.pipeline import generate

DATE = "2024-03-05"
A4_LANDSCAPE = (841.89, 595.28)
LETTER_LANDSCAPE = (792.0, 612.0)
LATEX_LEFTOVERS = re.compile(r"\\[A-Za-z]+|\$|_\{|\^\{|\[\[|\]\]|\bfrac\(|\bsqrt\(")
"""LaTeX or Typst source a reader should never see: commands, dollars, braces after scripts, wiki links."""

MINI_SHEET = """cheatsheet:
  formulas:
    - label: F1 score
      latex: 'F_1 = \\frac{2PR}{P + R}'
  comparison:
    columns: ['', Precision, Recall]
    rows:
      - [Formula, '$\\frac{TP}{TP + FP}$', '$\\frac{TP}{TP + FN}$']
      - [Favour when, false alarms are costly, misses are costly]
"""


@pytest.fixture(scope="module")
def ml_guide() -> Guide:
    return load_guide(ROOT / "questions")


@pytest.fixture(scope="module")
def mini_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini guide, with a formula and a comparison table on its precision-recall question."""
    folder = tmp_path_factory.mktemp("mini") / "questions"
    shutil.copytree(FIXTURES / "mini", folder)
    path = folder / "precision-recall.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + MINI_SHEET, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mini(mini_dir: Path) -> Guide:
    return load_guide(mini_dir)


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    """Letters and digits only: immune to line breaks, hyphenation and spacing."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def sizes(pdf: bytes) -> set[tuple[float, float]]:
    return {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in PdfReader(io.BytesIO(pdf)).pages}


# -- this repository's guide ------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("paper", "size"), [("A4", A4_LANDSCAPE), ("Letter", LETTER_LANDSCAPE)])
def test_sheet_fits_two_pages_with_every_question_formula_and_table_ml_guide(
    ml_guide: Guide, paper: str, size: tuple[float, float]
) -> None:
    pdf = render_cheatsheet(ml_guide, CheatSheetOptions(paper=paper, content_date=DATE))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) <= 2
    assert sizes(pdf) == {size}
    text = text_of(pdf)
    squashed = squash(text)
    assert [q.id for q in ml_guide.questions if squash(q.title) not in squashed] == []
    labels = [f.label for q in ml_guide.questions for f in q.cheatsheet.formulas]
    assert len(labels) >= 30
    assert [label for label in labels if squash(label) not in squashed] == []
    tables = [q.cheatsheet.comparison for q in ml_guide.questions if q.cheatsheet.comparison]
    assert len(tables) >= 6
    for table in tables:
        assert all(squash(cell) in squashed for cell in table.columns + table.rows[0][:1])
    assert LATEX_LEFTOVERS.findall(text) == []


def test_the_x_vs_y_questions_have_comparison_tables_ml_guide(ml_guide: Guide) -> None:
    for question_id in (
        "l1-vs-l2-regularization",
        "bagging-vs-boosting",
        "roc-auc",
        "batch-vs-online-learning",
        "classification-vs-regression",
        "feature-selection-vs-extraction",
    ):
        assert ml_guide.question(question_id).cheatsheet.comparison is not None, question_id


def test_core_formulas_are_on_the_sheet_ml_guide(ml_guide: Guide) -> None:
    """The formulas the issue names: bias-variance, F1, TPR/FPR, cross-entropy."""
    latex = " ".join(f.latex for q in ml_guide.questions for f in q.cheatsheet.formulas)
    for needle in (r"\text{bias}^2 + \text{variance} + \sigma^2", "F_1 =", r"\text{TPR}", r"\text{FPR}", r"L_{\text{CE}}"):
        assert needle in latex


@pytest.mark.slow
def test_every_formula_of_the_guide_typesets_ml_guide(ml_guide: Guide, tmp_path: Path) -> None:
    """Every $…$ and $$…$$ of every question, and every cheat-sheet formula, compiles in Typst to text with no LaTeX left."""
    found: dict[str, str] = {}
    for q in ml_guide.questions:
        texts = [q.summary, q.answer, *q.key_points]
        if q.cheatsheet.comparison:
            texts += [cell for row in q.cheatsheet.comparison.rows for cell in row]
        for text in texts:
            for _, latex in latexcheck.formulas(text):
                found.setdefault(latex, q.id)
        for formula in q.cheatsheet.formulas:
            found.setdefault(formula.latex, q.id)
    assert len(found) > 300
    body = "\n\n".join(f"$ {typstmath.to_typst(latex)} $" for latex in found)
    source = tmp_path / "all.typ"
    source.write_text('#set text(font: "DejaVu Sans")\n#show math.equation: set text(font: "STIX Two Math")\n' + body)
    pdf = typst.compile(str(source), font_paths=[str(typstpdf.FONTS_DIR)], ignore_system_fonts=True)
    assert LATEX_LEFTOVERS.findall(text_of(pdf)) == []


# -- the converter ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "typst_math"),
    [
        (r"\frac{a}{b}", "frac(a, b)"),
        (r"x_{ij}^2", "x_(i j)^(2)"),
        (r"\sum_{k} p_k^2", "sum_(k) p_(k)^(2)"),
        (r"\text{bias}^2", '"bias"^(2)'),
        (r"\operatorname{Var}(x)", 'op("Var") \\( x \\)'),
        (r"a/b, c", "a \\/ b \\, c"),
        (r"\left( \frac{1}{2} \right)", "lr(\\( frac(1, 2) \\))"),
        (r"x^23", "x^(2) 3"),
        (r"\epsilon \varepsilon \phi", "epsilon.alt epsilon phi.alt"),
    ],
)
def test_latex_becomes_typst_math(latex: str, typst_math: str) -> None:
    assert typstmath.to_typst(latex) == typst_math


@pytest.mark.parametrize(
    ("latex", "reason"),
    [(r"\nosuch{x}", r"unknown command \\nosuch"), (r"\frac{1}{", "unclosed"), (r"\left( x", r"\\left has no matching")],
)
def test_latex_it_cannot_convert_is_refused(latex: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        typstmath.to_typst(latex)


# -- the fixture guide ------------------------------------------------------------------------


@pytest.mark.slow
def test_mini_sheet_shows_the_formula_and_table(mini: Guide) -> None:
    pdf = render_cheatsheet(mini, CheatSheetOptions(content_date=DATE, title="Mini"))
    text = text_of(pdf)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    squashed = squash(text)
    for fragment in ("Formulas", "F1 score", "Comparisons", "Favour when", "false alarms are costly", "Content as of 2024-03-05"):
        assert squash(fragment) in squashed, fragment
    assert all(squash(q.title) in squashed for q in mini.questions)
    assert LATEX_LEFTOVERS.findall(text) == []


@pytest.mark.slow
def test_same_input_same_bytes_and_dates_from_the_content(mini: Guide, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for kind in ("sheet", "book"):
        options = CheatSheetOptions(kind=kind, content_date=DATE)
        first = render_cheatsheet(mini, options)
        assert render_cheatsheet(mini, options) == first
        assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"].startswith("D:20240305")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    stamped = render_cheatsheet(mini, CheatSheetOptions(content_date=DATE))
    assert PdfReader(io.BytesIO(stamped)).metadata["/CreationDate"].startswith("D:20231114221320")


@pytest.mark.slow
def test_only_the_packaged_fonts_are_embedded(mini: Guide) -> None:
    reader = PdfReader(io.BytesIO(render_cheatsheet(mini, CheatSheetOptions(kind="book"))))
    families = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            families.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    assert families <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono", "STIXTwoMath"}, families


@pytest.mark.slow
def test_no_network_at_render_time(mini: Guide, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    for kind in ("sheet", "book"):
        assert render_cheatsheet(mini, CheatSheetOptions(kind=kind)).startswith(b"%PDF-")
    assert attempts == []


@pytest.mark.slow
def test_filtered_sheets_from_the_command_line(mini_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "metrics.pdf"
    assert cli_cheatsheet.main(["--questions", str(mini_dir), "--topic", "metrics", "--out", str(out)], mini_dir.parent) == 0
    guide = load_guide(mini_dir)
    squashed = squash(text_of(out.read_bytes()))
    inside = [q for q in guide.questions if "metrics" in q.topics]
    assert inside and all(squash(q.title) in squashed for q in inside)
    assert not [q.id for q in guide.questions if q not in inside and squash(q.title) in squashed]

    book = tmp_path / "advanced.pdf"
    args = ["--questions", str(mini_dir), "--book", "--difficulty", "advanced", "--paper", "Letter", "--out", str(book)]
    assert cli_cheatsheet.main(args, mini_dir.parent) == 0
    squashed = squash(text_of(book.read_bytes()))
    assert all((squash(q.title) in squashed) == (q.difficulty == "advanced") for q in guide.questions)
    assert sizes(book.read_bytes()) == {(612.0, 792.0)}

    assert cli_cheatsheet.main(["--questions", str(mini_dir), "--columns", "2", "--out", str(book)], mini_dir.parent) == 1
    assert "unsupported column count 2 for the sheet; choose one of: 3, 4" in capsys.readouterr().err


@pytest.mark.slow
def test_summary_counts_agree_with_the_site(mini_dir: Path, tmp_path: Path) -> None:
    """Each topic's count in the summary book is the count its page on the site shows (questions listing the topic)."""
    docs = tmp_path / "docs"
    generate(mini_dir, docs)
    reader = PdfReader(io.BytesIO((docs / "downloads" / "summary.pdf").read_bytes()))
    in_pdf = {item.title for item in reader.outline if not isinstance(item, list)}
    guide = load_guide(mini_dir)
    for topic in guide.topics:
        page = (docs / "topics" / topic.id / "index.md").read_text(encoding="utf-8")
        count = int(re.search(r'class="sg-count"[^>]*>(\d+) question', page).group(1))
        assert f"{topic.title} ({count})" in in_pdf, (topic.id, count, in_pdf)
    # A question filed under another topic is named, with its page, under each topic it lists.
    text = " ".join(text_of((docs / "downloads" / "summary.pdf").read_bytes()).split())
    assert "Also in this topic: What is the ROC curve and AUC? (p. 1)" in text

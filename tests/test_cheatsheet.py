"""The summary book (the longer PDF): pages, paper, bookmarks, contents, fonts, extractable text, filters, same bytes.

The real guide is rendered once per module; other renders use a topic or difficulty
filter. Tests that render a PDF are marked `slow`. The two-page sheet is tested in test_sheet.py.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from studyguide import links
from studyguide.cheatsheet import CheatSheetOptions, render_cheatsheet
from studyguide.loader import load_guide
from studyguide.model import Guide, Question

ROOT = Path(__file__).resolve().parents[1]
DATE = "2024-03-05"
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
MATH_SUMMARY = (
    r"The update $\theta_{t+1} = \theta_t - \eta \nabla J(\theta_t)$ steps against the gradient, "
    r"where $J(\theta) = \frac{1}{n}\lVert X\theta - y\rVert^2$; see [[overfitting]] and [[cross-validation|validation]]."
)
MATH_POINTS = (r"Inline $x^2 + y^2 = r^2$ and $p_k$ sit on the baseline.", "Display:\n\n$$\\hat{y} = \\sigma(w^\\top x + b)$$")


# -- fixtures and helpers ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(ROOT / "questions")


@pytest.fixture(scope="module")
def no_epoch() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield


@pytest.fixture(scope="module")
def a4_pdf(guide: Guide, no_epoch: None) -> bytes:
    return render_cheatsheet(guide, CheatSheetOptions(kind="book", content_date=DATE))


@pytest.fixture(scope="module")
def a4(a4_pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(a4_pdf))


@pytest.fixture(scope="module")
def three_columns(guide: Guide, no_epoch: None) -> PdfReader:
    return PdfReader(io.BytesIO(render_cheatsheet(guide, CheatSheetOptions(kind="book", columns=3, content_date=DATE))))


def squash(text: str) -> str:
    """Letters and digits only: immune to line breaks, hyphenation at line ends and spacing."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def plain(guide: Guide, markdown: str) -> str:
    """What a reader sees of `markdown` as text: links as their words, math gone (it is SVG)."""
    text = links.resolve_inline_links(markdown, lambda target, label: label or guide.question(target).title)
    return re.sub(r"\$\$.+?\$\$|\$[^$\n]+\$", " ", text, flags=re.DOTALL)


def opening(guide: Guide, markdown: str, words: int = 8) -> str:
    """The first words of `markdown` as text, up to its first formula (typeset math extracts as math glyphs)."""
    return squash(" ".join(plain(guide, markdown.split("$", 1)[0]).split()[:words]))


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def outline(reader: PdfReader) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(topic, page index, [(question, page index)]) from the PDF's bookmarks."""
    tree: list[tuple[str, int, list[tuple[str, int]]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            tree[-1][2].extend((child.title, reader.get_destination_page_number(child)) for child in item)
        else:
            tree.append((item.title, reader.get_destination_page_number(item), []))
    return tree


def expected_outline(guide: Guide) -> list[tuple[str, list[str]]]:
    """Each topic with the site's count (every question listing it) and the questions placed under it (primary topic)."""
    groups = [
        (f"{t.title} ({len(guide.questions_in(t.id))})", [q.title for q in guide.questions if q.primary_topic == t.id])
        for t in guide.topics
    ]
    return [(topic, titles) for topic, titles in groups if titles]


def page_sizes(reader: PdfReader) -> set[tuple[float, float]]:
    return {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in reader.pages}


def assert_size(reader: PdfReader, expected: tuple[float, float]) -> None:
    for width, height in page_sizes(reader):
        assert abs(width - expected[0]) <= 1 and abs(height - expected[1]) <= 1, (width, height)


def with_math(guide: Guide) -> tuple[Guide, Question]:
    """The real guide with math, links and code in the first question's summary and key points."""
    first = dataclasses.replace(
        guide.questions[0], summary=MATH_SUMMARY + " Code: `#!python theta -= lr * grad`.", key_points=MATH_POINTS
    )
    return dataclasses.replace(guide, questions=(first, *guide.questions[1:])), first


# -- the real guide ---------------------------------------------------------------------------


@pytest.mark.slow
def test_fifty_questions_fit_on_ten_a4_pages(guide: Guide, a4: PdfReader) -> None:
    assert len(guide.questions) >= 40
    assert 1 <= len(a4.pages) <= 10


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_last_page_is_not_nearly_empty(guide: Guide, paper: str) -> None:
    """The book's last page carries at least a fifth of what an average page does (it used to hold a few lines)."""
    reader = PdfReader(io.BytesIO(render_cheatsheet(guide, CheatSheetOptions(kind="book", paper=paper))))
    lengths = [len(text) for text in page_texts(reader)]
    assert len(lengths) > 1
    assert lengths[-1] >= 0.2 * sum(lengths[:-1]) / len(lengths[:-1]), lengths


@pytest.mark.slow
def test_default_paper_is_a4(a4: PdfReader) -> None:
    assert_size(a4, A4)


@pytest.mark.slow
def test_letter_option(guide: Guide) -> None:
    reader = PdfReader(io.BytesIO(render_cheatsheet(guide, CheatSheetOptions(kind="book", paper="Letter", topic="ensembles"))))
    assert_size(reader, LETTER)


@pytest.mark.slow
def test_bookmarks_for_every_topic_and_question(guide: Guide, a4: PdfReader) -> None:
    tree = outline(a4)
    assert [(topic, [title for title, _ in children]) for topic, _, children in tree] == expected_outline(guide)
    for topic, page, children in tree:
        # A heading never sits alone at the foot of a page: its first card is on the same page.
        assert children[0][1] == page, topic
        assert all(page <= child_page < len(a4.pages) for _, child_page in children)


@pytest.mark.slow
def test_contents_give_each_topic_its_page(a4: PdfReader) -> None:
    first_page = " ".join(a4.pages[0].extract_text().split())
    for topic, page, _ in outline(a4):
        match = re.search(rf"{re.escape(topic)}[ .]*?(\d+)", first_page)
        assert match, f"{topic} missing from the contents"
        assert int(match.group(1)) == page + 1, topic


@pytest.mark.slow
def test_footer_numbers_pages_n_of_total(a4: PdfReader) -> None:
    total = len(a4.pages)
    for number, text in enumerate(page_texts(a4), start=1):
        assert f"{number} / {total}" in text


@pytest.mark.slow
def test_fonts_are_embedded(a4: PdfReader, tmp_path: Path, a4_pdf: bytes) -> None:
    names = []
    for page in a4.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.append(str(font["/BaseFont"]))
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{font['/BaseFont']} is not embedded"
    # The vendored fonts were used (regular and bold), not whatever the machine falls back to.
    families = {name.lstrip("/").split("+", 1)[-1] for name in names}
    assert {"DejaVuSans", "DejaVuSans-Bold", "STIXTwoMath"} <= families, families
    assert families <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono", "STIXTwoMath"}, families
    if shutil.which("pdffonts"):
        path = tmp_path / "sheet.pdf"
        path.write_bytes(a4_pdf)
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), rows


@pytest.mark.slow
def test_every_title_summary_and_key_point_is_text(guide: Guide, a4: PdfReader) -> None:
    text = squash(" ".join(page_texts(a4)))
    missing = [q.id for q in guide.questions if squash(q.title) not in text]
    missing += [f"{q.id}: summary" for q in guide.questions if opening(guide, q.summary) not in text]
    missing += [f"{q.id}: {p}" for q in guide.questions for p in q.key_points if opening(guide, p) not in text]
    assert not missing


@pytest.mark.slow
def test_no_raw_markup_in_the_text(a4: PdfReader) -> None:
    text = " ".join(page_texts(a4))
    for raw in ("$", "\\frac", "\\(", "[[", "]]", "_{", "^{", "frac("):
        assert raw not in text


@pytest.mark.slow
def test_three_columns(guide: Guide, a4: PdfReader, three_columns: PdfReader) -> None:
    assert len(three_columns.pages) <= len(a4.pages)
    assert [t for t, _, _ in outline(three_columns)] == [t for t, _ in expected_outline(guide)]


@pytest.mark.slow
def test_same_input_same_bytes(guide: Guide, a4_pdf: bytes, no_epoch: None) -> None:
    assert render_cheatsheet(guide, CheatSheetOptions(kind="book", content_date=DATE)) == a4_pdf


@pytest.mark.slow
def test_dates_come_from_the_content_not_the_clock(guide: Guide, a4: PdfReader, monkeypatch: pytest.MonkeyPatch) -> None:
    assert a4.metadata["/CreationDate"].startswith("D:20240305")
    assert f"Content as of {DATE}" in a4.pages[0].extract_text()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    options = CheatSheetOptions(kind="book", topic="ensembles", content_date=DATE)
    first = render_cheatsheet(guide, options)
    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"].startswith("D:20231114221320")
    assert render_cheatsheet(guide, options) == first


# -- filters ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_topic_filter_keeps_only_that_topic(guide: Guide) -> None:
    reader = PdfReader(io.BytesIO(render_cheatsheet(guide, CheatSheetOptions(kind="book", topic="evaluation"))))
    text = squash(" ".join(page_texts(reader)))
    inside = [q for q in guide.questions if "evaluation" in q.topics]
    assert inside
    assert [t for t, _, _ in outline(reader)] == [f"{guide.topic('evaluation').title} ({len(inside)})"]
    assert all(squash(q.title) in text for q in inside)
    assert not [q.id for q in guide.questions if q not in inside and squash(q.title) in text]


@pytest.mark.slow
def test_difficulty_filter_keeps_only_that_level(guide: Guide) -> None:
    reader = PdfReader(io.BytesIO(render_cheatsheet(guide, CheatSheetOptions(kind="book", difficulty="advanced"))))
    titles = [title for _, _, children in outline(reader) for title, _ in children]
    assert titles
    assert sorted(titles) == sorted(q.title for q in guide.questions if q.difficulty == "advanced")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            CheatSheetOptions(topic="ensemble"),
            r'unknown topic "ensemble" \(did you mean "ensembles"\?\); choose one of: foundations, ',
        ),
        (CheatSheetOptions(difficulty="hard"), 'unknown difficulty "hard"; choose one of: beginner, intermediate, advanced'),
        (CheatSheetOptions(paper="A5"), 'unknown paper size "A5"; choose one of: A4, Letter'),
        (CheatSheetOptions(kind="book", columns=4), "unsupported column count 4 for the book; choose one of: 1, 2, 3"),
        (CheatSheetOptions(columns=2), "unsupported column count 2 for the sheet; choose one of: 3, 4"),
        (CheatSheetOptions(kind="poster"), 'unknown PDF kind "poster"; choose one of: sheet, book'),
    ],
)
def test_bad_options_name_the_valid_choices(guide: Guide, options: CheatSheetOptions, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        render_cheatsheet(guide, options)


def test_filters_that_match_nothing_are_an_error(guide: Guide) -> None:
    beginners = dataclasses.replace(
        guide, questions=tuple(dataclasses.replace(q, difficulty="beginner") for q in guide.questions)
    )
    with pytest.raises(ValueError, match="no question matches difficulty: Advanced"):
        render_cheatsheet(beginners, CheatSheetOptions(difficulty="advanced"))


# -- math, links and code ---------------------------------------------------------------------


@pytest.mark.slow
def test_math_links_and_code_render_as_math_and_plain_words(guide: Guide) -> None:
    patched, first = with_math(guide)
    reader = PdfReader(io.BytesIO(render_cheatsheet(patched, CheatSheetOptions(kind="book", topic=first.primary_topic))))
    text = " ".join(page_texts(reader))
    for raw in ("$", "\\frac", "\\theta", "[[", "]]", "#!python", "frac(", "hat("):
        assert raw not in text
    squashed = squash(text)
    assert squash("see What is overfitting and how can you prevent it? and validation") in squashed
    assert opening(patched, first.summary) in squashed
    assert squash("theta -= lr * grad") in squashed
    assert "\U0001d703" in text  # the formula is typeset: θ is the math italic glyph

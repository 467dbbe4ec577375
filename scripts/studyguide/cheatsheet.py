"""The printable PDFs: the cheat sheet (two pages) and the summary book (every summary and key point).

Both are Typst templates (`templates/cheatsheet.typ`, `templates/summary.typ`) filled with
JSON made here from the guide: no browser, no network, fonts from `fonts/` only (see
`typstpdf`). What the sheet shows comes from the question files: each question's summary,
its `cheatsheet.formulas` (the formula box) and `cheatsheet.comparison` (a table for an
"X vs Y" question). Words around them come from the UI-string catalogue. The same guide and
options always give a byte-identical PDF: nothing reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import gitdates, pdftext
from .model import DIFFICULTIES, Guide, Question, Topic
from .strings import load as load_strings
from .text import suggest
from .typstmath import to_typst
from .typstpdf import FONT_FILES, FONTS_DIR, Document  # noqa: F401  (FONT_FILES: re-exported for tests)

PAPERS = ("A4", "Letter")
KINDS = ("sheet", "book")
COLUMNS = {"sheet": (3, 4), "book": (1, 2, 3)}
"""Column counts each kind can be laid out in (`DEFAULT_COLUMNS` holds the default)."""
DEFAULT_COLUMNS = {"sheet": 4, "book": 2}
_TYPST_PAPER = {"A4": "a4", "Letter": "us-letter"}
_TEMPLATES = {"sheet": "cheatsheet.typ", "book": "summary.typ"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LAST_PAGE_MIN_FILL = 0.3
"""The summary book's last page holds at least this share of a page, when it has more than one."""
RETRY_MAX_PAGES = 40
"""Books longer than this are laid out once, whatever their last page holds (see `render_cheatsheet`)."""
_BOOK_SIZES = ("9", "8.6", "9.4", "8.3", "9.7")
"""Type sizes (pt) the summary book tries, in order, until its last page is not nearly empty."""


@dataclass(frozen=True)
class CheatSheetOptions:
    """Which PDF, what to put in it and how to lay it out."""

    kind: str = "sheet"
    """"sheet" (two pages: formulas, comparisons, one entry per question) or "book" (every summary and key point)."""
    paper: str = "A4"
    """"A4" or "Letter"."""
    columns: int | None = None
    """Columns per page (see `COLUMNS`); None for the kind's default."""
    topic: str | None = None
    """Only the questions that list this topic id; None for every topic."""
    difficulty: str | None = None
    """Only questions of this level (one of `DIFFICULTIES`); None for every level."""
    title: str = "Study Guide"
    """The guide's name, shown in the title block, the footer and the PDF's metadata."""
    content_date: str = ""
    """ISO date of the content (see `content_date()`); shown in the title block and used as the PDF's date."""
    site_url: str = ""
    """The published site's address, printed under the title ("" when unknown)."""
    rights: str = ""
    """The licence line (mkdocs.yml's `copyright`), printed in the title block."""
    strings: dict[str, str] = field(default_factory=load_strings)
    """The UI-string catalogue (the guide's, with its changes): every label the PDFs print."""
    language: str = "en"


def render_cheatsheet(guide: Guide, options: CheatSheetOptions = CheatSheetOptions()) -> bytes:
    """The PDF as bytes. Raises ValueError for an unknown kind, paper, column count, topic or difficulty."""
    data = pdf_data(guide, options)  # checks the options first
    document = Document(_TEMPLATES[options.kind], data)
    if options.kind == "sheet":
        return document.pdf()
    # A last page holding a few lines wastes paper and looks unfinished: try nearby type sizes.
    # Each try lays the whole book out again, so a long book (where one short page is a
    # small share of the paper) keeps its first layout: 1,000 questions stay one layout.
    first = b""
    for size in _BOOK_SIZES:
        pdf = document.pdf(size=size)
        first = first or pdf
        end = document.query("<sg-end>")
        pages = end[0]["page"] if end else 1
        if pages == 1 or pages > RETRY_MAX_PAGES or end[0]["fill"] >= LAST_PAGE_MIN_FILL:
            return pdf
    return first


def pdf_data(guide: Guide, options: CheatSheetOptions) -> dict[str, Any]:
    """Everything the template prints, as JSON-ready data (useful on its own to debug the content)."""
    _check_layout(options)
    t = options.strings
    groups = select_questions(guide, options)
    chosen = [q for _, questions in groups for q in questions]
    stamp = _metadata_date(options.content_date)
    shown_date = options.content_date or (f"{stamp[0]:04d}-{stamp[1]:02d}-{stamp[2]:02d}" if stamp else "")

    def title_of(question_id: str) -> str:
        return guide.question(question_id).title if guide.has_question(question_id) else question_id

    def entry(q: Question) -> dict[str, Any]:
        return {
            "id": q.id,
            "title": q.title,
            "level": t.get(f"level_{q.difficulty}", q.difficulty),
            # The sheet has a line per question: the summary's opening sentence.
            "summary": pdftext.runs(q.summary if options.kind == "book" else pdftext.first_sentence(q.summary), title_of),
            "key_points": [pdftext.runs(p, title_of) for p in q.key_points] if options.kind == "book" else [],
            "formulas": [{"label": f.label, "math": to_typst(f.latex)} for f in q.cheatsheet.formulas]
            if options.kind == "book"
            else [],
        }

    sections = []
    for topic, questions in groups:
        shown = {q.id for q in questions}
        # The site's topic page counts every question that lists the topic; those placed under
        # another topic are named here with their page, so the two counts agree.
        also = [q for q in guide.questions_in(topic.id) if q.id not in shown and q in chosen] if options.topic is None else []
        if options.kind == "sheet":
            also = []  # two pages have no room for cross-references
        sections.append(
            {
                "id": topic.id,
                "title": topic.title,
                "count": len(questions) + len(also) if options.kind == "book" else len(questions),
                "entries": [entry(q) for q in questions],
                "also": [{"id": q.id, "title": q.title} for q in also],
            }
        )
    count = len(chosen)
    subtitle = [t["pdf_questions"].format(count=count) if count != 1 else t["pdf_question"]]
    subtitle += _filter_labels(guide, options)
    return {
        "kind": options.kind,
        "paper": _TYPST_PAPER[options.paper],
        "columns": options.columns or DEFAULT_COLUMNS[options.kind],
        "lang": options.language.split("-")[0] or "en",
        "title": options.title,
        "subtitle": subtitle,
        "date": list(stamp) if stamp else None,
        "shown_date": t["pdf_content_date"].format(date=shown_date) if shown_date else "",
        "site_url": options.site_url,
        "rights": options.rights,
        "labels": {
            "kind": t["pdf_sheet_name"] if options.kind == "sheet" else t["pdf_book_name"],
            "formulas": t["pdf_formulas"],
            "comparisons": t["pdf_comparisons"],
            "contents": t["pdf_contents"],
            "also": t["pdf_also_in_topic"],
            "page": t["pdf_page"],
            "levels": [t.get(f"level_{d}", d) for d in DIFFICULTIES],
        },
        "formulas": [
            {"label": f.label, "math": to_typst(f.latex), "question": q.title} for q in chosen for f in q.cheatsheet.formulas
        ]
        if options.kind == "sheet"
        else [],
        "comparisons": [
            {
                "title": q.title,
                "columns": list(q.cheatsheet.comparison.columns),
                "rows": [[pdftext.runs(cell, title_of) for cell in row] for row in q.cheatsheet.comparison.rows],
            }
            for q in chosen
            if q.cheatsheet.comparison is not None
        ]
        if options.kind == "sheet"
        else [],
        "sections": sections,
    }


def select_questions(guide: Guide, options: CheatSheetOptions) -> list[tuple[Topic, list[Question]]]:
    """Questions grouped by topic in reading order, after the topic and difficulty filters.

    Without a topic filter each question appears once, under its primary topic; with one,
    every question that lists the topic appears under it.
    """
    _check_filters(guide, options)
    chosen = [q for q in guide.questions if options.difficulty is None or q.difficulty == options.difficulty]
    if options.topic is not None:
        groups = [(guide.topic(options.topic), [q for q in chosen if options.topic in q.topics])]
    else:
        groups = [(t, [q for q in chosen if q.primary_topic == t.id]) for t in guide.topics]
    groups = [(topic, questions) for topic, questions in groups if questions]
    if not groups:
        raise ValueError(f"no question matches {', '.join(_filter_labels(guide, options))}: the PDF would be empty")
    return groups


def content_date(questions_dir: Path) -> str:
    """ISO date (YYYY-MM-DD) of the content (see `gitdates.content_epoch`), or "" for none.

    Never today's date: the same content must give the same PDF.
    """
    epoch = gitdates.content_epoch(questions_dir)
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d") if epoch is not None else ""


def _check_layout(options: CheatSheetOptions) -> None:
    if options.kind not in KINDS:
        raise ValueError(f'unknown PDF kind "{options.kind}"; choose one of: {", ".join(KINDS)}')
    if options.paper not in PAPERS:
        raise ValueError(f'unknown paper size "{options.paper}"; choose one of: {", ".join(PAPERS)}')
    allowed = COLUMNS[options.kind]
    if options.columns is not None and options.columns not in allowed:
        raise ValueError(
            f"unsupported column count {options.columns} for the {options.kind}; choose one of: {', '.join(map(str, allowed))}"
        )


def _check_filters(guide: Guide, options: CheatSheetOptions) -> None:
    topic_ids = [t.id for t in guide.topics]
    if options.topic is not None and options.topic not in topic_ids:
        raise ValueError(
            f'unknown topic "{options.topic}"{suggest(options.topic, topic_ids)}; choose one of: {", ".join(topic_ids)}'
        )
    if options.difficulty is not None and options.difficulty not in DIFFICULTIES:
        raise ValueError(
            f'unknown difficulty "{options.difficulty}"{suggest(options.difficulty, DIFFICULTIES)}; choose one of: {", ".join(DIFFICULTIES)}'
        )


def _filter_labels(guide: Guide, options: CheatSheetOptions) -> list[str]:
    t = options.strings
    parts = []
    if options.topic is not None:
        parts.append(t["pdf_filter_topic"].format(topic=guide.topic(options.topic).title))
    if options.difficulty is not None:
        parts.append(t["pdf_filter_difficulty"].format(level=t.get(f"level_{options.difficulty}", options.difficulty)))
    return parts


def _metadata_date(shown: str) -> tuple[int, ...] | None:
    """The PDF's creation date (year, month, day, hour, minute, second): SOURCE_DATE_EPOCH if set, else the content date."""
    epoch = gitdates.source_date_epoch()
    if epoch is not None:
        moment = datetime.fromtimestamp(epoch, UTC)
        return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    if _ISO_DATE.fullmatch(shown):
        year, month, day = (int(part) for part in shown.split("-"))
        return (year, month, day, 0, 0, 0)
    return None

"""The printable cheat sheet: every question's title, difficulty, summary and key points in one PDF.

A Jinja2 template and a print stylesheet rendered by WeasyPrint, with no browser and no
network: fonts come from `fonts/` next to this file, formulas are SVG made at build time
(`mathsvg`), and the only URLs WeasyPrint may open are local files and `data:` URLs.
The same guide and options always give a byte-identical PDF: nothing reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import gitdates, links
from .codecache import TemplateCodeCache
from .model import DIFFICULTIES, Guide, Question, Topic
from .text import suggest

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
FONTS_DIR = HERE / "fonts"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf")
"""Referenced by `templates/cheatsheet.css`; vendored so every machine embeds the same glyphs."""
PAPERS = ("A4", "Letter")
COLUMNS = (2, 3)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MARKDOWN_SIGNIFICANT = frozenset("\\`*_{}[]()#+-.!|~$<>&\"'")


@dataclass(frozen=True)
class CheatSheetOptions:
    """What to put in the cheat sheet and how to lay it out."""

    paper: str = "A4"
    """"A4" or "Letter"."""
    columns: int = 2
    """2 (larger type) or 3 (denser)."""
    topic: str | None = None
    """Only the questions that list this topic id; None for every topic."""
    difficulty: str | None = None
    """Only questions of this level (one of `DIFFICULTIES`); None for every level."""
    title: str = "Study Guide"
    """The guide's name, shown in the title block, the footer and the PDF's metadata."""
    content_date: str = ""
    """ISO date of the content (see `content_date()`); shown in the title block and used as the PDF's date."""
    site_url: str = ""
    """The published site's address, printed under the title and kept in the PDF's metadata ("" when unknown)."""
    rights: str = ""
    """The licence line (mkdocs.yml's `copyright`), printed in the title block and kept in the metadata."""


@dataclass(frozen=True)
class Card:
    """One question as the template shows it: plain title, HTML for the rest."""

    id: str
    title: str
    difficulty: str
    summary: Markup
    key_points: tuple[Markup, ...]


@dataclass(frozen=True)
class Section:
    """A topic heading and the cards under it, in reading order."""

    topic: Topic
    cards: tuple[Card, ...]

    @property
    def anchor(self) -> str:
        return f"topic-{self.topic.id}"


def render_cheatsheet(guide: Guide, options: CheatSheetOptions = CheatSheetOptions()) -> bytes:
    """The cheat sheet as PDF bytes. Raises ValueError for an unknown paper, column count, topic or difficulty."""
    # Imported here: WeasyPrint takes a second to load, which builds that reuse the last PDF need not pay.
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    _check_fonts()
    document = weasyprint.HTML(
        string=render_html(guide, options),
        base_url=TEMPLATES_DIR.as_uri() + "/",
        url_fetcher=weasyprint.URLFetcher(allowed_protocols=("file", "data")),
    )
    # pdf_identifier=True derives the file ID from the content's hash, so it is reproducible.
    return document.write_pdf(font_config=FontConfiguration(), pdf_identifier=True, custom_metadata=True)


def render_html(guide: Guide, options: CheatSheetOptions = CheatSheetOptions()) -> str:
    """The HTML that WeasyPrint turns into the PDF (useful on its own to debug the layout)."""
    _check_layout(options)
    sections = [
        Section(topic, tuple(_card(guide, q) for q in questions)) for topic, questions in select_questions(guide, options)
    ]
    stamp = _metadata_date(options.content_date)
    template = _environment().get_template("cheatsheet.html.j2")
    return template.render(
        options=options,
        sections=sections,
        question_count=sum(len(s.cards) for s in sections),
        filters=_filter_label(guide, options),
        shown_date=options.content_date or (stamp or "")[:10],
        metadata_date=stamp,
    )


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
        raise ValueError(f"no question matches {_filter_label(guide, options)}: the cheat sheet would be empty")
    return groups


def content_date(questions_dir: Path) -> str:
    """ISO date (YYYY-MM-DD) of the content (see `gitdates.content_epoch`), or "" for none.

    Never today's date: the same content must give the same PDF.
    """
    epoch = gitdates.content_epoch(questions_dir)
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d") if epoch is not None else ""


def _check_layout(options: CheatSheetOptions) -> None:
    if options.paper not in PAPERS:
        raise ValueError(f'unknown paper size "{options.paper}"; choose one of: {", ".join(PAPERS)}')
    if options.columns not in COLUMNS:
        raise ValueError(f"unsupported column count {options.columns}; choose one of: {', '.join(map(str, COLUMNS))}")


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


def _check_fonts() -> None:
    missing = [name for name in FONT_FILES if not (FONTS_DIR / name).is_file()]
    if missing:
        raise FileNotFoundError(f"cheat sheet fonts missing from {FONTS_DIR}: {', '.join(missing)}\n--> Restore them from git.")


def _filter_label(guide: Guide, options: CheatSheetOptions) -> str:
    parts = []
    if options.topic is not None:
        parts.append(f"topic: {guide.topic(options.topic).title}")
    if options.difficulty is not None:
        parts.append(f"difficulty: {options.difficulty}")
    return ", ".join(parts)


def _card(guide: Guide, q: Question) -> Card:
    def plain_link(target: str, text: str | None) -> str:
        # A printed page cannot follow a link: keep the words, drop the link.
        if text:
            return _literal(text)
        try:
            return _literal(guide.question(target).title)
        except KeyError:
            return _literal(target)

    def to_html(text: str) -> Markup:
        from .mathsvg import markdown_html  # ziamath loads its fonts: only when a PDF is made

        return Markup(markdown_html(links.resolve_inline_links(text, plain_link), inline=True))

    return Card(q.id, q.title, q.difficulty, to_html(q.summary), tuple(to_html(p) for p in q.key_points))


def _literal(text: str) -> str:
    """Plain text placed in Markdown: every character Markdown or the math finder could claim becomes an entity."""
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_SIGNIFICANT else c for c in text)


def _metadata_date(shown: str) -> str | None:
    """The PDF's creation date (W3C format): SOURCE_DATE_EPOCH if set, else the content date, else none."""
    epoch = gitdates.source_date_epoch()
    if epoch is not None:
        return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if _ISO_DATE.fullmatch(shown):
        return shown
    return None


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        bytecode_cache=TemplateCodeCache(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )

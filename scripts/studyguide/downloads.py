"""Files the site offers for download: flashcard data, the Anki deck, the PDF cheat sheet.

The deck and the PDF take seconds to make, so each is rebuilt only when its inputs
change: a digest of the guide, the options and the builder's own code is kept beside
the file, and an unchanged digest reuses the file already in docs/downloads/.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from . import flashcards, gitdates
from .buildcache import BuildCache
from .model import Guide
from .render import SiteOptions

DOWNLOADS_DIR = "downloads"
CODE_DIR = Path(__file__).resolve().parent


def _digest(guide: Guide, extra: str, code_files: list[Path]) -> str:
    digest = hashlib.sha256()
    # Deterministic and covering every field a builder can read (see Question.content_key).
    for q in guide.questions:
        digest.update(q.content_key().encode("utf-8"))
    for part in (repr(guide.topics), repr(guide.glossary), extra):
        digest.update(part.encode("utf-8"))
    for path in sorted(code_files):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cached(
    docs_dir: Path,
    name: str,
    key: str,
    build: Callable[[], bytes],
    *,
    keep_stale: bool = False,
    on_reuse: Callable[[], None] | None = None,
) -> dict[str, bytes | str]:
    """The download and its key file, reusing the existing file when the key matches.

    With `keep_stale` (live preview) an existing file is kept even when out of date.
    `on_reuse` is called when the existing file is kept.
    """
    target = docs_dir / DOWNLOADS_DIR / name
    key_file = docs_dir / DOWNLOADS_DIR / f".{name}.key"
    try:
        previous_key = key_file.read_text(encoding="utf-8")
        if (previous_key == key or keep_stale) and target.is_file():
            if on_reuse is not None:
                on_reuse()
            return {f"{DOWNLOADS_DIR}/{name}": target.read_bytes(), f"{DOWNLOADS_DIR}/.{name}.key": previous_key}
    except OSError:
        pass  # no previous build: make it
    return {f"{DOWNLOADS_DIR}/{name}": build(), f"{DOWNLOADS_DIR}/.{name}.key": key}


CHEATSHEETS = {"cheatsheet.pdf": "A4", "cheatsheet-letter.pdf": "Letter"}
"""The printable cheat sheet in both common paper sizes."""


DECK_FILE = "ml-interview-guide.apkg"


CHEATSHEET_MAX_QUESTIONS = 1_500
"""Above this, the site offers no whole-guide PDF: it would run to hundreds of pages and
take minutes per build (about 0.1 s of CPU a question). `build_pages.py cheatsheet
--topic ID` still prints any part of a large guide."""


def offered(guide: Guide) -> tuple[str, ...]:
    """File names under downloads/ that pages may link to."""
    # A new guide with no questions yet has nothing to print: no sheet until the first question.
    sheets = tuple(CHEATSHEETS) if 0 < len(guide.questions) <= CHEATSHEET_MAX_QUESTIONS else ()
    return (*sheets, DECK_FILE)


def build_downloads(
    guide: Guide, docs_dir: Path, options: SiteOptions, cache: BuildCache | None = None
) -> dict[str, bytes | str]:
    """Every download, keyed by its path under docs/."""
    # Imported here: genanki (and, below, the PDF's modules) take time to import, which
    # `--check` and the page-only paths should not pay.
    from . import anki

    cache = cache if cache is not None else BuildCache()  # shared by the cards and the deck: one conversion each
    files: dict[str, bytes | str] = {flashcards.CARDS_PATH: flashcards.cards_json(guide, cache)}
    deck_code = [CODE_DIR / "anki.py", CODE_DIR / "flashcards.py", CODE_DIR / "mdtext.py", CODE_DIR / "links.py"]
    deck_key = _digest(guide, f"{options.site_url}|{options.site_name}|{anki.deck_timestamp(guide)}", deck_code)
    files.update(
        _cached(
            docs_dir,
            anki.DECK_FILE,
            deck_key,
            lambda: anki.build_deck(guide, options.site_url, name=options.site_name, cache=cache),
            # Like the PDFs: live preview keeps the last deck rather than rebuild it on every edit.
            keep_stale=options.preview,
            on_reuse=lambda: anki.keep_notes(guide, options.site_url, cache),
        )
    )
    pdf_code = [
        CODE_DIR / "cheatsheet.py",
        CODE_DIR / "mathsvg.py",
        CODE_DIR / "mdtext.py",
        CODE_DIR / "links.py",
        *sorted((CODE_DIR / "templates").glob("cheatsheet.*")),
    ]
    sheets = {name: paper for name, paper in CHEATSHEETS.items() if name in options.downloads}
    if not sheets:
        return files
    from . import cheatsheet

    date = cheatsheet.content_date(guide.source_dir)
    for name, paper in sheets.items():
        pdf_options = cheatsheet.CheatSheetOptions(paper=paper, title=options.site_name, content_date=date)
        key = _digest(guide, f"{pdf_options}|{gitdates.source_date_epoch()}", pdf_code)
        # A PDF takes seconds: live preview keeps the last one; a published build is always current.
        render = lambda o=pdf_options: cheatsheet.render_cheatsheet(guide, o)  # noqa: E731
        files.update(_cached(docs_dir, name, key, render, keep_stale=options.preview))
    return files

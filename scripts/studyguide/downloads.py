"""Files the site offers for download: flashcard data, the Anki deck, the PDFs (cheat sheet and summary).

The deck and the PDFs take time to make, so each is rebuilt only when its inputs
change. Reuse is decided by a key that digests the guide, the options and
`buildcache.code_digest()` (every file of the generator and every library version), and
the bytes are kept in the build cache: docs/downloads/ is output, never read back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import atomicfile, buildcache, flashcards, gitdates
from .buildcache import BuildCache
from .model import Guide
from .render import SiteOptions

DOWNLOADS_DIR = "downloads"

CHEATSHEETS = {
    "cheatsheet.pdf": ("sheet", "A4"),
    "cheatsheet-letter.pdf": ("sheet", "Letter"),
    "summary.pdf": ("book", "A4"),
    "summary-letter.pdf": ("book", "Letter"),
}
"""The printable PDFs: the two-page cheat sheet and the summary book, each in both common paper sizes.
Typst makes them in seconds even for 1,000 questions, so every guide size gets them."""


def offered(guide: Guide, options: SiteOptions) -> tuple[str, ...]:
    """File names under downloads/ that pages may link to."""
    # A new guide with no questions yet has nothing to print: no sheet until the first question.
    sheets = tuple(CHEATSHEETS) if guide.questions else ()
    return (*sheets, options.deck_file)


def guide_digest(guide: Guide) -> str:
    """Every field a download can show, without the folder the guide was read from."""
    return buildcache.key(*(q.content_key() for q in guide.questions), repr(guide.topics), repr(guide.glossary))


class DownloadStore:
    """Downloads made by earlier builds, one file per (name, key) in the build cache's folder.

    The key is part of the file's name, so a file and its key can never disagree, whatever
    moment a build was killed at.
    """

    def __init__(self, cache: BuildCache) -> None:
        self.folder = cache.folder / DOWNLOADS_DIR if cache.folder is not None else None
        self._cache = cache

    def get(self, name: str, key: str, build: Callable[[], bytes], *, keep_stale: bool = False) -> tuple[bytes, bool]:
        """(bytes, reused): the stored file for `key`, else `build()`'s, stored for next time.

        With `keep_stale` (live preview) the newest stored file is used even when out of date.
        """
        found = self._read(name, key, keep_stale)
        if found is not None:
            return found, True
        data = build()
        self._cache.after_save(lambda: self._write(name, key, data))
        return data, False

    def _read(self, name: str, key: str, any_key: bool) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / f"{key}-{name}").read_bytes()
        except OSError:
            pass
        if not any_key:
            return None
        try:
            stored = sorted(self.folder.glob(f"*-{name}"), key=lambda p: p.stat().st_mtime_ns)
            return stored[-1].read_bytes() if stored else None
        except OSError:
            return None

    def _write(self, name: str, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomicfile.replace_file(self.folder / f"{key}-{name}", data)
            for old in self.folder.glob(f"*-{name}"):
                if old.name != f"{key}-{name}":
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # an unwritable cache makes later builds slower, never wrong


def build_downloads(
    guide: Guide, docs_dir: Path, options: SiteOptions, cache: BuildCache | None = None
) -> dict[str, bytes | str]:
    """Every download, keyed by its path under docs/."""
    # Imported here: genanki (and, below, the PDF's modules) take time to import, which
    # `--check` and the page-only paths should not pay.
    from . import anki

    cache = cache if cache is not None else BuildCache()  # shared by the cards and the deck: one conversion each
    store = DownloadStore(cache)
    files: dict[str, bytes | str] = {flashcards.CARDS_PATH: flashcards.cards_json(guide, cache)}
    content = guide_digest(guide)
    code = buildcache.code_digest()
    deck_key = buildcache.key(code, content, repr(replace(options, preview=False)), str(anki.deck_timestamp(guide)))
    # Like the PDFs: live preview keeps the last deck rather than rebuild it on every edit.
    deck, reused = store.get(
        options.deck_file,
        deck_key,
        lambda: anki.build_deck(guide, options, cache=cache),
        keep_stale=options.preview,
    )
    if reused:
        anki.keep_notes(guide, options, cache)
    files[f"{DOWNLOADS_DIR}/{options.deck_file}"] = deck
    sheets = {name: layout for name, layout in CHEATSHEETS.items() if name in options.downloads}
    if not sheets:
        return files
    from . import cheatsheet

    date = cheatsheet.content_date(guide.source_dir)
    for name, (kind, paper) in sheets.items():
        pdf_options = cheatsheet.CheatSheetOptions(
            kind=kind,
            paper=paper,
            title=options.site_name,
            content_date=date,
            site_url=options.site_url,
            rights=options.rights,
            strings=options.strings,
        )
        key = buildcache.key(code, content, repr(pdf_options), str(gitdates.source_date_epoch()))
        # Live preview keeps the last PDF while an edit is typed; a published build is always current.
        render = lambda o=pdf_options: cheatsheet.render_cheatsheet(guide, o)  # noqa: E731
        files[f"{DOWNLOADS_DIR}/{name}"], _ = store.get(name, key, render, keep_stale=options.preview)
    return files

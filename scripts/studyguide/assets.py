"""The stylesheets, scripts and KaTeX every guide's pages need, shipped inside the package.

Under MkDocs the plugin serves them straight from here (nothing is copied into a guide);
`studyguide generate` writes them under docs/ for renderers that run no plugins (Zensical).
Either way they live at `assets/studyguide/…` in the site, apart from the author's own assets.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .minify import served_bytes

SOURCE = Path(__file__).resolve().parent / "assets"
PREFIX = "assets/studyguide"
STYLESHEETS = ("css/guide.css", "css/print.css", "css/flashcards.css", "css/figures.css", "css/glossary.css")
"""On every page."""
MATH_STYLESHEET = "vendor/katex/katex.min.css"
"""Only on pages with math (under MkDocs: see the plugin); its fonts load only when a formula uses them."""
STUDY_PAGES_STYLESHEET = "css/study-pages.css"
"""Only on the flashcards and mock exam pages (under MkDocs: see the plugin)."""
SCRIPTS = ("js/print.js", "js/a11y.js", "js/flashcards.js", "js/glossary.js")
BUILD_ONLY = ("vendor/katex/katex.min.js",)
"""Run at build time (see `mathrender`), never served: math arrives typeset."""
RETIRED = ("vendor/katex/katex.min.js", "js/math.js")
"""Scripts earlier versions listed in mkdocs.yml; the plugin drops them from `extra_javascript`."""


def _files() -> list[Path]:
    skipped = {SOURCE / name for name in BUILD_ONLY}
    return sorted(
        path for path in SOURCE.rglob("*") if path.is_file() and "__pycache__" not in path.parts and path not in skipped
    )


def _relative_files() -> list[tuple[Path, str]]:
    return [(path, path.relative_to(SOURCE).as_posix()) for path in _files()]


def docs_files() -> dict[str, bytes]:
    """Every asset keyed by its path under docs/ (for `studyguide generate`)."""
    return {f"{PREFIX}/{relative}": served_bytes(path, relative) for path, relative in _relative_files()}


def stylesheet_urls() -> list[str]:
    return [f"{PREFIX}/{name}" for name in STYLESHEETS]


def math_stylesheet_url() -> str:
    return f"{PREFIX}/{MATH_STYLESHEET}"


def study_pages_stylesheet_url() -> str:
    return f"{PREFIX}/{STUDY_PAGES_STYLESHEET}"


def listed_stylesheet_urls() -> list[str]:
    """What mkdocs.yml lists for renderers without plugins (Zensical): every stylesheet on every page."""
    return [math_stylesheet_url(), *stylesheet_urls(), study_pages_stylesheet_url()]


def script_urls() -> list[str]:
    return [f"{PREFIX}/{name}" for name in SCRIPTS]


def add_to_config(config: Any) -> None:
    """List the stylesheets and scripts in `extra_css`/`extra_javascript` unless mkdocs.yml already does.

    KaTeX's stylesheet and the study pages' come off the list (the plugin links them from the
    pages that need them), and
    so do the scripts that typeset math in the browser before it was typeset at build time.
    """
    per_page = {math_stylesheet_url(), study_pages_stylesheet_url()}
    config.extra_css[:] = [url for url in config.extra_css if url not in per_page]
    for url in stylesheet_urls():
        if url not in config.extra_css:
            config.extra_css.append(url)
    retired = {f"{PREFIX}/{name}" for name in RETIRED}
    config.extra_javascript[:] = [script for script in config.extra_javascript if str(script) not in retired]
    listed = {str(script) for script in config.extra_javascript}
    for url in script_urls():
        if url not in listed:
            config.extra_javascript.append(url)


def site_files(config: Any) -> list[Any]:
    """MkDocs `File`s for every asset, read from the package at build time."""
    from mkdocs.structure.files import File

    files = []
    for path, relative in _relative_files():
        data = served_bytes(path, relative)
        if data == path.read_bytes():  # served as it is: MkDocs copies the file
            files.append(File.generated(config, f"{PREFIX}/{relative}", abs_src_path=str(path)))
        else:
            files.append(File.generated(config, f"{PREFIX}/{relative}", content=data))
    return files

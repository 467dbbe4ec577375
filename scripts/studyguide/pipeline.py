"""The generator's stages in order: load and validate → render → write. One call, one build."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import assets, downloads, flashcards, mathrender, mockexam, render, writer
from .buildcache import BuildCache
from .loader import Limits, load_guide
from .model import Guide


def default_cache_dir(questions_dir: Path) -> Path:
    """The project's build cache: `.cache/studyguide/` beside the questions folder (git-ignored)."""
    return questions_dir.resolve().parent / ".cache" / "studyguide"


@dataclass
class GenerateResult:
    guide: Guide
    report: writer.WriteReport | None
    """None when only checking."""
    options: render.SiteOptions = field(default_factory=render.SiteOptions)
    """The options the pages were rendered with (downloads filled in)."""


def generate(
    questions_dir: Path,
    docs_dir: Path,
    *,
    check_only: bool = False,
    limits: Limits = Limits(),
    options: render.SiteOptions = render.SiteOptions(),
    cache_dir: Path | None = None,
    with_assets: bool = False,
) -> GenerateResult:
    """Validate every question file, then (unless `check_only`) write the generated pages.

    `with_assets` also writes the generator's stylesheets, scripts and KaTeX under docs/, for
    renderers that run no MkDocs plugin (the plugin serves them from the package).

    Raises `GuideError` with every problem, before anything is written. With `cache_dir`,
    results of earlier builds whose inputs are unchanged are reused (see `buildcache`);
    without it, a build reuses nothing but what it made itself.
    """
    with _collector_paused(), mathrender.engine_held():
        return _generate(questions_dir, docs_dir, check_only, limits, options, cache_dir, with_assets)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the build.

    A build allocates millions of small objects that all live until it ends (the model,
    pages, cache entries); the collector's periodic passes over them free nothing and cost
    a tenth of the time. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _generate(
    questions_dir: Path,
    docs_dir: Path,
    check_only: bool,
    limits: Limits,
    options: render.SiteOptions,
    cache_dir: Path | None,
    with_assets: bool,
) -> GenerateResult:
    cache = BuildCache(cache_dir)
    # The cards' typeset math, kept between runs when no plugin keeps the site's (`studyguide generate`).
    own_math_cache = cache_dir is not None and mathrender.build_cache() is None
    if own_math_cache:
        mathrender.use_cache(BuildCache(cache_dir / "math-cards"))
    try:
        result = _generate_with(cache, questions_dir, docs_dir, check_only, limits, options, with_assets)
        if own_math_cache:
            mathrender.save_cache()  # only after a build that went through, like the build cache
        return result
    finally:
        if own_math_cache:
            mathrender.use_cache(None)


def _generate_with(
    cache: BuildCache,
    questions_dir: Path,
    docs_dir: Path,
    check_only: bool,
    limits: Limits,
    options: render.SiteOptions,
    with_assets: bool,
) -> GenerateResult:
    # 1. Load and validate: the only place question files are read.
    guide = load_guide(questions_dir, limits, cache)
    if check_only:
        return GenerateResult(guide, None, options)
    # 2. Render every page and download in memory.
    options = replace(options, downloads=downloads.offered(guide, options))
    # An author's own page at a generated path wins (their home page, say); the snippets stay.
    authored = writer.hand_written(docs_dir, list(render.AUTHOR_PAGES))
    rendered = render.render_pages(guide, options, cache)
    pages: dict[str, str | bytes] = {path: text for path, text in rendered.items() if path not in authored}
    pages[flashcards.PAGE_PATH] = flashcards.flashcards_page(guide, options)
    pages[render.mock_exam_path(options)] = mockexam.mock_exam_page(guide, options)
    pages.update(downloads.build_downloads(guide, docs_dir, options, cache))
    if with_assets:
        pages.update(assets.docs_files())
    # 3. Write only what changed, atomically per file, under the build lock.
    report = writer.write_output(docs_dir, pages)
    cache.save()
    return GenerateResult(guide, report, options)

"""The generator's stages in order: load and validate → render → write. One call, one build."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import downloads, flashcards, render, writer
from .loader import Limits, load_guide
from .model import Guide


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
) -> GenerateResult:
    """Validate every question file, then (unless `check_only`) write the generated pages.

    Raises `GuideError` with every problem, before anything is written.
    """
    # 1. Load and validate: the only place question files are read.
    guide = load_guide(questions_dir, limits)
    if check_only:
        return GenerateResult(guide, None, options)
    # 2. Render every page and download in memory.
    options = replace(options, downloads=downloads.offered(guide))
    pages: dict[str, str | bytes] = dict(render.render_pages(guide, options))
    pages[flashcards.PAGE_PATH] = flashcards.flashcards_page(guide, options)
    pages.update(downloads.build_downloads(guide, docs_dir, options))
    # 3. Write only what changed, atomically per file, under the build lock.
    report = writer.write_output(docs_dir, pages)
    return GenerateResult(guide, report, options)

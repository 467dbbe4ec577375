"""MkDocs event handlers: thin wrappers that run the generator and report its errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import render
from .errors import BuildLocked, GuideError
from .loader import env_limits
from .pipeline import generate


def _questions_dir(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent / "questions"


def on_config(config: Any) -> Any:
    """Regenerate the pages before MkDocs collects files, and derive the navigation."""
    options = render.SiteOptions(site_name=config.site_name)
    try:
        result = generate(_questions_dir(config), Path(config.docs_dir), limits=env_limits(), options=options)
    except GuideError as err:
        raise PluginError(f"{len(err.problems)} problem(s) in the question files:\n{err}") from None
    except BuildLocked as err:
        raise PluginError(str(err)) from None
    if not config.nav:
        config.nav = render.nav_for(result.guide, options)
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild when a question file changes, as when a page under docs/ does."""
    server.watch(str(_questions_dir(config)))
    return server


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Point "Edit this page" at the source a contributor should edit.

    Question pages link to their YAML file; other generated pages have no source to
    edit; hand-written pages link to themselves under docs/.
    """
    repo = (config.extra.get("repository") or "").rstrip("/")
    if not repo:
        return markdown
    if "question_id" in page.meta:
        page.edit_url = f"{repo}/edit/main/questions/{page.meta['edit_path']}"
    elif page.meta.get("generated"):
        page.edit_url = None
    else:
        page.edit_url = f"{repo}/edit/main/docs/{page.file.src_uri}"
    return markdown

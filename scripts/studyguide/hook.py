"""MkDocs event handlers: thin wrappers that run the generator and report its errors."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from . import gitdates, publishing, render, searchindex
from .errors import BuildLocked, GuideError
from .loader import env_limits
from .pipeline import default_cache_dir, generate

log = logging.getLogger("mkdocs.plugins.studyguide")

# Facts gathered once per build in on_config and used by the page events.
_state: dict[str, Any] = {"last_changed": {}, "repository": None}
_command = {"name": "build"}


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve` (a live preview) or a build."""
    _command["name"] = command


def _questions_dir(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent / "questions"


def on_config(config: Any) -> Any:
    """Regenerate the pages before MkDocs collects files, and derive the navigation."""
    options = render.SiteOptions(
        site_name=config.site_name,
        site_description=config.site_description or "",
        guide_id=str(config.extra.get("guide_id") or ""),
        site_url=config.site_url or "",
        rights=config.copyright or "",
        preview=_command["name"] == "serve",
    )
    try:
        questions = _questions_dir(config)
        result = generate(
            questions, Path(config.docs_dir), limits=env_limits(), options=options, cache_dir=default_cache_dir(questions)
        )
    except GuideError as err:
        raise PluginError(f"{len(err.problems)} problem(s) in the question files:\n{err}") from None
    except (BuildLocked, ValueError) as err:  # ValueError: a bad STUDYGUIDE_MAX_* setting
        raise PluginError(str(err)) from None
    except OSError as err:  # e.g. a full disk while writing docs/: say so, no traceback
        raise PluginError(f"could not write the generated pages: {err.strerror or err}") from None
    for warning in result.guide.warnings:  # shown, not fatal: --strict fails only on what the CLI refuses
        log.info(str(warning))
    if not config.nav:
        config.nav = render.nav_for(result.guide, result.options)
    _state["last_changed"] = gitdates.last_changed(_questions_dir(config))
    _state["repository"] = repo = publishing.repository(Path(config.config_file_path).parent, config.extra.get("repository"))
    if repo is not None and not config.extra.get("social"):
        # The footer's source link: only when the address is known, never a placeholder.
        config.extra["social"] = [{"icon": repo.icon, "link": repo.url, "name": "Source and issues"}]
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Rebuild when a question file changes, as when a page under docs/ does."""
    server.watch(str(_questions_dir(config)))
    return server


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Point "Edit this page" at the source a contributor should edit, and date question pages.

    Question pages link to their YAML file; other generated pages have no source to
    edit; hand-written pages link to themselves under docs/. Without a known repository
    address there is no edit link at all.
    """
    repo: publishing.Repository | None = _state["repository"]
    if "question_id" in page.meta:
        source = page.meta["edit_path"]
        page.edit_url = repo.edit_url(f"questions/{source}") if repo else None
        changed = _state["last_changed"].get(source)
        if changed:
            # Added here rather than in the generated file, so docs/ stays a pure function of questions/.
            markdown += f'\n\n<p class="sg-updated">Last changed <time datetime="{changed}">{changed}</time></p>\n'
    elif page.meta.get("generated") or repo is None:
        page.edit_url = None
    elif page.meta.get("edit_source"):
        page.edit_url = repo.edit_url(page.meta["edit_source"])
    else:
        try:
            docs = Path(config.docs_dir).resolve().relative_to(Path(config.config_file_path).resolve().parent).as_posix()
        except ValueError:  # docs/ outside the guide's folder: no path in the repository to name
            page.edit_url = None
        else:
            page.edit_url = repo.edit_url(f"{docs}/{page.file.src_uri}")
    return markdown


@event_priority(-100)  # after Material's search plugin has written the index
def on_post_build(config: Any) -> None:
    """Drop the index's repetition (see `searchindex`)."""
    searchindex.compact_search_index(Path(config.site_dir))

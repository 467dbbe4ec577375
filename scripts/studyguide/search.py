"""The header search box: Material's look and shortcuts, Pagefind underneath.

The theme's own search partial is replaced (from `overrides/`) by one with the same classes,
whose small inline script opens it (click, `/`, `s`, `f`) and loads `js/search.js`, the
Pagefind client and the index only then: a page view downloads nothing for search until the
learner opens it. Material's header shows its search box only while a plugin named
`material/search` is enabled; `SearchBox` is that name, with no index of its own.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin

from . import searchmarkup
from .model import Guide

OVERRIDES = Path(__file__).resolve().parent / "overrides"
SEARCH_PLUGIN = "material/search"
# The catalogue's `search_*` strings the box and its script show (js/search.js, partials/search.html).
STRINGS = (
    "placeholder", "label", "reset", "close", "initial", "loading", "none", "one", "many", "more",
    "filters", "topic", "all_topics", "difficulty", "all_levels", "status", "all_statuses", "unavailable",
    "stop_words", "type_to_filter",
)  # fmt: skip
BROWSE_LIMIT = 300
"""Up to this many questions a filter alone lists its questions; Pagefind fetches the whole index
for that (about 1 KB a question), so a larger guide asks for a word first."""
log = logging.getLogger("mkdocs.plugins.studyguide")


class _BoxConfig(base.Config):
    enabled = c.Type(bool, default=True)


class SearchBox(BasePlugin[_BoxConfig]):
    """Stands in for Material's search plugin in the header's `"material/search" in config.plugins` test."""


def add_to_config(config: Any, strings: dict[str, str], guide: Guide | None, identity: str = "") -> None:
    """Our search partial ahead of the theme's, the stand-in plugin, and the words and filters the box shows.

    `identity` is the guide's (`SiteOptions.identity`): the study progress the status filter reads is saved under it.
    """
    dirs = config.theme.dirs
    if str(OVERRIDES) not in dirs:
        # After the guide's own custom_dir (its overrides win), before Material's templates.
        dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
    plugins = config.plugins
    if SEARCH_PLUGIN not in plugins:
        box = SearchBox()
        box.load_config({})
        plugins[SEARCH_PLUGIN] = box
    elif not isinstance(plugins[SEARCH_PLUGIN], SearchBox):
        log.info("the studyguide plugin provides the search: `search` in mkdocs.yml's plugins can go (its index is removed)")
    t = strings
    config.extra["studyguide_search"] = {
        "strings": {name: t[f"search_{name}"] for name in STRINGS},
        "filters": {
            "topic": [topic.title for topic in guide.topics] if guide else [],
            "difficulty": [t[f"level_{level}"] for level in ("beginner", "intermediate", "advanced")],
        },
        "browse": guide is None or len(guide.questions) <= BROWSE_LIMIT,
        # The learner's own status (js/progress-status.js): the badges' words, in their order.
        "progress": {
            "guide": identity,
            "filter": searchmarkup.QUESTION_FILTER,
            "labels": {status: t[f"study_status_{status}"] for status in ("new", "due", "known")},
        },
    }


def config_json(config: Any) -> str:
    return json.dumps(config.extra.get("studyguide_search") or {}, ensure_ascii=False, sort_keys=True)


class SiteSearch:
    """Marks each built page for the index (see `searchmarkup`)."""

    def __init__(self, guide: Guide, strings: dict[str, str]) -> None:
        self.guide = guide
        self.strings = strings
        self.names = searchmarkup.glossary_names(guide.glossary)

    def mark(self, output: str, page: Any) -> str:
        qid = page.meta.get("question_id")
        if qid and self.guide.has_question(qid):
            q = self.guide.question(qid)
            filters = {
                "topic": [self.guide.topic(t).title for t in q.topics],
                "difficulty": [self.strings[f"level_{q.difficulty}"]],
                # Never shown: the box matches results against the learner's progress by it
                # (its status filter, js/progress-status.js); a Pagefind filter, so the
                # counts come with the search instead of from every result's fragment.
                searchmarkup.QUESTION_FILTER: [qid],
            }
            text = searchmarkup.article_text(output)
            return searchmarkup.mark_page(output, filters=filters, extra_words=searchmarkup.synonyms(text, self.names))
        if page.file.src_uri == "glossary.md":
            return searchmarkup.mark_page(output, weight=0.3)
        return output

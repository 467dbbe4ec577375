"""The MkDocs plugin (`plugins: [tags, studyguide]`): events only, the work is elsewhere.

Before MkDocs collects files the generator writes the guide's pages under docs/ and the
navigation is derived from the question files; the generator's stylesheets, scripts and
KaTeX are served from the installed package, so a guide needs nothing copied by hand.
During `mkdocs serve`, problems in the question files are shown on every page in the
browser (the last good pages stay), and the next good save clears them.
"""

from __future__ import annotations

import contextlib
import html
import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from . import (
    assets,
    gitdates,
    htmlspace,
    katexcss,
    katexfonts,
    mathext,
    mathrender,
    publishing,
    render,
    search,
    searchindex,
    themecss,
)
from .buildcache import BuildCache
from .errors import BuildLocked, GuideError
from .loader import env_limits
from .pipeline import default_cache_dir, generate
from .strings import load as load_strings

log = logging.getLogger("mkdocs.plugins.studyguide")


class StudyGuideConfig(base.Config):
    questions = c.Type(str, default="questions")
    """The folder of question files, relative to mkdocs.yml."""
    nav = c.Type(bool, default=True)
    """Derive the navigation from the question files when mkdocs.yml has no `nav`."""


class StudyGuidePlugin(BasePlugin[StudyGuideConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.engine: contextlib.ExitStack | None = None
        """Keeps the math engine running from the first page to the end of the build."""
        self.last_changed: dict[str, str] = {}
        self.repository: publishing.Repository | None = None
        self.strings: dict[str, str] = {}
        self.problems: str | None = None
        """During `mkdocs serve`: the last generation's problems, shown on every page."""
        self.search: search.SiteSearch | None = None
        self.theme_stylesheets: dict[str, Path] = {}
        """The theme's stylesheets the build copies (site path → source), cut down after the build."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    def questions_dir(self, config: Any) -> Path:
        return (Path(config.config_file_path).resolve().parent / self.config.questions).resolve()

    def on_config(self, config: Any) -> Any:
        try:  # a broken search engine stops the build before MkDocs cleans the last site away
            searchindex.engine_environment()
        except searchindex.SearchIndexError as err:
            raise PluginError(str(err)) from None
        assets.add_to_config(config)
        if mathext.NAME not in config.markdown_extensions:
            config.markdown_extensions.append(mathext.NAME)  # math typeset at build time
        questions = self.questions_dir(config)
        mathrender.use_cache(BuildCache(default_cache_dir(questions) / "math"))
        if self.engine is None:  # `serve` keeps it between rebuilds (stopped at exit)
            self.engine = contextlib.ExitStack()
            self.engine.enter_context(mathrender.engine_held())
        guide_dir = Path(config.config_file_path).resolve().parent
        options = site_options(config, preview=self.command == "serve")
        self.strings = options.strings
        search.add_to_config(config, self.strings, None, options.identity)  # the box shows even while the files have problems
        try:
            result = generate(
                questions,
                Path(config.docs_dir),
                limits=env_limits(),
                options=options,
                cache_dir=default_cache_dir(questions),
            )
        except GuideError as err:
            message = f"{len(err.problems)} problem(s) in the question files:\n{err}"
            if self.command != "serve":
                raise PluginError(message) from None
            # A failed build makes `mkdocs serve` keep the browser waiting: show the problems instead.
            log.error(message)
            self.problems = message
            return config
        except (BuildLocked, ValueError) as err:  # ValueError: a bad STUDYGUIDE_MAX_* setting
            raise PluginError(str(err)) from None
        except OSError as err:  # e.g. a full disk while writing docs/: say so, no traceback
            raise PluginError(f"could not write the generated pages: {err.strerror or err}") from None
        self.problems = None
        self.search = search.SiteSearch(result.guide, self.strings)
        search.add_to_config(config, self.strings, result.guide, options.identity)
        for warning in result.guide.warnings:  # shown, not fatal: --strict fails only on what the CLI refuses
            log.info(str(warning))
        if self.config.nav and not config.nav:
            config.nav = render.nav_for(result.guide, result.options, render.hand_written_pages(Path(config.docs_dir)))
        self.last_changed = gitdates.last_changed(questions)
        self.repository = publishing.repository(guide_dir, config.extra.get("repository"))
        if self.repository is not None and not config.extra.get("social"):
            # The footer's source link: only when the address is known, never a placeholder.
            config.extra["social"] = [{"icon": self.repository.icon, "link": self.repository.url, "name": "Source and issues"}]
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        """The generator's assets, from the installed package, where the guide has no file of its own."""
        for asset in assets.site_files(config):
            if files.get_file_from_path(asset.src_uri) is None:
                files.append(asset)
        self.theme_stylesheets = themecss.theme_stylesheets(files, config.theme)
        if self.problems is not None and files.get_file_from_path("index.md") is None:
            # A first `mkdocs serve` with broken files has no pages yet: give the problems a home.
            files.append(File.generated(config, "index.md", content="# The question files have problems\n"))
        return files

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """Rebuild when a question file changes, as when a page under docs/ does."""
        server.watch(str(self.questions_dir(config)))
        return server

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Point "Edit this page" at the source a contributor should edit, and date question pages (page and sitemap).

        Question pages link to their YAML file; other generated pages have no source to edit;
        hand-written pages link to themselves under docs/. Without a known repository address
        there is no edit link at all.
        """
        repo = self.repository
        if "question_id" in page.meta:
            source = page.meta["edit_path"]
            questions = Path(self.config.questions).as_posix().strip("/")
            page.edit_url = repo.edit_url(f"{questions}/{source}") if repo else None
            changed = self.last_changed.get(source)
            if changed:
                # The sitemap's <lastmod> (overrides/sitemap.xml), rather than MkDocs' build date.
                page.meta["sitemap_lastmod"] = changed
                # Added here rather than in the generated file, so docs/ stays a pure function of questions/.
                t = self.strings
                markdown += f'\n\n<p class="sg-updated">{t["last_changed"]} <time datetime="{changed}">{changed}</time></p>\n'
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

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if mathrender.has_math(output) or page.meta.get("math"):
            output = _with_stylesheet(output, get_relative_url(assets.math_stylesheet_url(), page.url))
        if 'class="sg-fc' in output or 'class="sg-mock' in output:
            output = _with_stylesheet(output, get_relative_url(assets.study_pages_stylesheet_url(), page.url))
        if self.search is not None:
            output = self.search.mark(output, page)
        output = htmlspace.collapse(output)
        if self.problems is None:
            return output
        return _insert_after_body(output, problems_panel(self.problems))

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        """The 404 page too: a learner following a link to a page not built yet sees why."""
        if self.problems is None or not template_name.endswith(".html"):
            return output_content
        return _insert_after_body(output_content, problems_panel(self.problems))

    @event_priority(-100)  # after every other plugin has written its pages
    def on_post_build(self, config: Any) -> None:
        """Index the built site for the header search box (see `searchindex`); keep this build's typeset math for the next."""
        try:
            searchindex.build_index(Path(config.site_dir), str(config.theme.get("language") or "en"))
        except searchindex.SearchIndexError as err:
            raise PluginError(str(err)) from None
        _tell_about_a_large_sitemap(config)
        for dest, (before, after) in themecss.write_purged(Path(config.site_dir), self.theme_stylesheets).items():
            log.debug(f"{dest}: {before:,} → {after:,} bytes (rules no page can match left out)")
        if self.command != "build":
            return  # `serve` keeps typeset math in memory (a partial rebuild would drop the rest) and fonts whole
        site = Path(config.site_dir)
        if self.dirty:
            # Only a whole build knows every formula: a dirty one serves KaTeX's stylesheet and
            # fonts whole, never the cut-down copies an earlier build left (MkDocs skips copying
            # a package file older than the site's copy).
            katexfonts.restore_whole(site)
            katexcss.restore_whole(site)
        else:
            katexfonts.subset_fonts(site, katexfonts.characters_by_font(mathrender.used_html()), mathrender.build_cache())
            katexcss.write_purged(site, mathrender.used_html())
        mathrender.save_cache()
        if self.engine is not None:
            self.engine.close()  # stops the engine
            self.engine = None


SITEMAP_NOTICE_BYTES = 200_000


def _tell_about_a_large_sitemap(config: Any) -> None:
    """Instant navigation fetches the whole sitemap on a reader's first page view: say so when that outweighs the page."""
    sitemap = Path(config.site_dir) / "sitemap.xml"
    features = config.theme.get("features") or []
    if "navigation.instant" in features and sitemap.is_file() and sitemap.stat().st_size > SITEMAP_NOTICE_BYTES:
        log.info(
            f"sitemap.xml is {sitemap.stat().st_size / 1000:,.0f} KB: with navigation.instant, Material fetches it "
            "on every reader's first page view; a guide this large loads lighter without that feature in mkdocs.yml"
        )


def problems_panel(problems: str) -> str:
    """The problems as a panel over the page: styled inline, so it shows whatever CSS failed to load."""
    style = (
        "position:fixed;inset:auto 0 0 0;z-index:1000;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;"
        "background:#fff4f4;color:#5c0000;border-top:4px solid #c00;font:14px/1.5 system-ui,sans-serif"
    )
    return (
        f'<div class="sg-problems" role="alert" style="{style}"><strong>The question files have problems; '
        "the pages are from the last good build. Save a fix and this page reloads.</strong>"
        f'<pre style="white-space:pre-wrap;margin:.5em 0 0;font:13px/1.45 monospace">{html.escape(problems)}</pre></div>'
    )


def _with_stylesheet(page: str, href: str) -> str:
    """A stylesheet only some pages need (KaTeX's, the study pages') in the head, before the guide's own (which may adjust it).

    Material's instant navigation adds and removes head elements as pages change, so the
    stylesheet follows a reader onto the pages that need it and off the others.
    """
    link = f'<link rel="stylesheet" href="{html.escape(href)}">'
    anchor = page.find(f"{assets.PREFIX}/css/guide.css")
    start = page.rfind("<link", 0, anchor) if anchor >= 0 else -1
    if start < 0:
        start = page.find("</head>")
    return page[:start] + link + page[start:] if start >= 0 else page


def _insert_after_body(page: str, fragment: str) -> str:
    start = page.find("<body")
    end = page.find(">", start) + 1 if start >= 0 else 0
    return page[:end] + fragment + page[end:]


def site_options(config: Any, *, preview: bool = False) -> render.SiteOptions:
    """What the generator needs to know of the site, from MkDocs' config."""
    try:
        strings = load_strings(str(config.theme.get("language") or "en"), config.extra.get("strings") or {})
    except (ValueError, AttributeError) as err:
        raise PluginError(str(err)) from None
    return render.SiteOptions(
        strings=strings,
        site_name=config.site_name,
        site_description=config.site_description or "",
        guide_id=str(config.extra.get("guide_id") or ""),
        site_url=config.site_url or "",
        rights=config.copyright or "",
        preview=preview,
    )

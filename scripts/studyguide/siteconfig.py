"""The few facts about the site the generator needs when it runs without MkDocs.

Read from mkdocs.yml so that the command line and the MkDocs hook write identical files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .errors import GuideError, Problem
from .render import SiteOptions
from .strings import load as load_strings
from .yamlread import syntax_error


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name` tags plain YAML does not know."""


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # `!ENV [NAME, default]` or `!ENV NAME`: resolve like MkDocs does.
    if isinstance(node, yaml.SequenceNode):
        names = [loader.construct_object(child) for child in node.value]
        *variables, default = names if len(names) > 1 else (*names, None)
        for variable in variables:
            if variable in os.environ:
                return os.environ[variable]
        return default
    return os.environ.get(loader.construct_scalar(node))  # type: ignore[arg-type]


_TolerantLoader.add_constructor("!ENV", _construct_env)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_options(config_file: Path) -> SiteOptions:
    """Site name and URL from mkdocs.yml; defaults where the file is missing.

    Raises `GuideError` when the file is not valid YAML (a colon in an unquoted `site_name`):
    defaults would put the wrong name on every page, the deck and the PDF without a word.
    """
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return SiteOptions()
    try:
        config = yaml.load(text, Loader=_TolerantLoader) or {}
    except (yaml.scanner.ScannerError, yaml.parser.ParserError) as err:
        line, message = syntax_error(err, text)
        raise GuideError([Problem(_shown(config_file), line, message)]) from None
    except yaml.YAMLError:
        return SiteOptions()  # e.g. a tag MkDocs knows and plain YAML does not: MkDocs reports its own
    if not isinstance(config, dict):
        return SiteOptions()
    defaults = SiteOptions()
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    try:
        strings = load_strings(str(theme.get("language") or "en"), extra.get("strings") or {})
    except (ValueError, AttributeError) as err:
        raise GuideError([Problem(_shown(config_file), 1, str(err).removeprefix("mkdocs.yml: "))]) from None
    return SiteOptions(
        site_name=config.get("site_name") or defaults.site_name,
        strings=strings,
        site_description=config.get("site_description") or "",
        guide_id=str((config.get("extra") or {}).get("guide_id") or ""),
        site_url=config.get("site_url") or "",
        rights=config.get("copyright") or "",
    )


def unlisted_assets(config_file: Path) -> list[str]:
    """Warnings, as `path:line: message`, for each of the generator's stylesheets and scripts mkdocs.yml does not list.

    Under MkDocs the plugin adds them; a renderer that runs no plugins (Zensical, after
    `studyguide generate`) loads only what mkdocs.yml lists, so a guide made by an earlier
    version misses what was added since (its study pages would lose their look, silently).
    """
    from . import assets

    try:
        text = config_file.read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_TolerantLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # site_options has said what is wrong with the file
    if not isinstance(config, dict):
        return []
    warnings = []
    lines = text.splitlines()
    for key, wanted in (("extra_css", assets.listed_stylesheet_urls()), ("extra_javascript", assets.script_urls())):
        listed = {str(item) for item in config.get(key) or [] if isinstance(item, str)}
        line = next((n for n, row in enumerate(lines, 1) if row.startswith(f"{key}:")), 1)
        for url in wanted:
            if url not in listed:
                warnings.append(
                    f"{_shown(config_file)}:{line}: {key} lacks {url}: add it (Zensical runs no plugins and loads only what mkdocs.yml lists)"
                )
    return warnings


def _shown(path: Path) -> Path:
    """`path` as the user would type it: relative to the working folder when it lies inside it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path

"""The few facts about the site the generator needs when it runs without MkDocs.

Read from mkdocs.yml so that the command line and the MkDocs hook write identical files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .render import SiteOptions


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
    """Site name and URL from mkdocs.yml; defaults where the file is missing."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, yaml.YAMLError):
        return SiteOptions()
    defaults = SiteOptions()
    return SiteOptions(
        site_name=config.get("site_name") or defaults.site_name,
        site_description=config.get("site_description") or "",
        guide_id=str((config.get("extra") or {}).get("guide_id") or ""),
        site_url=config.get("site_url") or "",
        rights=config.get("copyright") or "",
    )

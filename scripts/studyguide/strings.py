"""The words the generator puts on pages: one catalogue per language, overridable per guide.

`strings/en.yml` holds every string; `strings/<language>.yml` (for `theme: language:`)
replaces those it has; a guide's `extra: strings:` in mkdocs.yml replaces any it names.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import yaml

from .text import suggest

CATALOGUES = Path(__file__).resolve().parent / "strings"


@cache
def _catalogue(language: str) -> dict[str, str]:
    path = CATALOGUES / f"{language}.yml"
    if not path.is_file():
        if language == "en":  # the one catalogue every other falls back to: a broken install
            raise FileNotFoundError(f"{path}: the generator's string catalogue is missing; reinstall studyguide")
        return {}
    return {str(k): str(v) for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}


def load(language: str = "en", overrides: Mapping[str, object] | None = None) -> dict[str, str]:
    """Every UI string for `language` (English where it has none), with `overrides` applied.

    Raises ValueError naming an override key the catalogue does not have (a typo would
    otherwise change nothing, silently).
    """
    strings = dict(_catalogue("en"))
    strings.update(_catalogue(language.split("-")[0]) if language else {})
    for key, value in (overrides or {}).items():
        if key not in strings:
            raise ValueError(f'mkdocs.yml: extra.strings: unknown string "{key}"{suggest(str(key), strings)}')
        strings[str(key)] = str(value)
    return strings

"""Every word the generator shows comes from the string catalogue, and a guide can change any of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import FIXTURES, SCRIPTS
from studyguide import strings
from studyguide.loader import load_guide
from studyguide.render import SiteOptions, render_pages

PACKAGE = SCRIPTS / "studyguide"
_IN_TEMPLATES = re.compile(r"""\bt\.(\w+)|\bt\[["'](\w+)["']\]""")
_IN_CODE = re.compile(r"""\bt\[["'](\w+)["']\]""")
_PREFIXES = re.compile(r"""\bt\[f?["'](\w+_)(?:\{|["']\s*~)""")


def _keys_used() -> tuple[set[str], set[str]]:
    """(keys named in full, key prefixes completed at run time) in the templates and the code."""
    full, prefixes = set(), set()
    for pattern, paths in ((_IN_TEMPLATES, PACKAGE.glob("templates/*.j2")), (_IN_CODE, PACKAGE.glob("*.py"))):
        for path in paths:
            text = path.read_text(encoding="utf-8")
            full |= {next(g for g in m.groups() if g) for m in pattern.finditer(text)}
            prefixes |= set(_PREFIXES.findall(text))
    prefixes.add("study_")  # the study script's words: checked key by key in test_study_strings.py
    return full, prefixes


def test_every_string_a_page_names_is_in_the_catalogue_and_every_entry_is_used() -> None:
    catalogue = strings.load()
    full, prefixes = _keys_used()
    assert full - catalogue.keys() == set()
    unused = {key for key in catalogue if key not in full and not any(key.startswith(p) for p in prefixes)}
    assert unused == set()


def test_a_guide_changes_any_string_and_a_misspelt_key_is_refused(tmp_path: Path) -> None:
    guide = load_guide(FIXTURES / "mini")
    german = strings.load(overrides={"short_answer": "Kurzantwort", "nav_glossary": "Glossar"})
    pages = render_pages(guide, SiteOptions(strings=german))
    assert ">Kurzantwort</p>" in pages["questions/overfitting.md"]
    with pytest.raises(ValueError, match=r'unknown string "short_anwser" \(did you mean "short_answer"\?\)'):
        strings.load(overrides={"short_anwser": "Kurzantwort"})

"""The generator is guide-neutral: no word of this guide's subject in the package.

Every guide-specific text comes from the guide (its questions, topics, glossary and
mkdocs.yml); a second guide on another subject must never see this one's words.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from helpers import ROOT, SCRIPTS

PACKAGE = SCRIPTS / "studyguide"
TEXT_SUFFIXES = {".py", ".j2", ".yml", ".json", ".js", ".css", ".md", ".txt", ""}
VENDORED = {"vendor", "fonts", "__pycache__"}
"""Third-party files (KaTeX, fonts) are not ours to word."""


def _subject_words() -> set[str]:
    """This guide's vocabulary: its topic titles and glossary terms (and their aliases)."""
    questions = ROOT / "questions"
    topics = yaml.safe_load((questions / "_topics.yml").read_text(encoding="utf-8"))
    glossary = yaml.safe_load((questions / "_glossary.yml").read_text(encoding="utf-8"))
    words = {t["title"] for t in topics}
    for entry in glossary:
        words.add(entry["term"])
        words.update(entry.get("aliases", []))
    # Short terms ("bias", "AUC") are ordinary words or collide with code identifiers; the search
    # engine's own vocabulary is the search code's subject, whatever the guide's.
    return {w.lower() for w in words if len(w) >= 7} - {"stop words", "stemming"}


_CSS_FUNCTIONS = re.compile(r"\b(?:linear|radial|conic)-gradient\(")
"""CSS's gradient functions are the stylesheet's words, not the guide's."""


def _package_files() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*"))
        if path.is_file() and path.suffix in TEXT_SUFFIXES and not VENDORED & set(path.relative_to(PACKAGE).parts)
    ]


def test_the_package_holds_no_word_of_this_guides_subject() -> None:
    words = _subject_words()
    assert len(words) > 50, "the vocabulary was read"
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)
    found = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
        for path in _package_files()
        for number, line in enumerate(_CSS_FUNCTIONS.sub("", path.read_text(encoding="utf-8")).splitlines(), start=1)
        for match in pattern.finditer(line)
    ]
    assert not found, "\n".join(found)

"""The generated glossary page and term links on the fixture guide (tests/fixtures/mini)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import FIXTURES
from studyguide.glossary import letter_of
from studyguide.loader import load_guide
from studyguide.pipeline import generate


def _pages(tmp_path: Path) -> dict[str, str]:
    docs = tmp_path / "docs"
    generate(FIXTURES / "mini", docs)
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}


def test_glossary_page_has_a_letter_bar_a_filter_and_every_term_anchor(tmp_path: Path) -> None:
    page = _pages(tmp_path)["glossary.md"]
    guide = load_guide(FIXTURES / "mini")
    letters = {letter_of(e.term, "#") for e in guide.glossary}
    bar = page[page.index('<nav class="sg-az"') : page.index("</nav>")]
    assert re.findall(r'<a href="#sg-letter-(\w+)">', bar) == sorted(letter.lower() for letter in letters)
    assert bar.count('class="sg-az__empty"') == 26 - len(letters)
    for letter in letters:
        assert f"## {letter} {{ #sg-letter-{letter.lower()} " in page
    for entry in guide.glossary:  # question pages link here: the anchors must stay
        assert f"### {entry.term} {{ #{entry.anchor} }}" in page
    assert 'id="sg-glossary-filter"' in page and '<div class="sg-glossary-filter" hidden>' in page


def test_term_links_carry_the_popover_text_not_a_tooltip(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    links = [link for page in pages.values() for link in re.findall(r"\]\(\.\./glossary\.md#[^)]*\)\{[^}]*\}", page)]
    assert links
    for link in links:
        assert ' "' not in link.split(")")[0], "no title: the theme would show its own tooltip"
        assert "data-term=" in link and "data-definition=" in link


def test_letters_fold_accents_and_put_symbols_last() -> None:
    assert letter_of("Élastic net", "#") == "E"
    assert letter_of("k-means", "#") == "K"
    assert letter_of("3D convolution", "#") == "#"

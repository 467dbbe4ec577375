"""Topic maps (topicmap.py) on the fixture guide: the topics page maps topics only, each topic
page maps its own questions; every label is written out in full and every row is a link."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from helpers import FIXTURES
from studyguide import topicmap
from studyguide.loader import load_guide
from studyguide.pipeline import generate

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _map(page: str) -> ET.Element:
    (figure,) = re.findall(r'<figure class="sg-map-figure">.*?</figure>', page)
    return ET.fromstring(figure)


def _rows(svg: ET.Element) -> list[tuple[str, str, float]]:
    """(label, link, row height) of each row."""
    rows = []
    for link in svg.iter(f"{SVG}a"):
        text = link.find(f"{SVG}text")
        rect = link.find(f"{SVG}rect")
        assert text is not None and rect is not None
        rows.append((" ".join("".join(text.itertext()).split()), link.get(XLINK, ""), float(rect.get("height", 0))))
    return rows


def _pages(tmp_path: Path) -> dict[str, str]:
    docs = tmp_path / "docs"
    generate(FIXTURES / "mini", docs)
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}


def test_topics_page_maps_every_topic_labelled_in_full(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    guide = load_guide(FIXTURES / "mini")
    svg = _map(pages["topics/index.md"]).find(f"{SVG}svg")
    assert svg is not None
    rows = _rows(svg)
    expected = [f"{t.title} ({len([q for q in guide.questions if q.primary_topic == t.id])})" for t in guide.topics]
    assert [label for label, _, _ in rows] == expected
    assert [href for _, href, _ in rows] == [f"{t.id}/" for t in guide.topics]
    # Topics only: no question is drawn on the all-topics map.
    assert not any("questions/" in href for _, href, _ in rows)


def test_topic_page_maps_its_questions_with_tappable_rows(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    guide = load_guide(FIXTURES / "mini")
    drawn = 0
    for topic in guide.topics:
        page = pages[f"topics/{topic.id}/index.md"]
        if '<figure class="sg-map-figure">' not in page:
            continue
        drawn += 1
        svg = _map(page).find(f"{SVG}svg")
        assert svg is not None
        rows = _rows(svg)
        assert sorted(label for label, _, _ in rows) == sorted(q.title for q in guide.questions_in(topic.id))
        assert all(href.startswith("../../questions/") for _, href, _ in rows)
        assert all(height >= 36 for _, _, height in rows)
        # Drawn at about the size of the text around it: narrow enough for a phone's column.
        assert float(svg.get("width", 0)) <= 420
    assert drawn >= 1


def test_long_titles_wrap_instead_of_widening_the_map() -> None:
    from studyguide.topicmap import _draw, _Row

    long = "How would you explain, step by step and with every caveat, why this particular model underfits?"
    svg = ET.fromstring(_draw([_Row(long, "a/", "topic"), _Row("Short", "b/", "topic")], Counter({(0, 1): 1}), "m", "t"))
    assert float(svg.get("width", 0)) <= 420
    lines = [t.text or "" for t in svg.iter(f"{SVG}tspan")]
    assert " ".join(lines[:-1]) == long and all(len(line) <= topicmap.WRAP for line in lines)

"""The real `mkdocs build --strict` of the real guide: pages exist, link up and resolve."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from helpers import ROOT
from studyguide.loader import load_guide

pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if values.get("name") and tag == "a":
            self.ids.add(values["name"] or "")
        if tag in ("a", "link") and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if tag == "a" and values.get("xlink:href"):  # links inside inline SVG (the topic map)
            self.hrefs.append(values["xlink:href"] or "")
        if tag in ("script", "img", "source", "iframe") and values.get("src"):
            self.srcs.append(values["src"] or "")


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_text(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def test_every_question_has_a_page(built_site: Path) -> None:
    guide = load_guide(ROOT / "questions")
    for q in guide.questions:
        html = page_text(built_site, f"questions/{q.id}")
        assert "sg-badge--" + q.difficulty in html
        assert "Short answer" in html


def test_question_page_links_to_its_related_questions(built_site: Path) -> None:
    guide = load_guide(ROOT / "questions")
    q = guide.question("overfitting")
    links = parse(built_site / "questions" / "overfitting" / "index.html")
    for other in q.related:
        assert f"../{other}/" in links.hrefs, other
        assert (built_site / "questions" / other / "index.html").is_file()


def test_backlinks_are_listed(built_site: Path) -> None:
    html = page_text(built_site, "questions/regularization")
    section = html.split('id="see-also"', 1)[1].split("<h2", 1)[0]
    entry = section.split('href="../overfitting/"', 1)[1].split("</li>", 1)[0]
    assert "links here" in entry


def test_topic_page_lists_its_questions(built_site: Path) -> None:
    guide = load_guide(ROOT / "questions")
    for topic in guide.topics:
        links = parse(built_site / "topics" / topic.id / "index.html")
        for q in guide.questions_in(topic.id):
            assert f"../../questions/{q.id}/" in links.hrefs, (topic.id, q.id)


def test_tags_page_lists_every_tag(built_site: Path) -> None:
    guide = load_guide(ROOT / "questions")
    html = page_text(built_site, "tags")
    for tag in {t for q in guide.questions for t in q.tags}:
        assert re.search(rf">\s*{re.escape(tag)}\s*<", html), tag


def test_home_counts_come_from_the_data(built_site: Path) -> None:
    guide = load_guide(ROOT / "questions")
    html = page_text(built_site, "")
    assert f"<strong>{len(guide.questions)} questions</strong>" in html
    assert f"<strong>{len(guide.topics)} topics</strong>" in html


def test_no_raw_wiki_links_or_unrendered_markup(built_site: Path) -> None:
    for page in (built_site / "questions").glob("*/index.html"):
        text = page.read_text(encoding="utf-8")
        body = text.split("<article", 1)[1]
        assert "[[" not in re.sub(r"<code.*?</code>", "", body, flags=re.S), page
        assert "!!! " not in body and "??? " not in body, page


def test_every_internal_link_resolves(built_site: Path) -> None:
    """Follow every href and src of every built page; none may point at a missing file or anchor."""
    # 404.html uses absolute links under site_url's path, as served from GitHub Pages.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = re.search(r"^site_url:.*?(https?://[^\"\s\]]+)", config, re.M)
    prefix = urlparse(site_url.group(1)).path if site_url else "/"
    broken: list[str] = []
    anchors: dict[Path, set[str]] = {}
    pages = sorted(built_site.rglob("*.html"))
    for page in pages:
        anchors[page] = parse(page).ids
    for page in pages:
        parsed = parse(page)
        base = "http://site/" + page.relative_to(built_site).as_posix()
        for link in parsed.hrefs + parsed.srcs:
            url = urlparse(urljoin(base, link))
            if url.scheme not in ("http", "https") or url.netloc != "site":
                continue
            path = "/" + url.path[len(prefix) :] if url.path.startswith(prefix) else url.path
            target = built_site / unquote(path.lstrip("/"))
            if target.is_dir() or url.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} -> {link}")
                continue
            fragment = unquote(url.fragment)
            missing_anchor = fragment and target in anchors and fragment not in anchors[target]
            if missing_anchor and not fragment.startswith(("__", "topic=")):
                broken.append(f"{page.relative_to(built_site)} -> {link} (no anchor)")
    assert not broken, "\n".join(broken[:30])


def test_nothing_is_requested_from_another_host(built_site: Path) -> None:
    """Scripts, styles, images and fonts all come from the site itself (links to read elsewhere are fine)."""
    offenders: list[str] = []
    for page in built_site.rglob("*.html"):
        parsed = _Links()
        text = page.read_text(encoding="utf-8")
        parsed.feed(text)
        for src in parsed.srcs:
            if urlparse(src).netloc:
                offenders.append(f"{page}: {src}")
        for match in re.finditer(r'<link[^>]+rel="(?:stylesheet|preconnect|preload)"[^>]*href="(https?://[^"]+)"', text):
            offenders.append(f"{page}: {match.group(1)}")
    for css in built_site.rglob("*.css"):
        for match in re.finditer(r"url\((['\"]?)(https?://[^)'\"]+)", css.read_text(encoding="utf-8")):
            offenders.append(f"{css}: {match.group(2)}")
    assert not offenders, "\n".join(offenders[:20])


def test_search_index_holds_answers(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "questions/overfitting/" in locations


def test_search_index_holds_content_not_labels(built_site: Path) -> None:
    """Search finds the words of the guide; the labels and controls around them stay out."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    page = docs["questions/overfitting/"]
    # The page's own entry starts with the short answer itself, not its "Short answer" label.
    assert page["text"].startswith("<p>") and "Short answer" not in page["text"]
    assert page["tags"], "the page entry carries the tags the tag boost looks for"
    follow_ups = docs["questions/overfitting/#follow-up-questions"]["text"]
    assert "How can a model overfit even when you use cross-validation?" in follow_ups
    assert "may ask next" not in follow_ups
    flashcards = docs["flashcards/"]["text"]
    assert "Test yourself" in flashcards
    assert "Show answer" not in flashcards and "Reset progress" not in flashcards
    assert "All topics" not in docs["topics/evaluation/"]["text"]
    for doc in index["docs"]:
        if "#" in doc["location"]:
            assert "tags" not in doc, doc["location"]
        assert not re.search(r"</?(?:p|li|ul|ol|pre)>\s+<", doc["text"]), doc["location"]
        assert "<p></p>" not in doc["text"], doc["location"]

"""The real `mkdocs build --strict` of two guides, this one and a small one on another subject:
pages exist, link up and resolve, whatever the guide is about."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from helpers import FIXTURES, ROOT
from studyguide.loader import load_guide
from studyguide.mathtext import latex_to_text
from studyguide.model import Guide

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Built:
    site: Path
    guide: Guide
    url_path: str
    """The path part of the site's address: 404.html links are absolute under it."""


@pytest.fixture(params=["this-guide", "systems"])
def built(request: pytest.FixtureRequest) -> Built:
    if request.param == "this-guide":
        return Built(request.getfixturevalue("built_site"), load_guide(ROOT / "questions"), "/")
    return Built(request.getfixturevalue("systems_site"), load_guide(FIXTURES / "systems"), "/guide/")


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


def test_every_question_has_a_page(built: Built) -> None:
    for q in built.guide.questions:
        html = page_text(built.site, f"questions/{q.id}")
        assert "sg-badge--" + q.difficulty in html
        assert "Short answer" in html


def test_question_page_links_to_its_related_questions(built: Built) -> None:
    for q in built.guide.questions:
        links = parse(built.site / "questions" / q.id / "index.html")
        for other in q.related:
            assert f"../{other}/" in links.hrefs, (q.id, other)
            assert (built.site / "questions" / other / "index.html").is_file()


def test_see_also_lists_each_question_once_and_says_why(built: Built) -> None:
    """Links out, links in and suggestions in one list: no repeats, at most 7, each with its reason."""
    for q in built.guide.questions:
        html = page_text(built.site, f"questions/{q.id}")
        if 'id="see-also"' not in html:
            continue
        section = html.split('id="see-also"', 1)[1].split("<h2", 1)[0]
        entries = re.findall(r'<li><a href="\.\./([^/"]+)/">.*?</li>', section, flags=re.S)
        assert entries and len(entries) == len(set(entries)) <= 7, (q.id, entries)
        assert q.id not in entries


def test_a_question_that_links_here_is_listed_with_its_reason(systems_site: Path) -> None:
    """cap-theorem links to quorum-reads-and-writes in its answer: the target says so."""
    html = page_text(systems_site, "questions/quorum-reads-and-writes")
    section = html.split('id="see-also"', 1)[1].split("<h2", 1)[0]
    entry = section.split('href="../cap-theorem/"', 1)[1].split("</li>", 1)[0]
    assert "links here" in entry or "related" in entry


def test_follow_up_answers_are_folded_under_their_question(built: Built) -> None:
    for q in built.guide.questions:
        html = page_text(built.site, f"questions/{q.id}")
        for follow_up in q.follow_ups:
            if follow_up.answer:
                assert re.search(r'<details class="question sg-follow-up">\s*<summary>', html), q.id
        assert html.count("sg-follow-up") == sum(1 for f in q.follow_ups if f.answer), q.id


def test_topic_page_lists_its_questions(built: Built) -> None:
    for topic in built.guide.topics:
        links = parse(built.site / "topics" / topic.id / "index.html")
        for q in built.guide.questions_in(topic.id):
            assert f"../../questions/{q.id}/" in links.hrefs, (topic.id, q.id)


def test_tags_page_lists_every_tag(built: Built) -> None:
    html = page_text(built.site, "tags")
    for tag in {t for q in built.guide.questions for t in q.tags}:
        assert re.search(rf">\s*{re.escape(tag)}\s*<", html), tag


def test_home_counts_come_from_the_data(built: Built) -> None:
    html = page_text(built.site, "")
    assert f"<strong>{len(built.guide.questions)} questions</strong>" in html
    assert f"<strong>{len(built.guide.topics)} topics</strong>" in html


def test_no_raw_wiki_links_or_unrendered_markup(built: Built) -> None:
    for page in (built.site / "questions").glob("*/index.html"):
        text = page.read_text(encoding="utf-8")
        body = text.split("<article", 1)[1]
        assert "[[" not in re.sub(r"<code.*?</code>", "", body, flags=re.S), page
        assert "!!! " not in body and "??? " not in body, page


def test_every_internal_link_resolves(built: Built) -> None:
    """Follow every href and src of every built page; none may point at a missing file or anchor."""
    site, prefix = built.site, built.url_path
    broken: list[str] = []
    anchors: dict[Path, set[str]] = {}
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        anchors[page] = parse(page).ids
    for page in pages:
        parsed = parse(page)
        base = "http://site/" + page.relative_to(site).as_posix()
        for link in parsed.hrefs + parsed.srcs:
            url = urlparse(urljoin(base, link))
            if url.scheme not in ("http", "https") or url.netloc != "site":
                continue
            path = "/" + url.path[len(prefix) :] if url.path.startswith(prefix) else url.path
            target = site / unquote(path.lstrip("/"))
            if target.is_dir() or url.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
                continue
            fragment = unquote(url.fragment)
            missing_anchor = fragment and target in anchors and fragment not in anchors[target]
            if missing_anchor and not fragment.startswith(("__", "topic=")):
                broken.append(f"{page.relative_to(site)} -> {link} (no anchor)")
    assert not broken, "\n".join(broken[:30])


def test_nothing_is_requested_from_another_host(built: Built) -> None:
    """Scripts, styles, images and fonts all come from the site itself (links to read elsewhere are fine)."""
    offenders: list[str] = []
    for page in built.site.rglob("*.html"):
        parsed = _Links()
        text = page.read_text(encoding="utf-8")
        parsed.feed(text)
        for src in parsed.srcs:
            if urlparse(src).netloc:
                offenders.append(f"{page}: {src}")
        for match in re.finditer(r'<link[^>]+rel="(?:stylesheet|preconnect|preload)"[^>]*href="(https?://[^"]+)"', text):
            offenders.append(f"{page}: {match.group(1)}")
    for css in built.site.rglob("*.css"):
        for match in re.finditer(r"url\((['\"]?)(https?://[^)'\"]+)", css.read_text(encoding="utf-8")):
            offenders.append(f"{css}: {match.group(2)}")
    assert not offenders, "\n".join(offenders[:20])


def test_every_download_is_offered_and_named_after_the_guide(built: Built) -> None:
    """The cheat sheet and the deck exist, and the cheat-sheet page links both."""
    offered = sorted(p.name for p in (built.site / "downloads").iterdir() if p.suffix in (".pdf", ".apkg"))
    assert {name.rsplit(".", 1)[1] for name in offered} == {"apkg", "pdf"}, offered
    cheatsheet, flashcards = page_text(built.site, "cheatsheet"), page_text(built.site, "flashcards")
    for name in offered:
        assert f"downloads/{name}" in (flashcards if name.endswith(".apkg") else cheatsheet), name
    (deck,) = [name for name in offered if name.endswith(".apkg")]
    # Each guide's deck file carries its own name, so a learner's downloads never overwrite each other.
    assert deck == ("ml-interview-guide.apkg" if built.url_path == "/" else "distributed-systems-study-guide.apkg")


def test_search_index_holds_answers(built_site: Path) -> None:
    """Pagefind's index is written, and question pages are what it indexes."""
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    # Nothing of Pagefind the site never fetches: its ready-made interfaces, its highlighter.
    assert not [
        p.name for p in (built_site / "pagefind").glob("pagefind-*") if p.name.endswith(("ui.js", "ui.css", "highlight.js"))
    ]
    assert not (built_site / "search" / "search_index.json").exists(), "one search index, not two"
    page = (built_site / "questions" / "overfitting" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<article [^>]*data-pagefind-body", page)


def test_search_index_holds_content_not_labels(built_site: Path) -> None:
    """Search finds the words of the guide; the labels and controls around them stay out."""
    page = (built_site / "questions" / "overfitting" / "index.html").read_text(encoding="utf-8")
    for label in ("answer", "key-points", "follow-up-questions"):
        assert re.search(rf'<h2 data-pagefind-ignore id="{label}"', page), label
    # Related questions and references are skipped with their headings.
    assert 'data-pagefind-ignore="all"><h2' in page
    for other in ("flashcards", "topics/evaluation", "contributing", ""):
        path = built_site / other / "index.html"
        if path.exists():
            assert "data-pagefind-body" not in path.read_text(encoding="utf-8"), other


def test_meta_descriptions_are_plain_text_with_readable_math(built: Built) -> None:
    """What a search engine or a link preview shows: no TeX, no Markdown marks, no wiki-link brackets."""
    descriptions = {}
    for page in sorted((built.site / "questions").glob("*/index.html")):
        found = re.search(r'<meta name="description" content="([^"]*)">', page.read_text(encoding="utf-8"))
        assert found, page
        descriptions[page.parent.name] = html.unescape(found.group(1))
    raw = {name: text for name, text in descriptions.items() if re.search(r"\$|\\[a-zA-Z]|\[\[|\*\*|`", text)}
    assert not raw
    for question in built.guide.questions:  # this guide: kernel-trick's "$k(\\mathbf{x}, \\mathbf{z}) = …$" and others
        for formula in re.findall(r"\$([^$]+)\$", question.summary):
            assert " ".join(latex_to_text(formula).split()) in descriptions[question.id], (question.id, formula)

"""Property-based tests (hypothesis) of the loader and the renderers.

1. Any bytes, text or YAML-like structure as a question file gives either pages or
   clean `path:line: message` problems (a GuideError), never another exception.
2. Any title the loader accepts comes back intact from the rendered Markdown: in the
   front matter (what MkDocs shows in <title>, navigation and search) and in the H1,
   read with the site's own Markdown extensions, as text and without markup.

The number of examples is moderate so the file runs in well under a minute; set
STUDYGUIDE_HYPOTHESIS_EXAMPLES to run more. The count actually run is printed at the end.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from helpers import FIXTURES, ROOT
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from studyguide import render
from studyguide.errors import GuideError
from studyguide.loader import load_guide

EXAMPLES = int(os.environ.get("STUDYGUIDE_HYPOTHESIS_EXAMPLES", "120"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the first call compiles templates and loads Markdown extensions
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
RUN: Counter[str] = Counter()
"""Examples run per test, printed when the module finishes."""

FIELDS = ["id", "title", "topics", "difficulty", "summary", "answer", "key_points", "related", "tags", "follow_ups", "references"]
PROBLEM_LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>[1-9][0-9]*): (?P<message>\S[^\n]*)$")


@pytest.fixture(scope="module", autouse=True)
def report_examples(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    total = sum(RUN.values())
    detail = ", ".join(f"{name}: {count}" for name, count in sorted(RUN.items()))
    line = f"hypothesis: {total} examples run ({detail})"
    # Shown even under -q and output capture, so a run always says how much it tried.
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if capture is not None and reporter is not None:
        with capture.global_and_fixture_disabled():
            reporter.ensure_newline()
            reporter.write_line(line)
    else:
        print(line)


@pytest.fixture(scope="module")
def guide_dir() -> Iterator[Path]:
    """A copy of the mini guide; each example writes its own `fuzz.yml` into it."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "questions"
        shutil.copytree(FIXTURES / "mini", target)
        shutil.copy(ROOT / "questions" / "_schema.json", target / "_schema.json")
        yield target


def check_pages_or_problems(questions: Path) -> dict[str, str] | None:
    """Load and render: pages, or None after checking that every problem is a clean line."""
    try:
        guide = load_guide(questions)
    except GuideError as err:
        assert err.problems
        for problem in err.problems:
            text = str(problem)
            match = PROBLEM_LINE.match(text)
            assert match, f"not a clean `path:line: message` line: {text!r}"
            assert Path(match["path"]).parent == questions or Path(match["path"]) == questions, text
        return None
    pages = render.render_pages(guide)
    assert "questions/fuzz.md" in pages
    return pages


# -- 1. anything in, pages or clean problems out --------------------------------------------

YAML_TOKENS = st.sampled_from(
    [
        *(f"{f}: " for f in FIELDS),
        "\n", "\n  ", "  ", "- ", "[", "]", "{", "}", ", ", ": ", "? ", "&a ", "*a", "!!str ", "!!binary ", "!foo ",
        "|\n", ">-\n", "'", '"', "# ", "---\n", "...\n", "\t", "~", "null", "yes", "2001-13-45", "0x1F", "1e400",
        "basics", "beginner", "overfitting", "fuzz", "[[overfitting]]", "[[nowhere]]", "$x$", "```\n", "<script>",
        "--8<-- ", "\ufeff", "\r\n", "\\x1b", "é", "🤖",
    ]
)  # fmt: skip
YAMLISH_TEXT = st.lists(st.one_of(YAML_TOKENS, st.text(max_size=8)), max_size=40).map("".join)


@SETTINGS
@given(content=st.one_of(st.text(), YAMLISH_TEXT))
@example(content="id: fuzz\ntitle: 2001-13-45\n")
@example(content="id: fuzz\n" + "key_points: " + "[" * 500 + "]" * 500)
@example(content='"a\\nb": 1\n')
def test_any_text_gives_pages_or_clean_problems(guide_dir: Path, content: str) -> None:
    RUN["text"] += 1
    (guide_dir / "fuzz.yml").write_text(content, encoding="utf-8", errors="surrogatepass")
    check_pages_or_problems(guide_dir)


@SETTINGS
@given(content=st.binary(max_size=400))
@example(content=b"\xff\xfei\x00d\x00")
@example(content=b"\xef\xbb\xbfid: fuzz\r\n")
def test_any_bytes_give_pages_or_clean_problems(guide_dir: Path, content: bytes) -> None:
    RUN["bytes"] += 1
    (guide_dir / "fuzz.yml").write_bytes(content)
    check_pages_or_problems(guide_dir)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.sampled_from(["basics", "metrics", "beginner", "advanced", "overfitting", "fuzz", "https://example.org/", "", " "]),
)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), children, max_size=4),
    ),
    max_leaves=12,
)


def _valid_question() -> dict[str, Any]:
    return {
        "id": "fuzz",
        "title": "A fuzzed question?",
        "topics": ["basics"],
        "difficulty": "beginner",
        "summary": "Short.",
        "answer": "Long.",
        "key_points": ["One."],
        "related": ["overfitting"],
        "tags": ["fuzz"],
        "follow_ups": ["Why?"],
        "references": [{"title": "Doc", "url": "https://example.org/"}],
    }


@st.composite
def questions(draw: st.DrawFn) -> Any:
    """Mostly a valid question with a few fields changed, dropped or added; sometimes anything."""
    if draw(st.integers(0, 9)) == 0:
        return draw(VALUES)
    data = _valid_question()
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)))
        if draw(st.booleans()):
            data.pop(key, None)
        else:
            data[key] = draw(VALUES)
    return data


@SETTINGS
@given(data=questions(), unicode=st.booleans(), flow=st.booleans())
def test_any_structure_gives_pages_or_clean_problems(guide_dir: Path, data: Any, unicode: bool, flow: bool) -> None:
    RUN["structures"] += 1
    text = yaml.safe_dump(data, allow_unicode=unicode, default_flow_style=flow, sort_keys=False)
    (guide_dir / "fuzz.yml").write_text(text, encoding="utf-8")
    pages = check_pages_or_problems(guide_dir)
    if data == _valid_question():
        assert pages is not None


# -- 2. titles survive rendering ------------------------------------------------------------


@cache
def _site_markdown() -> markdown.Markdown:
    """A Markdown converter with the site's own extensions and their settings (mkdocs.yml)."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


class _HeadingReader(HTMLParser):
    """The text of the first <h1>, and the elements inside it other than the permalink."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self._in_h1 = self._in_permalink = False
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if tag == "h1":
            self._in_h1 = True
        elif self._in_h1 and tag == "a" and "headerlink" in (dict(attrs).get("class") or ""):
            self._in_permalink = True
        elif self._in_h1:
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._in_h1:
            self._in_h1, self._done = False, True
        elif tag == "a" and self._in_permalink:
            self._in_permalink = False

    def handle_data(self, data: str) -> None:
        if self._in_h1 and not self._in_permalink and not self._done:
            self.text.append(data)


def _read_heading(source: str, html_input: bool) -> _HeadingReader:
    if not html_input:
        converter = _site_markdown()
        converter.reset()
        source = converter.convert(source)
    reader = _HeadingReader()
    reader.feed(source)
    reader.close()
    return reader


def h1_text(source: str, html_input: bool = False) -> str:
    """The H1's text as a reader sees it (Markdown converted with the site's extensions, or HTML)."""
    return "".join(_read_heading(source, html_input).text).strip()


def heading_markup(source: str) -> list[str]:
    """Elements the H1 gained from its text (links, images, <sup>...): none expected."""
    return _read_heading(source, html_input=False).tags


def split_page(page: str) -> tuple[dict[str, Any], str]:
    """A generated page's front matter (parsed) and its first `# ` heading line."""
    match = re.match(r"---\n(.*?)\n---\n", page, re.DOTALL)
    assert match, page[:200]
    heading = next(line for line in page[match.end() :].splitlines() if line.startswith("# "))
    return yaml.safe_load(match.group(1)), heading


def front_matter_title(page: str) -> str:
    """The title MkDocs takes from the front matter (and shows in <title>, nav, search), decoded."""
    return html.unescape(split_page(page)[0]["title"])


MINI_TITLES = {"what is overfitting?", "precision vs recall", "what is regularization?", "what is the roc curve and auc?"}


def _accepted_title(title: str) -> bool:
    """What the loader accepts as a title: some text, no control characters, at most 200 characters, not taken,
    not the scaffold's placeholder (a line opening with TODO)."""
    return (
        bool(title.strip())
        and not re.search(r"^[ \t]*TODO\b", title, re.MULTILINE)
        and len(title) <= 200
        and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", title)
        and " ".join(title.lower().split()) not in MINI_TITLES
    )


def _round_trip(guide_dir: Path, title: str) -> None:
    data = _valid_question() | {"title": title, "related": []}
    (guide_dir / "fuzz.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    guide = load_guide(guide_dir)
    expected = " ".join(title.split())
    assert guide.question("fuzz").title == expected
    page = render.PageRenderer(guide).question_page(guide.question("fuzz"))
    assert front_matter_title(page) == expected
    heading = split_page(page)[1]
    assert h1_text(heading) == expected, heading
    assert heading_markup(heading) == [], heading


TRICKY_TITLES = [
    "<script>alert('x')</script>",
    "A | B | C",
    "[link](x.md) and [[overfitting]] and ![img](x.png)",
    "# not a heading #",
    "*bold* _it_ **b** __u__",
    "`code` and ``more``",
    "\"double\" and 'single' quotes",
    "Price $5 and $x^2$ and $$y$$",
    "\\(x\\) and \\[y\\] and \\\\",
    "{#id .class} and {: attr }",
    "&amp; &lt; &#36; & <",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "!!! note",
    "[^1] footnote and *[HTML]: abbr",
    "Ends with a backslash \\",
    "Ĉu ŝi? Ωμέγα · 什么 · مرحبا · שלום · 🤖👩🏽‍💻🇫🇷",
    "e\u0301 combining and \u200d joiner and \u200f rtl mark",
    "a\u00a0non-breaking\u2003em space",
]


@SETTINGS
@given(title=st.text(min_size=1, max_size=200))
@example(title="Two\nlines")
def test_titles_survive_rendering(guide_dir: Path, title: str) -> None:
    assume(_accepted_title(title))
    RUN["titles"] += 1
    _round_trip(guide_dir, title)


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_tricky_titles_survive_rendering(guide_dir: Path, title: str) -> None:
    _round_trip(guide_dir, title)


@pytest.mark.parametrize(
    "title",
    [
        "~~strike~~",
        "c/o the 1st, 1/2 (c) (tm)",
        "Is :smile: an emoji?",
        "See https://example.org",
        "www.example.org",
        "me@example.org",
    ],
)
def test_extension_syntax_in_titles_stays_literal(guide_dir: Path, title: str) -> None:
    _round_trip(guide_dir, title)


# -- 3. topic and glossary files: no traceback, nothing outside docs/, no markup in attributes ---

MARK = "zq"
"""In every generated string: an element or attribute named with it was made from data."""
HOSTILE_TOKENS = st.sampled_from(
    [
        '"', "'", "<", ">", "&", " ", "=", "/", "\\", "`", "{", "}", "#", ".", "(", ")", "[", "]", ":", "\n",
        MARK, f"on{MARK}", f"<{MARK}>", f'" on{MARK}="x', f"' on{MARK}='x", f"</head><{MARK}>", f"{{: on{MARK}=x }}",
        "../", "..", "é", "\u202e", "\u200b", "[[overfitting]]", "$x$", "**b**", "<!--", "-->", "&quot;",
    ]
)  # fmt: skip
HOSTILE_TEXT = st.lists(HOSTILE_TOKENS, min_size=1, max_size=12).map("".join)
TOPIC_IDS = st.one_of(st.sampled_from(["basics", "metrics", "extra", "more-topics"]), HOSTILE_TEXT)
ORDERS = st.one_of(st.integers(-5, 5), st.booleans(), st.sampled_from(["1", "yes", None]))


@st.composite
def topics_files(draw: st.DrawFn) -> list[dict[str, Any]]:
    """The mini guide's two topics with hostile titles and descriptions, sometimes more, sometimes broken."""
    topics = [
        {"id": topic_id, "title": draw(HOSTILE_TEXT), "description": draw(HOSTILE_TEXT), "order": order}
        for order, topic_id in enumerate(["basics", "metrics"], 1)
    ]
    for _ in range(draw(st.integers(0, 2))):
        topics.append(
            {"id": draw(TOPIC_IDS), "title": draw(HOSTILE_TEXT), "description": draw(HOSTILE_TEXT), "order": draw(ORDERS)}
        )
    if draw(st.integers(0, 4)) == 0:
        topics[draw(st.integers(0, len(topics) - 1))][draw(st.sampled_from(["id", "title", "order"]))] = draw(VALUES)
    return topics


@st.composite
def glossary_files(draw: st.DrawFn) -> list[dict[str, Any]]:
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        entry: dict[str, Any] = {
            "term": draw(st.one_of(HOSTILE_TEXT, st.sampled_from(["Overfitting", "AUC", "gradient"]))),
            "definition": draw(HOSTILE_TEXT),
        }
        if draw(st.booleans()):
            entry["aliases"] = draw(st.lists(HOSTILE_TEXT, max_size=2))
        if draw(st.integers(0, 3)) == 0:
            entry["anchor"] = draw(TOPIC_IDS)
        entries.append(entry)
    return entries


class _AttributeReader(HTMLParser):
    """Every element and attribute name of a page, and the value of its description."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names += [tag, *(name for name, _ in attrs)]

    handle_startendtag = handle_starttag


def _made_from_data(page: str) -> list[str]:
    """Element and attribute names a page gained from data (they carry MARK), read as a browser would."""
    # Pages open with front matter; snippets (parts other pages include) have none.
    front, _, body = page.partition("\n---\n") if page.startswith("---\n") else ("", "", page)
    converter = _site_markdown()
    converter.reset()
    reader = _AttributeReader()
    reader.feed(converter.convert(body))
    reader.close()
    made = [name for name in reader.names if MARK in name]
    # The description lands in <meta name="description" content="...">: it must hold no raw quote or tag.
    description = (yaml.safe_load(front.removeprefix("---\n")) or {}).get("description", "")
    made += [f"description: {description!r}" for c in '"<>' if c in str(description)]
    return made


@SETTINGS
@given(topics=topics_files(), glossary=glossary_files())
@example(topics=[{"id": "../..", "title": "T", "description": "D", "order": 1}], glossary=[])
@example(  # a tag in a definition once escaped the term link's attribute list
    topics=[
        {"id": "basics", "title": "B", "description": "D", "order": 1},
        {"id": "metrics", "title": "M", "description": "D", "order": 2},
    ],
    glossary=[{"term": "Overfitting", "definition": "<zq>$x$", "anchor": "basics"}],
)
@example(  # a definition's link to no question once stopped the build with a KeyError
    topics=[
        {"id": "basics", "title": "B", "description": "D", "order": 1},
        {"id": "metrics", "title": "M", "description": "D", "order": 2},
    ],
    glossary=[{"term": "Overfitting", "definition": "[[[overfitting]]"}],
)
@example(
    topics=[{"id": "basics", "title": 'B" onzq="x', "description": '" onzq="x </head><zq>', "order": 1},
            {"id": 'metrics" onzq="x', "title": "M", "description": "D", "order": 2}],
    glossary=[{"term": "", "definition": "d"}, {"term": "x" * 3000, "definition": "d"}],
)  # fmt: skip
def test_topic_and_glossary_files_give_safe_pages_or_clean_problems(
    guide_dir: Path, topics: list[dict[str, Any]], glossary: list[dict[str, Any]]
) -> None:
    RUN["topics+glossary"] += 1
    (guide_dir / "fuzz.yml").unlink(missing_ok=True)
    (guide_dir / "_topics.yml").write_text(yaml.safe_dump(topics, allow_unicode=True), encoding="utf-8")
    (guide_dir / "_glossary.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True), encoding="utf-8")
    try:
        try:
            guide = load_guide(guide_dir)
        except GuideError as err:
            for problem in err.problems:
                assert PROBLEM_LINE.match(str(problem)), f"not a clean `path:line: message` line: {problem}"
            return
        pages = render.render_pages(guide)
        for path, page in pages.items():
            assert not path.startswith("/") and ".." not in path.split("/") and "\\" not in path, path
            assert _made_from_data(page) == [], path
        # Navigation titles are printed by the theme as they are: no raw tag may reach them.
        sections = [key for item in render.nav_for(guide)[1]["Topics"][1:] for key in item]
        assert [title for title in sections if "<" in title or ">" in title] == []
    finally:
        shutil.copy(FIXTURES / "mini" / "_topics.yml", guide_dir / "_topics.yml")
        shutil.copy(FIXTURES / "mini" / "_glossary.yml", guide_dir / "_glossary.yml")


URL_TAILS = st.lists(
    st.one_of(st.sampled_from(list(")(<>\"'`\\ []{}!#?&=%;:/*_~|^")), st.sampled_from([")![i](https://evil.example/x.png", "<img src=x>", "é"]), st.text(max_size=3)),
    max_size=10,
).map("".join)  # fmt: skip


@SETTINGS
@given(tail=URL_TAILS)
@example(tail=")![tracker](https://evil.example/p.png")
def test_an_accepted_url_is_one_link_and_nothing_else(tail: str) -> None:
    """Whatever an accepted reference URL holds, its Markdown link gives one <a> to that address and no other element."""
    from studyguide.text import safe_url, url_problem

    url = "https://example.org/" + tail
    assume(url_problem(url) is None)
    RUN["urls"] += 1
    converter = _site_markdown()
    converter.reset()
    reader = _AttributeReader()
    reader.feed(converter.convert(f"- [Title]({safe_url(url)})"))
    assert reader.names == ["ul", "li", "a", "href"]

"""Search as a reader uses it: type a word from an answer, find the question, land on the highlight.

Every query is a word (or two) that appears in the question's answer but not in its title, so a
hit proves the full text is indexed, not just the headings. One page serves every query: the
search index is built once, and each result opens with instant navigation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers import ROOT
from playwright.sync_api import Browser, Page, expect
from sitemap import rebase_sitemap
from studyguide.loader import load_guide
from studyguide.model import Guide

# (query, id of the question that must be among the first results): every topic, two two-word
# queries, metric and algorithm names, and hyphenated terms (Material splits on hyphens).
SEARCHES = [
    ("churner", "roc-auc"),  # evaluation
    ("RMSE", "regression-metrics"),  # evaluation: a metric
    ("SMOTE", "imbalanced-datasets"),  # data preparation: an algorithm
    ("RBF", "kernel-trick"),  # classical algorithms
    ("t-SNE", "dimensionality-reduction"),  # classical algorithms: an algorithm, hyphenated
    ("bootstrap sample", "bagging-vs-boosting"),  # ensembles: two words
    ("pooling", "convolutional-neural-networks"),  # deep learning
    ("residual connection", "vanishing-gradients"),  # deep learning: two words
    ("WordPiece", "text-preprocessing"),  # sequence models: an algorithm
    ("canary", "deploying-models"),  # production
    ("counterfactual", "business-impact-project"),  # behavioural
    ("dropout", "regularization"),  # foundations
    ("Bradley", "rlhf-vs-dpo"),  # large language models: a name
    ("peeking", "ab-testing"),  # experiments and system design
]

# "Among the first results": the glossary and tags pages often rank first for a term they define.
TOP_RESULTS = 3

# True once the result list answers the whole query. Material searches again on every key, so
# earlier lists answer a prefix; each result link carries the query terms it matched (?h=...).
RESULTS_FOR = """last => [...document.querySelectorAll('.md-search-result__link')]
  .some(a => (new URL(a.href).searchParams.get('h') || '').split(' ').includes(last))"""


def words(query: str) -> list[str]:
    """The terms Material searches for: lower case, split on spaces and hyphens."""
    return re.split(r"[\s\-]+", query.lower())


def highlighted_terms(href: str) -> set[str]:
    """The terms a search result link asks the page to highlight (its ?h= parameter)."""
    return set(parse_qs(urlsplit(href).query).get("h", [""])[0].split())


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(ROOT / "questions")


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    rebase_sitemap(context, site_url)
    page = context.new_page()
    page.goto(site_url)
    try:
        yield page
    finally:
        context.close()


def test_queries_are_answer_words_not_title_words(guide: Guide) -> None:
    """Guards the table above: a query found in the title would prove much less."""
    assert {guide.question(qid).topics[0] for _, qid in SEARCHES} >= {t.id for t in guide.topics}
    for query, qid in SEARCHES:
        question = guide.question(qid)
        in_answer = query.lower() in question.answer.lower()
        assert in_answer, f"{query!r} is not in the answer of {qid}"
        in_title = [w for w in words(query) if re.search(rf"\b{re.escape(w)}\b", question.title.lower())]
        assert not in_title, f"{query!r}: {in_title} in the title of {qid}"


@pytest.mark.parametrize(("query", "question_id"), SEARCHES, ids=[q for q, _ in SEARCHES])
def test_search_finds_the_answer_and_highlights_it(
    search_page: Page, site_url: str, guide: Guide, query: str, question_id: str
) -> None:
    page = search_page
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function(RESULTS_FOR, arg=words(query)[-1])

    firsts = page.locator(".md-search-result__item > a:first-child")
    pages = [urlsplit(href).path for href in firsts.evaluate_all("links => links.map(a => a.href)")]
    target = f"/questions/{question_id}/"
    assert target in pages[:TOP_RESULTS], f"{query!r}: {target} not in the first {TOP_RESULTS} results: {pages[:8]}"

    # The page's own entry links to its top when the word is only in a section; the section's
    # entry carries the word (?h=) and its anchor. Click the first visible entry that highlights.
    links = page.locator(".md-search-result__item").nth(pages.index(target)).locator("a.md-search-result__link")
    hrefs = links.evaluate_all("links => links.map(a => a.offsetParent ? a.href : null)")
    highlighting = [i for i, href in enumerate(hrefs) if href and set(words(query)) & highlighted_terms(href)]
    assert highlighting, f"{query!r}: no visible result for {target} carries the query: {hrefs}"
    links.nth(highlighting[0]).click()

    page.wait_for_url(re.compile(re.escape(site_url.rstrip("/") + target)))
    expect(page.locator("article.md-content__inner h1")).to_contain_text(guide.question(question_id).title)
    marks = page.locator("article.md-content__inner mark")
    expect(marks.first).to_be_visible()
    marked = [text.lower() for text in marks.all_inner_texts()]
    assert any(w in text for text in marked for w in words(query)), f"{query!r}: highlighted {marked}"

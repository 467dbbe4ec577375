"""Inline links, the link graph (related, backlinks, suggestions) and glossary matching."""

from __future__ import annotations

import pytest
from helpers import FIXTURES
from studyguide import links
from studyguide.glossary import GlossaryMatcher
from studyguide.loader import load_guide
from studyguide.model import GlossaryEntry


@pytest.fixture(scope="module")
def mini():
    return load_guide(FIXTURES / "mini")


@pytest.fixture(scope="module")
def real():
    """A guide on another subject, with a glossary, inline links and related lists."""
    return load_guide(FIXTURES / "systems")


def test_wiki_link_uses_title_by_default_and_custom_text_when_given() -> None:
    out = links.resolve_inline_links("See [[a]] and [[b|this one]].", lambda t, text: f"<{t}:{text}>")
    assert out == "See <a:None> and <b:this one>."


def test_wiki_links_inside_code_and_math_stay_literal() -> None:
    source = "Use `[[a]]` here.\n\n```\n[[b]]\n```\n\n$[[c]]$ but [[d]]."
    out = links.resolve_inline_links(source, lambda t, text: f"<{t}>")
    assert out == "Use `[[a]]` here.\n\n```\n[[b]]\n```\n\n$[[c]]$ but <d>."
    assert links.inline_targets_with_lines(source) == [(6, "d")]


def test_inline_links_count_as_explicit_links(mini) -> None:
    graph = links.build_graph(mini)
    # overfitting links to regularization both in `related` and inline: listed once.
    assert graph.outgoing["overfitting"] == ("regularization",)
    assert graph.outgoing["regularization"] == ("overfitting", "roc-auc")


def test_backlinks_are_the_mirror_of_outgoing_links(real) -> None:
    graph = links.build_graph(real)
    for source, targets in graph.outgoing.items():
        for target in targets:
            assert source in graph.backlinks[target]
    for target, sources in graph.backlinks.items():
        assert len(set(sources)) == len(sources)
        for source in sources:
            assert target in graph.outgoing[source]


def test_suggestions_fill_up_to_three_and_skip_linked_questions(mini) -> None:
    graph = links.build_graph(mini)
    for q in mini.questions:
        suggested = graph.suggestions[q.id]
        assert q.id not in suggested
        assert not set(suggested) & set(graph.outgoing[q.id])
        assert len(graph.outgoing[q.id]) + len(suggested) <= links.SUGGESTION_TARGET
    # precision-recall links nowhere; roc-auc shares its topic and a tag, so ranks first.
    assert graph.suggestions["precision-recall"][0] == "roc-auc"


def _matcher() -> GlossaryMatcher:
    return GlossaryMatcher(
        (
            GlossaryEntry("AUC", "Area under the curve.", ("area under the ROC curve",)),
            GlossaryEntry("Gradient", "Partial derivatives."),
            GlossaryEntry("Gradient descent", "Stepping downhill."),
            GlossaryEntry("Bias", "Systematic error.", ("biases",)),
            GlossaryEntry("ReLU", "max(0, x)."),
        )
    )


def _link(text: str, entry: GlossaryEntry) -> str:
    return f"<{entry.term}|{text}>"


def link(markdown: str) -> str:
    return _matcher().link_terms([markdown], _link)[0][0]


def test_glossary_links_first_mention_only() -> None:
    assert link("Bias here, bias there.") == "<Bias|Bias> here, bias there."


def test_glossary_respects_word_boundaries() -> None:
    assert link("Biased estimators and unbiasedness.") == "Biased estimators and unbiasedness."
    assert link("AUCTION and pre-AUC") == "AUCTION and pre-AUC"


def test_glossary_prefers_the_longest_term() -> None:
    assert link("Gradient descent uses the gradient.") == "<Gradient descent|Gradient descent> uses the <Gradient|gradient>."


def test_glossary_aliases_and_case() -> None:
    assert link("Two biases.") == "Two <Bias|biases>."
    # Acronyms match only as written; ordinary words in any case.
    assert link("auc and relu") == "auc and relu"
    assert link("AUC and ReLU") == "<AUC|AUC> and <ReLU|ReLU>"
    assert link("the area under the ROC curve") == "the <AUC|area under the ROC curve>"


def test_glossary_offsets_hold_when_lower_case_changes_length() -> None:
    # "İ" lowers to two characters; terms after it are still found and cut at the right place.
    assert link("İstanbul GRADIENT and ReLU.") == "İstanbul <Gradient|GRADIENT> and <ReLU|ReLU>."
    assert link("İ relu") == "İ relu"


@pytest.mark.parametrize(
    "markdown",
    [
        "`bias` in code",
        "```python\nbias = 1\n```",
        "$\\text{bias}^2$",
        "$$\nbias\n$$",
        "[the bias](page.md)",
        "### Bias and variance",
        '!!! note "Bias"',
        "<span title='bias'>x</span>",
        "https://example.com/bias",
        "[[bias-variance|bias]]",
    ],
)
def test_glossary_never_rewrites_protected_text(markdown: str) -> None:
    assert link(markdown) == markdown


def test_a_glossary_alias_links_its_term(real) -> None:
    matcher = GlossaryMatcher(real.glossary)
    _, used = matcher.link_terms([real.question("cap-theorem").answer], _link)
    assert "Quorum" in [entry.term for entry in used], "'quorums' is an alias of Quorum"

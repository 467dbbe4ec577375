"""A glossary term's popover text (issue 19): the definition as plain text, safe in the term link's attributes."""

from __future__ import annotations


def test_a_glossary_popover_shows_the_definition_as_plain_text() -> None:
    from studyguide.popovertext import popover_text

    def title_of(target: str) -> str:
        return {"q": "What is Q?"}[target]

    text = popover_text("A *marked* word, `code`, $\\frac{a}{b}$, [a link](x.md), [[q]], [[q|this]] and <b>tags</b>.", title_of)
    assert text == "A marked word, code, a/b, a link, What is Q?, this and tags."
    assert popover_text('p < 0.05, "quoted" {x}', title_of) == "p < 0.05, 'quoted' x"
    assert "<" not in popover_text("<zq>$x$", title_of)

"""Study mode in the site: the card data (`downloads/cards.json`) and the flashcards page.

Both are pure functions of the `Guide`, like the renderers: the same guide gives the
same bytes. The page's script (assets/js/flashcards.js in the package) loads the JSON, keeps the
learner's progress in localStorage and fills the status badges on the other pages.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import cache

import markdown

from . import buildcache, links, mathrender, study
from .buildcache import BuildCache
from .model import DIFFICULTIES, FollowUp, Guide, Question
from .render import SiteOptions, _environment, counted, front_matter
from .text import escape_inline

CARDS_PATH = "downloads/cards.json"
"""Where the card data lands under docs/ (and so under the site root)."""
PAGE_PATH = "flashcards.md"
"""The flashcards page under docs/; its URL is flashcards/."""
CARDS_FORMAT_VERSION = 2
"""2: FSRS scheduling in the browser (no Leitner intervals), answer hashes and follow-ups."""

_ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)
_MARKUP_CHARS = re.compile(r"[\\`*_\[\]<>&$!\n\t]")
_BLOCK_START = re.compile(r"[-+*#>]|\d+[.)](?:\s|$)|=+$")
"""Text with neither (no markup, HTML, math, links, line breaks or block markers) is one plain paragraph."""


def markdown_to_html(
    text: str, guide: Guide, question_prefix: str, *, inline: bool = False, cache: BuildCache | None = None
) -> str:
    """HTML for a question's Markdown text, as the site's math script and Anki both read it.

    `[[id]]` links point at `question_prefix + id + "/"`; math becomes `\\( \\)` / `\\[ \\]`
    inside `.arithmatex` elements (pymdownx.arithmatex, generic mode); code becomes
    `<code>` and `<pre><code>`. With `inline`, a lone paragraph loses its `<p>` wrapper.
    With `cache`, each text is converted once however many places (cards, deck) need it.
    """
    if text == text.strip() and not _MARKUP_CHARS.search(text) and not _BLOCK_START.match(text):
        # Plain prose (nearly every key point): Markdown's output, without its cost per call.
        return text if inline or not text else f"<p>{text}</p>"
    # Converted with a placeholder for where question links point, then placed: the same
    # conversion serves the flashcards page and the deck, whose links differ.
    cache = cache if cache is not None else BuildCache()
    rendered = cache.get("card-html", _html_digest(text, guide, inline), lambda: _convert(text, guide, inline))
    return rendered.replace(f'href="{_LINK_PLACEHOLDER}', f'href="{html.escape(question_prefix)}')


def _html_digest(text: str, guide: Guide, inline: bool) -> str:
    titles = [guide.question(target).title for target, _ in links.WIKI_LINK.findall(text) if guide.has_question(target)]
    return buildcache.key(text, repr(inline), *titles)


def keep_question_html(q: Question, guide: Guide, cache: BuildCache) -> None:
    """A card or note reused whole: carry its texts' conversions over too, or the next build
    would find most of the cache unused and rewrite it instead of appending to its log."""
    texts = [
        (q.summary, False),
        *((point, True) for point in q.key_points),
        *((f.answer, False) for f in q.follow_ups if f.answer),
    ]
    for text, inline in texts:
        cache.keep("card-html", _html_digest(text, guide, inline))


_LINK_PLACEHOLDER = "studyguide-question:"


def _convert(text: str, guide: Guide, inline: bool) -> str:
    def wiki_link(target: str, label: str | None) -> str:
        return f"[{escape_inline(label or guide.question(target).title)}]({_LINK_PLACEHOLDER}{target}/)"

    converter = _converter()
    converter.reset()
    rendered = converter.convert(links.resolve_inline_links(text, wiki_link)).strip()
    if inline and (match := _ONE_PARAGRAPH.match(rendered)) and "<p>" not in match.group(1):
        return match.group(1)
    return rendered


@cache
def _converter() -> markdown.Markdown:
    # One converter reused (after reset) for every text: building one costs more than converting.
    return markdown.Markdown(
        extensions=["pymdownx.arithmatex", "fenced_code", "sane_lists"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
        output_format="html",
    )


def question_card(q: Question, guide: Guide, cache: BuildCache | None = None) -> dict[str, object]:
    """One card of cards.json; links inside the answer are relative to the flashcards page."""
    cache = cache if cache is not None else BuildCache()
    keep_question_html(q, guide, cache)
    return cache.get("card", buildcache.key(q.content_key(), *titles_shown(q, guide)), lambda: _card(q, guide, cache))


def titles_shown(q: Question, guide: Guide) -> list[str]:
    """What a card or note shows besides the question itself: its topics' titles and the
    titles of the questions it links to (part of their cache keys)."""
    shown = [guide.topic(t).title for t in q.topics]
    shown += [guide.question(target).title for target, _ in q.inline_links if guide.has_question(target)]
    return shown


def _card(q: Question, guide: Guide, cache: BuildCache) -> dict[str, object]:
    def render(text: str, inline: bool = False) -> str:
        # Math typeset here, as on the site's pages: the flashcards page runs no math script.
        return mathrender.typeset_html(markdown_to_html(text, guide, "../questions/", inline=inline, cache=cache))

    return {
        "id": q.id,
        "title": q.title,
        "topics": list(q.topics),
        "topic_titles": [guide.topic(t).title for t in q.topics],
        "difficulty": q.difficulty,
        "answer_hash": study.answer_hash(q),
        "follow_ups": [_follow_up(item, render) for item in q.follow_ups],
        "summary_html": render(q.summary),
        "key_points_html": [render(point, inline=True) for point in q.key_points],
        "url": f"questions/{q.id}/",
    }


def _follow_up(item: FollowUp, render: Callable[[str], str]) -> dict[str, str]:
    """A follow-up question as text, with its model answer's HTML where the guide gives one."""
    return {"question": item.question, **({"answer_html": render(item.answer)} if item.answer else {})}


def cards_json(guide: Guide, cache: BuildCache | None = None) -> str:
    """The card data the flashcards page loads: every question in reading order.

    Deterministic (sorted keys, no timestamps) so an unchanged guide rewrites nothing.
    `url` is relative to the site root; links inside `summary_html` and
    `key_points_html` are relative to the flashcards page (`../questions/<id>/`).
    """
    data = {
        "version": CARDS_FORMAT_VERSION,
        "topics": [{"id": t.id, "title": t.title} for t in guide.topics],
        "difficulties": list(DIFFICULTIES),
        "cards": [question_card(q, guide, cache) for q in guide.questions],
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def flashcards_page(guide: Guide, options: SiteOptions = SiteOptions()) -> str:
    """The Markdown of docs/flashcards.md: the study UI's markup and its help text.

    The Anki deck is linked when `options.downloads` offers an `.apkg` file.
    """
    deck = next((name for name in options.downloads if name.endswith(".apkg")), None)
    count = len(guide.questions)
    template = _environment().get_template("flashcards.md.j2")
    t = options.strings
    return template.render(
        t=t,
        front_matter=front_matter(
            t["flashcards_title"],
            description=t["flashcards_description"].format(questions=counted(t, "questions", count)),
            # The cards' math arrives typeset in cards.json: the page needs KaTeX's stylesheet.
            math=True if any("$" in q.summary or any("$" in p for p in q.key_points) for q in guide.questions) else None,
        ),
        cards_url="../" + CARDS_PATH,
        count=count,
        topics=[t for t in guide.topics if guide.questions_in(t.id)],
        levels=[level for level in DIFFICULTIES if any(q.difficulty == level for q in guide.questions)],
        deck=deck,
        guide=options.identity,
        study_block=study.study_block(options, every_string=True),
    )

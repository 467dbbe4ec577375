"""What the search indexes on a built page: Pagefind attributes added to MkDocs' HTML.

Only question pages (and the glossary, at a low weight) are indexed: once one page carries
`data-pagefind-body`, Pagefind leaves every page without it out, so the home page, the topic
lists and the authors' pages (Contributing) are never offered to a learner's search.

On an indexed page:
- sections whose heading says `data-search-exclude` (related questions, references...) are
  wrapped so Pagefind skips them: lists of other questions' titles would otherwise match
  queries meant for those questions;
- each formula is skipped and a readable text of it (`p > C_FP / (C_FP + C_FN)`) stands
  beside it, hidden, so snippets never show LaTeX source;
- the question's topics and difficulty become Pagefind filters (and metadata for the result);
- the other names of what the page talks about are added as hidden words: every name of a
  glossary term the page uses (an abbreviation finds the page that writes the term out), hyphen-
  less forms of hyphenated words (tradeoff / trade-off) and the other spelling of -ise/-ize
  and -yse/-yze words (organisation / organization). Adding the words to the index,
  rather than expanding the query in the browser, keeps a query one Pagefind search, and the
  same index serves any front end.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable

from .mathtext import latex_to_text
from .model import GlossaryEntry

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
_H2 = re.compile(r"<h2\b[^>]*>")
_ARTICLE_END = "</article>"
_PAGER = re.compile(r'<nav class="sg-pager"')
# Math as pymdownx.arithmatex (generic) writes it: the TeX source between \( \) or \[ \].
_ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(\\\(|\\\[)(.*?)(\\\)|\\\])</\1>', re.S)
# Math rendered at build time by KaTeX: the source is kept in a MathML annotation.
_KATEX_OPEN = re.compile(r'<span class="katex(?:-display)?"')
_ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)+|[^\W_]+")
_BRITISH = re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$")
_AMERICAN = re.compile(r"^(\w{3,})iz(e|es|ed|ing|ation|ations|er|ers)$")
_YSE = re.compile(r"^(\w{2,})y([sz])(e|es|ed|ing)$")
REPEAT = 5
QUESTION_FILTER = "question"
"""The filter (and metadata) holding a question page's id: which results the learner has studied."""
ALSO = "sg-search-also"
_H1 = re.compile(r"(<h1\b[^>]*>)(.*?)(?=<a class=\"headerlink\"|</h1>)", re.S)


def _hidden(text: str) -> str:
    return f'<span class="sg-search-text" hidden>{html.escape(text, quote=False)}</span>'


def readable_math(page: str) -> str:
    """Every formula skipped by the index, with a readable text of it beside it."""

    def arithmatex(m: re.Match[str]) -> str:
        source = html.unescape(m.group(3))
        return f'{_hidden(latex_to_text(source))}<{m.group(1)} class="arithmatex" data-pagefind-ignore>{m.group(2)}{m.group(3)}{m.group(4)}</{m.group(1)}>'

    page = _ARITHMATEX.sub(arithmatex, page)
    # KaTeX's output: the index skips each rendered formula (searchindex.EXCLUDE has .katex);
    # its annotation's text goes before it.
    out: list[str] = []
    pos = 0
    for opening in _KATEX_OPEN.finditer(page):
        if opening.start() < pos:
            continue  # a katex span inside one already handled
        source = _ANNOTATION.search(page, opening.end())
        text = latex_to_text(html.unescape(source.group(1))) if source else ""
        out.append(page[pos : opening.start()])
        out.append(_hidden(text) + opening.group(0))
        pos = opening.end()
        if source:
            out.append(page[pos : source.end()])
            pos = source.end()
    out.append(page[pos:])
    return "".join(out)


def skip_excluded_sections(page: str) -> str:
    """Wrap each section under an `h2` marked `data-search-exclude` in an element Pagefind skips."""
    start = ARTICLE.search(page)
    if not start:
        return page
    end = page.find(_ARTICLE_END, start.end())
    pager = _PAGER.search(page, start.end(), end)
    stop = pager.start() if pager else end
    headings = [m for m in _H2.finditer(page, start.end(), stop)]
    out: list[str] = []
    pos = 0
    for i, h in enumerate(headings):
        if "data-search-exclude" not in h.group(0):
            continue
        section_end = stop
        for later in headings[i + 1 :]:
            if "data-search-exclude" not in later.group(0):
                section_end = later.start()
                break
        if h.start() < pos:
            continue  # already inside a wrapped run of excluded sections
        out.append(page[pos : h.start()])
        section = page[h.start() : section_end]
        if section.count("<div") != section.count("</div>"):
            # A heading inside a block of its own (the glossary's letters): wrapping the run
            # would cut across elements, so only the heading is skipped.
            out.append(section.replace("<h2", "<h2 data-pagefind-ignore", 1))
        else:
            out.append('<div data-pagefind-ignore="all">' + section + "</div>")
        pos = section_end
    out.append(page[pos:])
    return "".join(out)


def plain_text(page_html: str) -> str:
    return html.unescape(_TAG.sub(" ", page_html))


def article_text(page: str) -> str:
    """The text of the page's article up to its first excluded section: what the page teaches."""
    start = ARTICLE.search(page)
    if not start:
        return ""
    end = page.find(_ARTICLE_END, start.end())
    for h in _H2.finditer(page, start.end(), end):
        if "data-search-exclude" in h.group(0):
            end = h.start()
            break
    pager = _PAGER.search(page, start.end(), end)
    return plain_text(page[start.end() : pager.start() if pager else end])


def glossary_names(glossary: Iterable[GlossaryEntry]) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """For each glossary term: a pattern finding any of its names, and all its names."""
    found = []
    for entry in glossary:
        names = tuple(dict.fromkeys([entry.term, *entry.aliases]))
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        found.append((re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.I), names))
    return found


def _variant(word: str) -> str | None:
    """The other way to write `word` (lower case): without hyphens, or with the other -ise/-ize, -yse/-yze."""
    if "-" in word:
        return word.replace("-", "")
    for pattern, other in ((_BRITISH, "iz"), (_AMERICAN, "is")):
        m = pattern.match(word)
        if m:
            return f"{m.group(1)}{other}{m.group(2)}"
    m = _YSE.match(word)
    if m:
        return f"{m.group(1)}y{'z' if m.group(2) == 's' else 's'}{m.group(3)}"
    return None


def variants(text: str) -> Counter[str]:
    """Other ways to write the words of `text`, each counted as often as the word it comes from."""
    words = Counter(w.lower() for w in _WORD.findall(text))
    out: Counter[str] = Counter()
    for word, n in words.items():
        other = _variant(word)
        if other and other not in words:
            out[other] += n
    return out


def synonyms(text: str, names: list[tuple[re.Pattern[str], tuple[str, ...]]]) -> list[str]:
    """The words to add to a page whose text is `text`: the other names and spellings of what it says.

    Each is repeated as often as the page says it the other way (up to `REPEAT`), so a page
    that is about a term ranks for its other name as it does for the one it uses.
    """
    words: list[str] = []
    lowered = text.lower()
    for pattern, all_names in names:
        found = len(pattern.findall(text))
        if found:
            for name in all_names:
                if name.lower() not in lowered:
                    words += [name] * min(found, REPEAT)
    for word, n in sorted(variants(text).items()):
        words += [word] * min(n, REPEAT)
    return words


def mark_page(
    page: str,
    *,
    weight: float | None = None,
    filters: dict[str, list[str]] | None = None,
    extra_words: list[str] | None = None,
) -> str:
    """`page` with its article indexed: formulas readable, excluded sections skipped, filters and words added."""
    start = ARTICLE.search(page)
    if not start:
        return page
    page = skip_excluded_sections(readable_math(page))
    start = ARTICLE.search(page)
    assert start is not None
    attrs = " data-pagefind-body"
    if weight is not None:
        attrs += f' data-pagefind-weight="{weight:g}"'
    tag_end = page.find(">", start.end()) + 1
    added = []
    for name, values in (filters or {}).items():
        for value in values:
            # Filters and metadata as attributes of hidden, empty elements: nothing shows, nothing is indexed twice.
            added.append(f'<span data-pagefind-filter="{html.escape(name)}:{html.escape(value)}" hidden></span>')
        added.append(f'<span data-pagefind-meta="{html.escape(name)}:{html.escape(", ".join(values))}" hidden></span>')
    head = page[: start.end()] + attrs + page[start.end() : tag_end]
    end = page.find(_ARTICLE_END, tag_end)
    body = page[tag_end:end]
    title_words: list[str] = []
    title = _H1.search(body)
    if title:
        text = plain_text(title.group(2)).replace("\u00b6", "").strip()
        title_words = sorted(variants(text))
        added.append(f'<span data-pagefind-meta="title:{html.escape(text)}" hidden></span>')
    if extra_words or title_words:
        # In a section of their own (a hidden heading with an id; Pagefind makes no section of an
        # empty one), so a result's excerpt comes from the page's own words (see js/search.js).
        # The title's other spellings weigh what the title does (Pagefind's h1 weight).
        added.append(f'<h6 id="{ALSO}" hidden>—</h6>')
        if title_words:
            added.append(
                f'<p class="sg-search-text" data-pagefind-weight="7" hidden>{html.escape(" ".join(title_words), quote=False)}</p>'
            )
        if extra_words:
            added.append(f'<p class="sg-search-text" hidden>{html.escape(" ".join(extra_words), quote=False)}</p>')
    return head + body + "".join(added) + page[end:]

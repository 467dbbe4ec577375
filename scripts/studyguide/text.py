"""Small text helpers shared by the renderers: slugs, escaping, close matches."""

from __future__ import annotations

import difflib
import html
import re
import unicodedata

# Backslash escapes for Markdown punctuation. Brackets and parentheses are left out on
# purpose: `\[`, `\]`, `\(` and `\)` are math delimiters to pymdownx.arithmatex.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}#+!|~])")


def slugify(text: str) -> str:
    """A URL/anchor-safe slug: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "item"


def escape_inline(text: str) -> str:
    """Plain text made safe to place in Markdown: shown literally, never turned into markup.

    HTML-significant characters become entities, Markdown punctuation is backslash-escaped
    and `$` becomes an entity so the math extension cannot claim it.
    """
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    escaped = html.escape(escaped, quote=False)  # after the backslashes: entities contain "#"
    return escaped.replace("$", "&#36;").replace("[", "&#91;").replace("]", "&#93;")


def suggest(word: str, candidates: list[str] | set[str] | tuple[str, ...]) -> str:
    """' (did you mean "x"?)' when a close match exists, else ''."""
    matches = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f' (did you mean "{matches[0]}"?)' if matches else ""

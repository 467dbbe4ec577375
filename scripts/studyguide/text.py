"""Small text helpers shared by the renderers: slugs, escaping, close matches."""

from __future__ import annotations

import difflib
import re
import unicodedata

# Every ASCII punctuation mark becomes a numeric entity. Backslash escapes are not enough:
# `\(` and `\[` are math delimiters to arithmatex, and the site's extensions also claim
# `:smile:` (emoji), `(c)` and `1/2` (smart symbols), URLs and e-mail addresses (magiclink).
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
# "1st", "2nd": smart symbols would raise the suffix; an entity digit breaks the pattern.
_ORDINAL_DIGIT = re.compile(r"\d(?=(?:st|nd|rd|th)\b)", re.IGNORECASE)


def slugify(text: str) -> str:
    """A URL/anchor-safe slug: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "item"


def escape_inline(text: str) -> str:
    """Plain text made safe to place in Markdown: shown literally, never turned into markup."""
    text = _PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", text)
    return _ORDINAL_DIGIT.sub(lambda m: f"&#{ord(m.group())};", text)


def suggest(word: str, candidates: list[str] | set[str] | tuple[str, ...]) -> str:
    """' (did you mean "x"?)' when a close match exists, else ''."""
    matches = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f' (did you mean "{matches[0]}"?)' if matches else ""

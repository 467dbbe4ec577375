"""Small text helpers shared by the renderers: slugs, escaping, close matches."""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from urllib.parse import quote, urlsplit

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""What every name that becomes a path or an anchor must match: question ids, topic ids,
tags, glossary anchors. The JSON Schemas in questions/ use the same pattern (a test checks)."""
_SLUG = re.compile(SLUG_PATTERN)

# Every ASCII punctuation mark becomes a numeric entity. Backslash escapes are not enough:
# `\(` and `\[` are math delimiters to arithmatex, and the site's extensions also claim
# `:smile:` (emoji), `(c)` and `1/2` (smart symbols), URLs and e-mail addresses (magiclink).
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
# "1st", "2nd": smart symbols would raise the suffix; an entity digit breaks the pattern.
_ORDINAL_DIGIT = re.compile(r"\d(?=(?:st|nd|rd|th)\b)", re.IGNORECASE)


def slugify(text: str, fallback: str = "item") -> str:
    """A URL/anchor-safe slug: lowercase ASCII words joined by hyphens (`fallback` if none)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or fallback


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text)) and "\n" not in text


def attr(value: object) -> str:
    """Any data placed inside a double- or single-quoted HTML attribute: shown as text, never markup."""
    return html.escape(str(value), quote=True)


# RFC 3986's characters, less those that could end a Markdown link or an HTML attribute:
# ( ) < > " ' ` \ and spaces are percent-encoded wherever they appear in a URL.
_URL_SAFE = "/?#@!$&*+,;=:%~-._"
_HOST = re.compile(r"^[^\s/\\?#@:\[\]]+$")


def url_problem(url: str) -> str | None:
    """Why `url` is not a usable link for readers (http or https, to a host), or None."""
    if url != url.strip() or any(c.isspace() or not c.isprintable() for c in url):
        return "it contains spaces or invisible characters (percent-encode them, e.g. %20)"
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError as err:
        return f"it cannot be read as a URL ({err})"
    if parts.scheme.lower() not in ("http", "https"):
        return "only http and https links are allowed"
    host = parts.hostname or ""
    if not host or not _HOST.match(host) or host.startswith(".") or ".." in host:
        return "it names no host (write it as https://example.org/page)"
    if parts.username is not None or parts.password is not None:
        return "it carries a user name or password: remove them"
    try:
        host.encode("idna")
    except UnicodeError:
        return f"its host {host!r} is not a valid domain name"
    return None


def safe_url(url: str) -> str:
    """A URL accepted by `url_problem`, written so that no character can end the link around it."""
    parts = urlsplit(url)
    host = (parts.hostname or "").encode("idna").decode("ascii")
    netloc = host + (f":{parts.port}" if parts.port is not None else "")
    rest = url.split(parts.netloc, 1)[1] if parts.netloc else ""
    return f"{parts.scheme.lower()}://{netloc}{quote(rest, safe=_URL_SAFE)}"


def escape_inline(text: str) -> str:
    """Plain text made safe to place in Markdown: shown literally, never turned into markup."""
    text = _PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", text)
    return _ORDINAL_DIGIT.sub(lambda m: f"&#{ord(m.group())};", text)


def suggest(word: str, candidates: list[str] | set[str] | tuple[str, ...]) -> str:
    """' (did you mean "x"?)' when a close match exists, else ''."""
    matches = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f' (did you mean "{matches[0]}"?)' if matches else ""

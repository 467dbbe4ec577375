"""Trim the search index Material writes: the same entries, without the repetition.

Material copies a page's tags into the entry of every section of the page, keeps the
spaces between block tags (`</p> <p>`) and the empty paragraphs an excluded element
leaves, and writes the JSON with every non-ASCII character escaped. Tags belong to the
page (its first entry, where the tag boost finds it); the spaces and empty paragraphs
show nothing in a result; UTF-8 is what the browser reads anyway. On a guide of
40 questions this removes about a tenth of the index, which every visitor downloads
before the first search.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .atomicfile import replace_file

INDEX = Path("search") / "search_index.json"

# The block tags Material keeps in an entry's text. Spaces between two of them are not
# shown by the result preview; spaces next to inline tags (`<code>`) are words apart.
_BLOCK = r"</?(?:p|pre|ul|ol|li)>"
_SPACE_BETWEEN_BLOCKS = re.compile(rf"(?<=>)\s+(?={_BLOCK})|({_BLOCK})\s+(?=<)")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\s*")


def compact_text(text: str) -> str:
    """An entry's text without empty paragraphs and the spaces between block tags."""
    return _SPACE_BETWEEN_BLOCKS.sub(r"\1", _EMPTY_PARAGRAPH.sub("", text)).strip()


def compact_search_index(site_dir: Path) -> bool:
    """Rewrite `site_dir`'s search index in place; False when there is none to rewrite."""
    path = site_dir / INDEX
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    for entry in data.get("docs", []):
        if "#" in entry.get("location", ""):
            entry.pop("tags", None)  # a section: its page's entry carries the tags
        if isinstance(entry.get("text"), str):
            entry["text"] = compact_text(entry["text"])
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Written beside and renamed over: a server reading the index never sees half of it.
    replace_file(path, text.encode("utf-8"))
    return True

"""Trim the search index Material writes: the same entries, without the repetition.

Material copies a page's tags into the entry of every section of the page and writes the
JSON with every non-ASCII character escaped. Tags belong to the page (its first entry,
where the tag boost finds it); UTF-8 is what the browser reads anyway. On a guide of
40 questions this removes about a tenth of the index, which every visitor downloads
before the first search.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

INDEX = Path("search") / "search_index.json"


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
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Written beside and renamed over: a server reading the index never sees half of it.
    handle, tmp = tempfile.mkstemp(prefix=".search_index-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)
    return True

"""Pages without their indentation: runs of whitespace between tags become one newline.

MkDocs and Material indent the HTML they write; on a question page that is about a tenth of
its bytes, downloaded by every reader. Between two tags, a run of whitespace that holds a
line break renders exactly as a single line break does (HTML collapses it), so only such
runs are shortened, and never inside elements where whitespace is the content: <pre>,
<textarea>, <script> and <style>.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
_BETWEEN_TAGS = re.compile(r">[ \t\r\n]*\n[ \t\r\n]*<")
_HELD = re.compile(r"<\x00(\d+)>")


def collapse(page: str) -> str:
    """`page` with every whitespace run between tags that holds a line break cut to one newline."""
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match.group(1))
        return f"<\x00{len(kept) - 1}>"  # a stand-in tag: the whitespace around it still collapses

    shortened = _BETWEEN_TAGS.sub(">\n<", _KEPT.sub(hold, page))
    return _HELD.sub(lambda match: kept[int(match.group(1))], shortened)

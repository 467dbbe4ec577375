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


def collapse(page: str) -> str:
    """`page` with every whitespace run between tags that holds a line break cut to one newline."""
    parts = _KEPT.split(page)
    # split() with two groups yields: text, kept element, its tag name, text, ...
    out = []
    for index in range(0, len(parts), 3):
        out.append(_BETWEEN_TAGS.sub(">\n<", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)

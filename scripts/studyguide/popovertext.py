"""A glossary definition as the term's popover shows it: one line of plain text.

The popover (glossary.js) prints the text as it is, so Markdown marks and LaTeX would show as
typed; math becomes readable text (`mathtext`), links their words, tags nothing. The text also
travels in a Markdown attribute list (`{ data-definition="…" }`), where a tag, a code span or
an emphasis mark would be read as Markdown before the attribute is: none survives here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .mathtext import latex_to_text
from .mdtext import split_inline

_WIKI = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
_LINK_TEXT = re.compile(r"!?\[([^\]]*)\]")
_MARKS = re.compile(r"[*`\\{}]|(?<!\w)_+|_+(?!\w)")
_TAG_START = re.compile(r"<[A-Za-z/!?]")


def popover_text(markdown: str, title_of: Callable[[str], str]) -> str:
    """`markdown` (a definition) as one line of plain text; `title_of(id)` names a `[[id]]` link's target."""
    out: list[str] = []
    for piece, protected, kind in split_inline(" ".join(markdown.split())):
        if not protected:
            out.append(_MARKS.sub("", piece))
        elif kind == "math":
            out.append(latex_to_text(piece[1:-1]))
        elif kind == "code":
            out.append(piece.strip("`").strip())
        elif kind == "wiki":
            match = _WIKI.fullmatch(piece)
            target, label = (match.group(1).strip(), match.group(2)) if match else (piece, None)
            out.append(label.strip() if label else title_of(target))
        elif kind == "link":
            match = _LINK_TEXT.match(piece)
            out.append(_MARKS.sub("", match.group(1) if match else piece))
        elif kind == "html":
            # An entity is its character; a tag is dropped; "<" that opens no tag ("p < 0.05 >") stays.
            if piece.startswith("&"):
                out.append(html.unescape(piece))
            elif not _TAG_START.match(piece):
                out.append(piece)
        else:
            out.append(piece)
    text = " ".join("".join(out).split())
    # The attribute list is quoted with ", and a "<" followed by a letter would open a tag.
    return _TAG_START.sub(lambda m: "< " + m.group(0)[1:], text.replace('"', "'"))

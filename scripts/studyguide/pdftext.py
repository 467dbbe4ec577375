"""Inline Markdown of summaries, key points and table cells as runs the Typst templates print.

A run is `[kind, value]`: "t" text, "b" bold, "i" italic, "c" code, "m" math (Typst math
source, converted from the LaTeX by `typstmath`). The templates print text runs as
strings, never as Typst markup, so no character of a question can change the layout.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .mdtext import split_inline
from .typstmath import to_typst

Run = list[str]

_WIKI = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
_LINK = re.compile(r"!?\[([^\]]*)\]")
_EMPHASIS = re.compile(
    r"\*\*(?P<b>.+?)\*\*|__(?P<b2>.+?)__|(?<![\w*])\*(?P<i>[^*\s][^*]*?)\*(?![\w*])|(?<!\w)_(?P<i2>[^_\s][^_]*?)_(?!\w)"
)
_TAG = re.compile(r"<[^>]*>")
_DISPLAY_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$", re.DOTALL)
_INLINE_HILITE = re.compile(r"^#!([\w+#.-]+)\s+")
"""pymdownx's `#!python code` prefix: it picks the colours on the site, it is not part of the code."""


def runs(markdown: str, title_of: Callable[[str], str]) -> list[Run]:
    """`markdown` (inline) as runs; `title_of(id)` names the target of a `[[id]]` link (a printed page cannot follow it)."""
    out: list[Run] = []
    text = " ".join(markdown.split())
    position = 0
    for match in _DISPLAY_MATH.finditer(text):  # $$…$$ inside a line prints in place, like $…$
        out.extend(_inline_runs(text[position : match.start()], title_of))
        out.append(["m", to_typst(match.group(1))])
        position = match.end()
    out.extend(_inline_runs(text[position:], title_of))
    return _merge(out)


def _inline_runs(text: str, title_of: Callable[[str], str]) -> list[Run]:
    out: list[Run] = []
    for piece, protected, kind in split_inline(text):
        if not protected:
            out.extend(_emphasis(piece))
        elif kind == "math":
            out.append(["m", to_typst(piece[1:-1])])
        elif kind == "code":
            out.append(["c", _INLINE_HILITE.sub("", piece.strip("`").strip())])
        elif kind == "wiki":
            match = _WIKI.fullmatch(piece)
            target, text = (match.group(1).strip(), match.group(2)) if match else (piece, None)
            out.append(["t", text.strip() if text else title_of(target)])
        elif kind == "link":
            match = _LINK.match(piece)
            out.extend(_emphasis(match.group(1) if match else piece))
        elif kind == "html":
            text = html.unescape(piece) if piece.startswith("&") else ""
            if text:
                out.append(["t", text])
        else:
            out.append(["t", piece])
    return out


def _emphasis(text: str) -> list[Run]:
    out: list[Run] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            out.append(["t", _plain(text[position : match.start()])])
        bold = match.group("b") or match.group("b2")
        out.append(["b", _plain(bold)] if bold else ["i", _plain(match.group("i") or match.group("i2"))])
        position = match.end()
    if position < len(text):
        out.append(["t", _plain(text[position:])])
    return out


def _plain(text: str) -> str:
    """Text without the Markdown escapes and tags a reader would not see on the site."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|$<>])", r"\1", _TAG.sub("", text))


def _merge(items: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for kind, value in items:
        if merged and kind == "t" and merged[-1][0] == "t":
            merged[-1] = ["t", merged[-1][1] + value]
        elif value or kind == "m":
            merged.append([kind, value])
    return merged


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|cf|approx)\.$")


def first_sentence(markdown: str) -> str:
    """The first sentence of `markdown` (a summary), split only in prose: never inside math, code or a link."""
    text = " ".join(markdown.split())
    position = 0
    for piece, protected, _ in split_inline(text):
        if not protected:
            for match in _SENTENCE_END.finditer(piece):
                if not _ABBREVIATIONS.search(piece[: match.start()]):
                    return text[: position + match.start()]
        position += len(piece)
    return text


def plain_text(items: list[Run]) -> str:
    """The runs' words without formatting (for metadata and tests)."""
    return "".join(value for kind, value in items if kind != "m")

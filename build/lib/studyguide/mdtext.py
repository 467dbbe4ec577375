"""Split Markdown into prose and the parts that must never be rewritten.

Inline links and glossary terms are only inserted into prose: code (fenced or inline),
math, existing links, HTML tags, headings and admonition titles are left byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s|^\s*(!!!|\?\?\?\+?)\s")
_DISPLAY_MATH_OPEN = re.compile(r"^\s*\$\$")

_INLINE_PROTECTED = re.compile(
    r"""
    (?=[`$\[!<&h])                               # cheap first-character filter
    (?:
    (?P<code>(?P<ticks>`+).+?(?P=ticks))          # inline code
    | (?P<math>(?<!\\)\$(?!\s)[^$\n]+?(?<![\s\\])\$)  # inline math
    | (?P<wiki>\[\[[^\]\n]+\]\])                  # [[wiki-link]]
    | (?P<link>!?\[[^\]\n]*\]\([^)\n]*\)|!?\[[^\]\n]*\]\[[^\]\n]*\])  # Markdown links and images
    | (?P<html><[^>\n]+>|&[a-zA-Z#0-9]+;)          # HTML tags and entities
    | (?P<url>https?://\S+)                        # bare URLs (magiclink)
    )
    """,
    re.VERBOSE,
)


_MAY_PROTECT = re.compile(r"[`$\[<&]|https?:")
_LINE_BREAK = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""Every character `str.splitlines` breaks at."""


def split_blocks(markdown: str) -> Iterator[tuple[str, bool]]:
    """Yield (chunk, is_protected) covering `markdown` exactly, line-level decisions only.

    Consecutive prose lines come as one chunk: inline constructs never span a line break,
    so splitting them further would only multiply the work.
    """
    if not _LINE_BREAK.search(markdown) and markdown.lstrip()[:1] not in _BLOCK_FIRST_CHARS:
        yield markdown, False  # one line of prose: most key points
        return
    lines = markdown.splitlines(keepends=True)
    prose: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        first = line.lstrip()[:1]
        # Cheap test first: only lines starting with a fence, `$`, `#`, `!` or `?` can open a block.
        if first not in _BLOCK_FIRST_CHARS:
            prose.append(line)
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence:
            if prose:
                yield "".join(prose), False
                prose = []
            marker = fence.group(2)
            block = [line]
            i += 1
            while i < len(lines):
                block.append(lines[i])
                stripped = lines[i].strip()
                i += 1
                if stripped.startswith(marker[0] * len(marker)) and set(stripped) <= {marker[0]}:
                    break
            yield "".join(block), True
            continue
        if _DISPLAY_MATH_OPEN.match(line):
            if prose:
                yield "".join(prose), False
                prose = []
            block = [line]
            rest = line.strip()[2:]
            i += 1
            if "$$" not in rest:
                while i < len(lines):
                    block.append(lines[i])
                    i += 1
                    if "$$" in block[-1]:
                        break
            yield "".join(block), True
            continue
        if _HEADING.match(line):
            if prose:
                yield "".join(prose), False
                prose = []
            yield line, True
            i += 1
            continue
        prose.append(line)
        i += 1
    if prose:
        yield "".join(prose), False


_BLOCK_FIRST_CHARS = frozenset("`~$#!?")


def split_inline(text: str) -> Iterator[tuple[str, bool, str | None]]:
    """Yield (piece, is_protected, kind) for one prose chunk; kind names the protected construct."""
    if not _MAY_PROTECT.search(text):  # most prose lines hold nothing to protect
        yield text, False, None
        return
    position = 0
    for match in _INLINE_PROTECTED.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], False, None
        yield match.group(0), True, match.lastgroup if match.lastgroup != "ticks" else "code"
        position = match.end()
    if position < len(text):
        yield text[position:], False, None


def rewrite_prose(markdown: str, rewrite: Callable[[str], str], *, rewrite_wiki: Callable[[str], str] | None = None) -> str:
    """Apply `rewrite` to prose only; `rewrite_wiki`, if given, to each `[[...]]` link."""
    out: list[str] = []
    for chunk, protected in split_blocks(markdown):
        if protected:
            out.append(chunk)
            continue
        for piece, is_protected, kind in split_inline(chunk):
            if not is_protected:
                out.append(rewrite(piece))
            elif kind == "wiki" and rewrite_wiki is not None:
                out.append(rewrite_wiki(piece))
            else:
                out.append(piece)
    return "".join(out)

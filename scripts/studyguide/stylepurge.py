"""A stylesheet cut down to the rules that something on the site can match.

A rule stays when each of its selectors could match an element: every class the selector
requires is known to be used, and every attribute value it requires (`[dir=rtl]`) is known to
be set. What counts as known is the caller's: the classes of the typeset formulas for KaTeX's
stylesheet (`katexcss`), the built pages and the scripts they run for the theme's (`themecss`).
Anything a selector names only under `:not()`, `:is()`, `:where()` or `:has()` is never
required, so an unsure case keeps its rule. At-rules that hold rules (`@media`, `@supports`)
are cut the same way and dropped when nothing is left in them; every other at-rule stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

_COMMENT_OR_STRING = re.compile(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.S)
# A class name may hold escaped characters (`.md\\:hidden` is the class "md:hidden").
_SELECTOR_CLASS = re.compile(r"\.(-?(?:[_a-zA-Z]|\\.)(?:[\w-]|\\.)*)")
_ESCAPE = re.compile(r"\\(.)")
# Every attribute selector, quoted values and all (a dot inside `[href$=".pdf"]` is no class).
_ATTRIBUTE = re.compile(r"\[(?:[^\]\"']|\"[^\"]*\"|'[^']*')*\]")
# The one kind that requires a value: `[name=value]`, matched case-sensitively (no ` i` flag).
_ATTRIBUTE_EQUALS = re.compile(r"\[\s*([\w-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([\w-]+))\s*(?:s\s*)?\]")
_OPTIONAL_GROUP = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
_NESTED_RULES = ("@media", "@supports", "@layer", "@container", "@document", "@scope")


class UnreadableStylesheet(ValueError):
    """The stylesheet's braces do not balance: cutting it could drop rules a page needs."""


def without_comments(css: str) -> str:
    return _COMMENT_OR_STRING.sub(lambda m: "" if m.group(0).startswith("/*") else m.group(0), css)


def _scan(css: str) -> Iterator[tuple[int, str]]:
    """Each character of `css` outside quoted strings, with its index."""
    quote = ""
    escaped = False
    for index, char in enumerate(css):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
            continue
        if char in "\"'":
            quote = char
            continue
        yield index, char


def blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level `(prelude, body)` pairs of a stylesheet without comments; a statement (`@import …;`) has body None."""
    out: list[tuple[str, str | None]] = []
    depth = 0
    start = 0
    open_at = -1
    for index, char in _scan(css):
        if char == "{":
            if depth == 0:
                open_at = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise UnreadableStylesheet("a '}' closes no block")
            if depth == 0:
                out.append((css[start:open_at].strip(), css[open_at + 1 : index]))
                start = index + 1
        elif char == ";" and depth == 0:
            out.append((css[start:index].strip(), None))
            start = index + 1
    if depth != 0 or css[start:].strip():
        raise UnreadableStylesheet("a block is never closed")
    return out


def split_selectors(prelude: str) -> list[str]:
    """The selectors of a rule's comma-separated list (commas inside brackets, parentheses and strings do not split)."""
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in _scan(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return parts


def _required_part(selector: str) -> str:
    """`selector` without its optional groups (`:not(…)`, `:is(…)`…), which never make a class or value required."""
    out = []
    position = 0
    while (found := _OPTIONAL_GROUP.search(selector, position)) is not None:
        out.append(selector[position : found.start()])
        depth = 1
        index = found.end()
        while index < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[index], 0)
            index += 1
        position = index
    out.append(selector[position:])
    return "".join(out)


def requirements(selector: str) -> tuple[set[str], list[tuple[str, str]]]:
    """The classes and `(attribute, value)` pairs an element needs for `selector` to match it."""
    required = _required_part(selector)
    values = []
    for attribute in _ATTRIBUTE.findall(required):
        if (equals := _ATTRIBUTE_EQUALS.fullmatch(attribute)) is not None:
            values.append((equals.group(1), next(v for v in equals.group(2, 3, 4) if v is not None)))
    classes = {_ESCAPE.sub(r"\1", name) for name in _SELECTOR_CLASS.findall(_ATTRIBUTE.sub("", required))}
    return classes, values


def purge(css: str, can_match: Callable[[str], bool], *, at_rule: Callable[[str, str], str] | None = None) -> str:
    """`css` (without comments) keeping each selector for which `can_match(selector)` holds.

    `at_rule(prelude, body)` may rewrite an at-rule that holds no rules (`@font-face`);
    by default those are kept as they are.
    """
    out = []
    for prelude, body in blocks(css):
        if body is None:
            out.append(f"{prelude};")
        elif prelude.startswith(_NESTED_RULES) and "{" in body:
            inner = purge(body, can_match, at_rule=at_rule)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(at_rule(prelude, body) if at_rule else f"{prelude}{{{body}}}")
        else:
            kept = [selector for selector in split_selectors(prelude) if can_match(selector)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)

"""Math typeset at build time: KaTeX's own HTML in the page, so readers download no math script.

Python-Markdown's arithmatex (generic mode) leaves each formula as `<span class="arithmatex">\\(…\\)</span>`
or `<div class="arithmatex">\\[…\\]</div>`; `typeset_html` swaps the TeX inside for what
`katex.renderToString` makes of it, the same call the browser made before, with the same vendored
katex.min.js, run here in V8 (mini-racer). The wrapper element stays, so pages keep today's markup.

Why V8 (mini-racer): the engine KaTeX is written for and tested in, with wheels for CPython
3.10+ on Linux (x86_64, aarch64, glibc and musl), macOS (Intel and Apple) and Windows; ISC licence.
A QuickJS wrapper is smaller but three times slower here, and MathML from latex2mathml would
change the look (Chromium draws it with whatever math font the reader's system has).

Each formula is rendered once per process (a dictionary) and, with `use_cache`, once per
guide: the build cache keeps the results under a digest of the TeX and the generator's code,
which includes katex.min.js, so a KaTeX upgrade renders everything afresh.
"""

from __future__ import annotations

import atexit
import html
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from . import buildcache
from .assets import SOURCE
from .buildcache import BuildCache

KATEX_JS = SOURCE / "vendor" / "katex" / "katex.min.js"
OPTIONS = {"throwOnError": False, "output": "htmlAndMathml"}
"""As math.js passed them: errors are shown in red in place, and screen readers get MathML."""

_ELEMENT = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.DOTALL)
_DELIMITERS = re.compile(r"\A\s*\\[(\[](.*?)\\[)\]]\s*\Z", re.DOTALL)
_BATCH = "(items, options) => items.map(([tex, display]) => katex.renderToString(tex, {...options, displayMode: display}))"

# An HTML parser puts <math> in MathML's namespace by itself, and a declaration list needs no
# closing semicolon: bytes every reader would download for nothing (3.6 KB on a page of 69 formulas).
_MATHML_NAMESPACE = ' xmlns="http://www.w3.org/1998/Math/MathML"'
_CLOSING_SEMICOLON = re.compile(r'( style="[^"]*);"')

_lock = threading.Lock()
_memo: dict[tuple[str, bool], str] = {}
_context: Any = None
_cache: BuildCache | None = None
_holders = 0
"""Open `engine_held` blocks: while there is one, the engine keeps running between calls."""
_used: set[tuple[str, bool]] = set()
"""Formulas typeset since the last `use_cache` call (one build's)."""


def has_math(page_html: str) -> bool:
    """Whether a rendered page holds typeset math (and so needs KaTeX's stylesheet)."""
    return 'class="katex' in page_html


def typeset_html(fragment: str) -> str:
    """`fragment` with every arithmatex element's TeX replaced by KaTeX's HTML (inside the element)."""
    found = list(_ELEMENT.finditer(fragment))
    if not found:
        return fragment
    items = [(_tex(match.group(2)), match.group(1) == "div") for match in found]
    rendered = render_many(items)
    if not _holders:
        # No build holds the engine (a renderer without plugins, such as Zensical, calls the
        # Markdown extension page by page): stop it now, for a process may end without atexit
        # handlers, and V8's threads crash a process that ends under them.
        close()
    out: list[str] = []
    last = 0
    for match, math in zip(found, rendered, strict=True):
        tag = match.group(1)
        out += [fragment[last : match.start()], f'<{tag} class="arithmatex">{math}</{tag}>']
        last = match.end()
    out.append(fragment[last:])
    return "".join(out)


def _tex(inner: str) -> str:
    """The TeX of an arithmatex element's text: HTML entities decoded, `\\( \\)` / `\\[ \\]` dropped."""
    text = html.unescape(inner)
    match = _DELIMITERS.match(text)
    return (match.group(1) if match else text).strip()


def render_many(items: list[tuple[str, bool]]) -> list[str]:
    """KaTeX's HTML for each (TeX, display) pair; formulas seen before cost a dictionary look-up."""
    with _lock:
        missing = [item for item in dict.fromkeys(items) if item not in _memo]
        if _cache is not None and missing:
            for item in missing:
                found = _cache.lookup("katex", _key(item))
                if found is not None:
                    _memo[item] = found
            missing = [item for item in missing if item not in _memo]
        if missing:
            for item, math in zip(missing, _render_in_v8(missing), strict=True):
                _memo[item] = math
        _used.update(items)
        if _cache is not None:
            for item in dict.fromkeys(items):
                _cache.store("katex", _key(item), _memo[item])
        return [_memo[item] for item in items]


def used_html() -> list[str]:
    """KaTeX's HTML of every formula typeset since the last `use_cache` call, in a stable order."""
    with _lock:
        return [_memo[item] for item in sorted(_used)]


def _key(item: tuple[str, bool]) -> str:
    return buildcache.key(item[0], "display" if item[1] else "inline")


def _render_in_v8(items: list[tuple[str, bool]]) -> list[str]:
    global _context
    if _context is None:
        from py_mini_racer import MiniRacer

        context = MiniRacer()
        # V8's threads must be stopped before the interpreter ends, or the process can hang on exit.
        atexit.register(close)
        context.eval(KATEX_JS.read_text(encoding="utf-8"))
        context.eval(f"var studyguideTypeset = {_BATCH};")
        _context = context
    # One call per page: JSON in, JSON out (a list of strings).
    result = _context.eval(f"JSON.stringify(studyguideTypeset({json.dumps(items)}, {json.dumps(OPTIONS)}))")
    return [_CLOSING_SEMICOLON.sub(r'\1"', str(math).replace(_MATHML_NAMESPACE, "")) for math in json.loads(result)]


@contextmanager
def engine_held() -> Iterator[None]:
    """Keep the JavaScript engine running between pages until the block ends, then stop it."""
    global _holders
    with _lock:
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            last = _holders == 0
        if last:
            close()


def use_cache(cache: BuildCache | None) -> None:
    """Keep results in (and take them from) `cache` until the next call; None: this process only."""
    global _cache
    with _lock:
        _cache = cache
        _used.clear()


def build_cache() -> BuildCache | None:
    """The cache given to `use_cache`, for other results of the same build (KaTeX's font subsets)."""
    return _cache


def save_cache() -> None:
    """Write the cache given to `use_cache` (the formulas this build used) to disk."""
    with _lock:
        if _cache is not None:
            _cache.save()


def close() -> None:
    """Stop the JavaScript engine (it starts again when needed)."""
    global _context
    with _lock:
        if _context is not None:
            _context.close()
            _context = None

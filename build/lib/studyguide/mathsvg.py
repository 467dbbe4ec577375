"""Markdown with math and code to print-ready HTML: formulas as inline SVG, code in Pygments colours.

WeasyPrint runs no JavaScript and renders no MathML, so every `$...$` and `$$...$$` is
typeset here, at build time, by ziamath into SVG paths sized in `em` (they follow the
surrounding font size) and shifted by their depth so the formula's baseline sits on the
text's baseline. Math and code are swapped for placeholders before Markdown runs, so
Markdown never sees (and never mangles) a `_`, `*` or `\\` inside them.
"""

from __future__ import annotations

import html
import logging
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import markdown
import pygments
import pygments.formatters
import pygments.lexers
import pygments.util

from .latexcheck import for_latex2mathml
from .mdtext import split_blocks, split_inline

with warnings.catch_warnings():
    # ziamath 0.13 opens its bundled font through a deprecated importlib.resources call.
    warnings.simplefilter("ignore", DeprecationWarning)
    import ziamath

LOGGER = logging.getLogger(__name__)

RENDER_SIZE = 20.0
"""Font size (SVG user units) ziamath typesets at; the SVG is then scaled to the text in em."""
MATH_SCALE = 1.08
"""STIX Two (the math font) looks smaller than DejaVu Sans at the same size; this evens them out."""
PYGMENTS_STYLE = "default"
"""A light style with dark, saturated colours that survive a black-and-white printer."""

_STASH = re.compile(r"SGSTASH(\d+)X")
_BLOCK_STASH = re.compile(r"<p>\s*SGSTASH(\d+)X\s*</p>")
_INLINE_DISPLAY_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$")
_FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})\s*\{?\s*\.?([\w+#.-]*)")
_INLINE_HILITE = re.compile(r"^#!([\w+#.-]+)\s+")


def latex_svg(latex: str, *, display: bool = False) -> str:
    """HTML for one formula: an inline `<svg>` on the baseline, or monospace source if it cannot be typeset."""
    return _latex_svg(for_latex2mathml(latex), display)


@lru_cache(maxsize=8192)
def _latex_svg(latex: str, display: bool) -> str:
    try:
        with _plain_paths():
            math = ziamath.Latex(latex, size=RENDER_SIZE, inline=not display)
            unknown = _unknown_commands(math.mathml)
            if unknown:
                raise ValueError(f"unknown command {', '.join(unknown)}")
            svg = math.svgxml()
    except Exception as err:  # latex2mathml and ziamath raise many exception types for bad input
        LOGGER.warning("could not typeset LaTeX %r (%s: %s); showing its source instead", latex, type(err).__name__, err)
        return f'<code class="math-source">{html.escape(latex)}</code>'
    _, top, width, height = (float(v) for v in svg.attrib["viewBox"].split())
    # The viewBox puts the baseline at y=0, so its bottom edge (top + height) is the depth below it.
    depth = top + height
    scale = MATH_SCALE / RENDER_SIZE
    for attribute in ("width", "height"):
        svg.attrib.pop(attribute, None)
    svg.attrib["class"] = "math"
    svg.attrib["style"] = f"width:{width * scale:.3f}em;height:{height * scale:.3f}em;vertical-align:{-depth * scale:.3f}em"
    return ET.tostring(svg, encoding="unicode")


@contextmanager
def _plain_paths() -> Iterator[None]:
    """Draw each glyph as a path instead of `<symbol>` + `<use>`.

    Symbol ids repeat in every formula, and WeasyPrint treats ids in inline SVG as page anchors.
    """
    saved = ziamath.config.svg2
    ziamath.config.svg2 = False
    try:
        yield
    finally:
        ziamath.config.svg2 = saved


def _unknown_commands(mathml: ET.Element) -> list[str]:
    """latex2mathml keeps an unknown `\\foo` as the identifier text "\\foo": treat that as an error."""
    return sorted({node.text for node in mathml.iter() if node.text and node.text.startswith("\\")})


def highlight_code(code: str, language: str = "") -> str:
    """Code as HTML spans with Pygments colours inline (no stylesheet needed); plain text if the language is unknown."""
    try:
        lexer = pygments.lexers.get_lexer_by_name(language) if language else pygments.lexers.TextLexer()
    except pygments.util.ClassNotFound:
        lexer = pygments.lexers.TextLexer()
    return _highlight(code, lexer)


def _highlight(code: str, lexer: pygments.lexer.Lexer) -> str:
    formatter = pygments.formatters.HtmlFormatter(style=PYGMENTS_STYLE, noclasses=True, nowrap=True)
    return pygments.highlight(code, lexer, formatter).rstrip("\n")


def _code_span(piece: str) -> str:
    ticks = len(piece) - len(piece.lstrip("`"))
    code = piece[ticks:-ticks]
    if code.startswith(" ") and code.endswith(" ") and code.strip():
        code = code[1:-1]
    # `#!python x = 1` is pymdownx.inlinehilite's syntax, which the site uses too.
    language = ""
    if match := _INLINE_HILITE.match(code):
        language, code = match.group(1), code[match.end() :]
    return f'<code class="code">{highlight_code(code, language)}</code>'


def _code_block(chunk: str) -> str:
    lines = chunk.splitlines()
    opening = _FENCE_OPEN.match(lines[0])
    indent = len(opening.group(1)) if opening else 0
    language = opening.group(3) if opening else ""
    marker = opening.group(2) if opening else "```"
    body = lines[1:]
    if body and body[-1].strip().startswith(marker):
        body = body[:-1]
    # A fence indented inside a list: drop that indentation, and no more, from each line.
    code = "\n".join(line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in body)
    return f'<pre class="code">{highlight_code(code, language)}</pre>'


def _display_math(chunk: str) -> str:
    latex = chunk.strip()
    latex = latex[2:-2] if latex.endswith("$$") and len(latex) >= 4 else latex[2:]
    return f'<div class="math-display">{latex_svg(latex, display=True)}</div>'


def markdown_html(text: str, *, inline: bool = False) -> str:
    """Markdown (with `$math$` and code) to HTML; `inline` drops the paragraph around a single paragraph.

    `[[id]]` links must already be resolved by the caller (they need the guide).
    """
    stash: list[str] = []

    def keep(fragment: str, *, block: bool = False) -> str:
        stash.append(fragment)
        token = f"SGSTASH{len(stash) - 1}X"
        return f"\n\n{token}\n\n" if block else token

    pieces: list[str] = []
    for chunk, protected in split_blocks(text):
        stripped = chunk.lstrip()
        if protected and stripped.startswith("$$"):
            pieces.append(keep(_display_math(chunk), block=True))
        elif protected and _FENCE_OPEN.match(chunk):
            pieces.append(keep(_code_block(chunk), block=True))
        elif protected:
            pieces.append(chunk)
        else:
            chunk = _INLINE_DISPLAY_MATH.sub(lambda m: keep(latex_svg(m.group(1))), chunk)
            for piece, _, kind in split_inline(chunk):
                if kind == "math":
                    pieces.append(keep(latex_svg(piece[1:-1])))
                elif kind == "code":
                    pieces.append(keep(_code_span(piece)))
                elif kind is None:
                    # An escaped dollar is a literal one: show it as an entity Markdown leaves alone.
                    pieces.append(piece.replace("\\$", "&#36;"))
                else:
                    pieces.append(piece)
    converter = markdown.Markdown(extensions=[], output_format="html")
    rendered = converter.convert("".join(pieces))
    rendered = _BLOCK_STASH.sub(lambda m: stash[int(m.group(1))], rendered)
    rendered = _STASH.sub(lambda m: stash[int(m.group(1))], rendered)
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return rendered

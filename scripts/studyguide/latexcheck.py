"""Formulas that cannot be typeset, found while the question files are read.

The site and the PDF typeset the same `$…$` and `$$…$$` (KaTeX in the browser, latex2mathml
and ziamath for the PDF). A formula latex2mathml cannot parse, or one that uses a command
it does not know, would otherwise reach readers as raw LaTeX: it is a problem in its file,
reported with its line like every other, so `--check` and `mkdocs build --strict` fail on it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import lru_cache

from .mdtext import split_blocks, split_inline

_INLINE_DISPLAY_MATH = re.compile(r"(?<!\\)\$\$(.+?)(?<!\\)\$\$")
_MISSING_OPERATORS = re.compile(r"\\(arg)(?![A-Za-z])")
"""Operator names KaTeX knows and latex2mathml does not: written out as \\operatorname."""


def for_latex2mathml(latex: str) -> str:
    """`latex` as latex2mathml (the PDF's typesetter) must receive it to render what KaTeX renders."""
    return _MISSING_OPERATORS.sub(r"\\operatorname{\1}", latex.strip())


def formulas(text: str) -> Iterator[tuple[int, str]]:
    """(line offset within `text`, LaTeX source) of every formula outside code, in order."""
    line = 0
    for chunk, protected in split_blocks(text):
        stripped = chunk.strip()
        if protected and stripped.startswith("$$"):
            yield line, stripped[2:-2] if stripped.endswith("$$") and len(stripped) >= 4 else stripped[2:]
        elif not protected:
            piece_line = line
            for match in _INLINE_DISPLAY_MATH.finditer(chunk):
                yield line + chunk.count("\n", 0, match.start()), match.group(1)
            for piece, _, kind in split_inline(_INLINE_DISPLAY_MATH.sub(lambda m: " " * len(m.group(0)), chunk)):
                if kind == "math":
                    yield piece_line, piece[1:-1]
                piece_line += piece.count("\n")
        line += chunk.count("\n")


@lru_cache(maxsize=4096)
def latex_problem(latex: str) -> str | None:
    """Why `latex` cannot be typeset, or None when it can."""
    from latex2mathml.converter import convert  # 50 ms to import: only for files that hold math

    try:
        mathml = convert(for_latex2mathml(latex))
    except Exception as err:  # latex2mathml raises many exception types for bad input
        reason = f"{type(err).__name__}{': ' + str(err) if str(err) else ''}"
        return f"{_explain(reason)}"
    unknown = sorted({node.text for node in ET.fromstring(mathml).iter() if node.text and node.text.startswith("\\")})
    if unknown:
        return f"unknown command {', '.join(unknown)}"
    return None


_HINTS = {
    "NoAvailableTokensError": "it ends too early (an unclosed { or a command missing its argument)",
    "MissingSuperScriptOrSubscriptError": "a ^ or _ has nothing after it",
    "ExtraLeftOrMissingRightError": "a \\left has no matching \\right",
    "MissingEndError": "a \\begin{…} has no matching \\end{…}",
    "DenominatorNotFoundError": "a fraction is missing its denominator",
    "NumeratorNotFoundError": "a fraction is missing its numerator",
}


def _explain(reason: str) -> str:
    name = reason.split(":", 1)[0]
    return _HINTS.get(name, reason)

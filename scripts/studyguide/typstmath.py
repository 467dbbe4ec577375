"""LaTeX math (the KaTeX subset the guide's formulas use) to Typst math, for the PDFs.

The site typesets `$…$` with KaTeX; the PDFs are made by Typst, whose math syntax differs
(`frac(a, b)`, `sum_(i=1)^n`, letters as separate symbols). Rather than vendor a LaTeX
package for Typst (packages download at compile time), this converts the formula here:
a small recursive-descent translation of commands, groups and sub/superscripts.

Every symbol is emitted as its own space-separated token, and brackets, commas and slashes
are escaped, so Typst never reads `ab` as one name, `a/b` as a fraction, `<=` built from
two tokens, or a comma as an argument separator: the result shows what LaTeX shows.
An unknown command raises `ValueError` (the loader reports it with the file's line).
"""

from __future__ import annotations

import re
from functools import lru_cache

_GREEK = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "pi",
    "rho",
    "sigma",
    "tau",
    "upsilon",
    "chi",
    "psi",
    "omega",
    "Gamma",
    "Delta",
    "Theta",
    "Lambda",
    "Xi",
    "Pi",
    "Sigma",
    "Upsilon",
    "Phi",
    "Psi",
    "Omega",
]

SYMBOLS: dict[str, str] = {name: name for name in _GREEK} | {
    # LaTeX's \epsilon and \phi are the lunate/loopless forms; \var… are the everyday ones.
    "epsilon": "epsilon.alt",
    "varepsilon": "epsilon",
    "phi": "phi.alt",
    "varphi": "phi",
    "vartheta": "theta.alt",
    "varpi": "pi.alt",
    "varrho": "rho.alt",
    "varsigma": "sigma.alt",
    "ell": "ell",
    "infty": "infinity",
    "partial": "partial",
    "nabla": "nabla",
    "top": "top",
    "bot": "bot",
    "perp": "perp",
    "sum": "sum",
    "prod": "product",
    "int": "integral",
    "times": "times",
    "cdot": "dot.op",
    "odot": "dot.o",
    "otimes": "times.o",
    "oplus": "plus.o",
    "pm": "plus.minus",
    "mp": "minus.plus",
    "div": "div",
    "le": "<=",
    "leq": "<=",
    "ge": ">=",
    "geq": ">=",
    "ne": "!=",
    "neq": "!=",
    "ll": "<<",
    "gg": ">>",
    "approx": "approx",
    "sim": "tilde.op",
    "simeq": "tilde.eq",
    "equiv": "equiv",
    "propto": "prop",
    "in": "in",
    "notin": "in.not",
    "subset": "subset",
    "subseteq": "subset.eq",
    "cap": "inter",
    "cup": "union",
    "emptyset": "emptyset",
    "forall": "forall",
    "exists": "exists",
    "neg": "not",
    "land": "and",
    "lor": "or",
    "to": "->",
    "rightarrow": "->",
    "leftarrow": "<-",
    "Rightarrow": "=>",
    "Longrightarrow": "==>",
    "longrightarrow": "-->",
    "Longleftarrow": "<==",
    "longleftarrow": "<--",
    "Leftrightarrow": "<=>",
    "Longleftrightarrow": "<==>",
    "uparrow": "arrow.t",
    "downarrow": "arrow.b",
    "Leftarrow": "arrow.l.double",
    "leftrightarrow": "<->",
    "iff": "<=>",
    "implies": "=>",
    "mapsto": "|->",
    "mid": "divides",
    "succ": "succ",
    "prec": "prec",
    "dots": "dots",
    "ldots": "dots",
    "cdots": "dots.c",
    "vdots": "dots.v",
    "langle": "chevron.l",
    "rangle": "chevron.r",
    "lfloor": "floor.l",
    "rfloor": "floor.r",
    "lceil": "ceil.l",
    "rceil": "ceil.r",
    "lVert": "bar.v.double",
    "rVert": "bar.v.double",
    "Vert": "bar.v.double",
    "lvert": "bar.v",
    "rvert": "bar.v",
    "vert": "bar.v",
    "prime": "prime",
    "star": "star.op",
    "circ": "compose",
    "quad": "quad",
    "qquad": "wide",
}

OPERATORS = frozenset(
    [
        "log",
        "ln",
        "exp",
        "sin",
        "cos",
        "tan",
        "sinh",
        "cosh",
        "tanh",
        "max",
        "min",
        "sup",
        "inf",
        "lim",
        "arg",
        "det",
        "dim",
        "ker",
        "Pr",
        "gcd",
        "mod",
    ]
)
"""Upright function names Typst knows by the same name."""

_ACCENTS = {
    "hat": "hat",
    "widehat": "hat",
    "tilde": "tilde",
    "widetilde": "tilde",
    "bar": "macron",
    "overline": "overline",
    "underline": "underline",
    "vec": "arrow",
    "dot": "dot",
    "ddot": "dot.double",
}
_STYLES = {
    "mathbf": "upright(bold({}))",
    "boldsymbol": "bold({})",
    "bm": "bold({})",
    "mathrm": "upright({})",
    "mathit": "italic({})",
    "mathbb": "bb({})",
    "mathcal": "cal({})",
    "mathsf": "sans({})",
    "mathtt": "mono({})",
    "mathfrak": "frak({})",
}
_TEXT = frozenset({"text", "textrm", "textit", "textbf", "mbox"})
_FRACTIONS = frozenset({"frac", "tfrac", "dfrac", "cfrac"})
_SIZES = frozenset({"big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr"})
_SPACES = {",": "thin", ";": "med", ":": "med", ">": "med", " ": "space", "!": ""}
_ESCAPED = frozenset("%{}_#$&")
_MATRICES = {"matrix": '"none"', "pmatrix": '"("', "bmatrix": '"["', "Bmatrix": '"{"', "vmatrix": '"|"', "Vmatrix": '"||"'}
_DELIMITERS = {"(": "\\(", ")": "\\)", "[": "\\[", "]": "\\]", "|": "|", "/": "\\/", "<": "<", ">": ">"}

_TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|\d+(?:\.\d+)?|\s+|.", re.DOTALL)


@lru_cache(maxsize=8192)
def to_typst(latex: str) -> str:
    """The Typst math source (without `$`) that typesets `latex`. Raises ValueError if it cannot."""
    parser = _Parser(_TOKEN.findall(latex))
    out = parser.sequence(frozenset())
    if parser.peek() is not None:
        raise ValueError(f"unexpected {parser.peek()!r}")
    return out


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | None:
        """The next token, past white space (which math ignores; only \\text keeps it)."""
        while self.pos < len(self.tokens) and self.tokens[self.pos].isspace():
            self.pos += 1
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise ValueError("it ends too early (an unclosed { or a command missing its argument)")
        self.pos += 1
        return token

    def sequence(self, stop: frozenset[str]) -> str:
        """Tokens up to (not including) one in `stop`, or the end."""
        pieces: list[str] = []
        while (token := self.peek()) is not None and token not in stop:
            if token in ("^", "_"):
                self.pos += 1
                base = pieces.pop() if pieces else '""'
                pieces.append(f"{base}{token}({self.argument()})")
            elif token == "'":
                self.pos += 1
                if pieces:
                    pieces[-1] += "'"
                else:
                    pieces.append("prime")
            elif token == "}":
                raise ValueError("a } has no matching {")
            else:
                piece = self.atom()
                if piece:
                    pieces.append(piece)
        return " ".join(pieces)

    def argument(self) -> str:
        """A command's argument or a script: a {group} or one symbol."""
        return self.atom(single=True)

    def group(self) -> str:
        """A `{…}` argument (required)."""
        if self.peek() != "{":
            return self.argument()
        self.pos += 1
        inner = self.sequence(frozenset("}"))
        if self.peek() != "}":
            raise ValueError("an unclosed {")
        self.pos += 1
        return inner

    def raw_group(self) -> str:
        """The literal text of a `{…}` argument (for \\text and \\operatorname)."""
        if self.peek() != "{":
            return self.take()
        self.pos += 1
        depth, parts = 1, []
        while True:
            if self.pos >= len(self.tokens):
                raise ValueError("an unclosed {")
            token = self.tokens[self.pos]
            self.pos += 1
            if token == "{":
                depth += 1
            elif token == "}":
                depth -= 1
                if depth == 0:
                    return "".join(parts)
            parts.append(token[1:] if len(token) == 2 and token[0] == "\\" and token[1] in _ESCAPED else token)

    def atom(self, single: bool = False) -> str:
        """One symbol, group or command with its arguments; `single`: a script's or argument's (x^23 is x², then 3)."""
        token = self.take()
        if token == "{":
            inner = self.sequence(frozenset("}"))
            if self.peek() != "}":
                raise ValueError("an unclosed {")
            self.pos += 1
            return inner
        if token.startswith("\\"):
            return self.command(token[1:])
        if token[0].isdigit():
            if single and len(token) > 1:  # x^23 is x² followed by 3
                self.tokens[self.pos : self.pos] = [token[1:]]
                return token[0]
            return token
        if token.isalpha():
            return token if token.isascii() else f'"{token}"'
        if token in _DELIMITERS:
            return _DELIMITERS[token]
        if token in ",;":
            return "\\" + token
        if token in '"#$@`\\':
            return "\\" + token
        if token == "~":
            return "space"
        if token == "&":
            return "&"
        return token  # + - = . : ! ? * and other single characters

    def command(self, name: str) -> str:
        if name in _SPACES:
            return _SPACES[name]
        if name in _ESCAPED:
            return "\\" + name
        if name == "|":
            return "bar.v.double"
        if name == "\\":
            return "\\ "
        starred = name.endswith("*")
        name = name.rstrip("*")
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in OPERATORS:
            return name
        if name in _FRACTIONS:
            top = self.group()
            return f"frac({top}, {self.group()})"
        if name == "sqrt":
            if self.peek() == "[":
                self.pos += 1
                index = self.sequence(frozenset("]"))
                self.take()
                return f"root({index}, {self.group()})"
            return f"sqrt({self.group()})"
        if name in _ACCENTS:
            return f"{_ACCENTS[name]}({self.group()})"
        if name in _STYLES:
            return _STYLES[name].format(self.group())
        if name in _TEXT:
            return _string(self.raw_group())
        if name == "operatorname":
            label = _string(self.raw_group())
            return f"op({label}, limits: #true)" if starred else f"op({label})"
        if name in ("underbrace", "overbrace"):
            body = self.group()
            script = "_" if name == "underbrace" else "^"
            if self.peek() == script:
                self.pos += 1
                return f"{name}({body}, {self.argument()})"
            return f"{name}({body})"
        if name in _SIZES:
            return self.delimiter(self.take())
        if name == "left":
            opening = self.delimiter(self.take())
            body = self.sequence(frozenset({"\\right"}))
            if self.peek() != "\\right":
                raise ValueError("a \\left has no matching \\right")
            self.pos += 1
            closing = self.delimiter(self.take())
            if not opening or not closing:
                return " ".join(p for p in (opening, body, closing) if p)
            return f"lr({opening} {body} {closing})"
        if name == "right":
            raise ValueError("a \\right has no matching \\left")
        if name == "begin":
            return self.environment(self.raw_group())
        raise ValueError(f"unknown command \\{name}")

    def delimiter(self, token: str) -> str:
        if token == ".":
            return ""
        if token.startswith("\\"):
            return self.command(token[1:])
        return _DELIMITERS.get(token, token)

    def environment(self, name: str) -> str:
        rows: list[list[str]] = [[]]
        while True:
            cell = self.sequence(frozenset({"&", "\\\\", "\\end"}))
            rows[-1].append(cell)
            token = self.take()
            if token == "&":
                continue
            if token == "\\\\":
                rows.append([])
                continue
            if self.raw_group() != name:
                raise ValueError(f"\\begin{{{name}}} ends with another \\end")
            break
        rows = [row for row in rows if any(row)]
        if name == "cases":
            return "cases(" + ", ".join(" & ".join(row) for row in rows) + ")"
        if name in _MATRICES:
            body = "; ".join(", ".join(row) for row in rows)
            return f"mat(delim: {_MATRICES[name]}, {body})"
        if name in ("aligned", "align", "align*", "gathered", "split"):
            return " \\ ".join(" & ".join(row) for row in rows)
        raise ValueError(f"unknown environment {name}")


def _string(text: str) -> str:
    """A Typst string literal, shown upright as text inside math."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

"""A formula's TeX source as text a reader can scan: `\\frac{a}{b}` becomes `a/b`, `\\lambda` λ.

For search snippets, where a formula cannot be typeset: good enough to recognise the formula
and to find it by its symbols' names, never the source with its backslashes and braces.
"""

from __future__ import annotations

import re

SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "sum": "Σ", "prod": "Π", "int": "∫", "partial": "∂", "nabla": "∇", "infty": "∞", "sqrt": "√",
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "neq": "≠", "ne": "≠", "approx": "≈", "sim": "~", "propto": "∝", "equiv": "≡", "in": "∈", "notin": "∉",
    "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "forall": "∀", "exists": "∃", "to": "→",
    "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦", "ldots": "…", "cdots": "…",
    "dots": "…", "top": "ᵀ", "langle": "⟨", "rangle": "⟩", "lVert": "‖", "rVert": "‖", "Vert": "‖",
    "mid": "|", "vert": "|", "lvert": "|", "rvert": "|", "circ": "∘", "odot": "⊙", "otimes": "⊗",
    "log": "log", "ln": "ln", "exp": "exp", "max": "max", "min": "min", "arg": "arg", "sin": "sin",
    "cos": "cos", "tan": "tan", "det": "det", "Pr": "Pr", "lim": "lim", "sup": "sup", "inf": "inf",
}  # fmt: skip
# Commands that only space or size things: dropped.
_DROP = re.compile(r"\\(?:left|right|big|Big|bigg|Bigg|displaystyle|textstyle|limits|nolimits)\b")
_SPACE = re.compile(r"\\(?:quad|qquad)\b|\\[,;:!> ]")
_GROUP = r"\{((?:[^{}]|\{[^{}]*\})*)\}"
_FRAC = re.compile(r"\\[dt]?frac\s*" + _GROUP + r"\s*" + _GROUP)
# `\\tfrac12`: TeX takes one token for each argument when there are no braces.
_BARE_FRAC = re.compile(r"\\[dt]?frac\s*([0-9A-Za-z])\s*([0-9A-Za-z])")
_SQRT = re.compile(r"\\sqrt\s*(?:\[[^\]]*\])?\s*" + _GROUP)
_WRAPPERS = r"\\(?:text|textbf|textit|mathrm|mathbf|mathit|mathcal|mathbb|mathsf|boldsymbol|operatorname\*?|hat|bar|tilde|vec|overline|underline|widehat|mathtt)"
_WRAPPER = re.compile(_WRAPPERS + r"\s*" + _GROUP)
# `\mathbf w`, `\hat\beta`: a wrapper of one unbraced token is dropped, leaving the token.
_BARE_WRAPPER = re.compile(_WRAPPERS + r"(?![A-Za-z])\s*")
_COMMAND = re.compile(r"\\([A-Za-z]+)")


def _atom(text: str) -> str:
    """A numerator or denominator, in parentheses when it is more than one symbol."""
    text = text.strip()
    return text if re.fullmatch(r"[\w.]+", re.sub(r"[{}]", "", text)) else f"({text})"


def latex_to_text(source: str) -> str:
    text = _SPACE.sub(" ", _DROP.sub("", source))
    for _ in range(4):  # nested fractions and wrappers, innermost first
        text = _WRAPPER.sub(r"\1", text)
        text = _SQRT.sub(lambda m: f"√{_atom(m.group(1))}", text)
        text = _FRAC.sub(lambda m: f"{_atom(m.group(1))}/{_atom(m.group(2))}", text)
        text = _BARE_FRAC.sub(r"\1/\2", text)
    text = _BARE_WRAPPER.sub("", text)
    text = _COMMAND.sub(lambda m: SYMBOLS.get(m.group(1), m.group(1)), text)
    text = text.replace("\\\\", " ").replace("\\", "").replace("&", " ")
    text = re.sub(r"[{}]", "", text)
    return re.sub(r"\s+", " ", text).strip()

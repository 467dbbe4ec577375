"""Which KaTeX font file draws each character of KaTeX's HTML, read from KaTeX's own stylesheet.

KaTeX picks fonts with classes: `.katex` sets KaTeX_Main, `.katex .mathnormal` KaTeX_Math
italic, `.katex .mathbf` KaTeX_Main bold, `.katex .delimsizing.size2` KaTeX_Size2, and so
on; `@font-face` rules name the file of each family, weight and style. This module applies
those rules to the HTML the way a browser would (the most specific matching rule wins, then
the later one; the rest is inherited), which is all KaTeX's stylesheet needs: its selectors
are classes and tag names joined by descendant and child combinators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_FONT_FACE = re.compile(r"@font-face\{([^{}]*)\}")
_DECLARATION = re.compile(r"(font-family|font-weight|font-style|font)\s*:\s*([^;}]+)")
_URL = re.compile(r"url\(([^)]+\.woff2)\)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SVG = {"svg", "path", "line", "rect", "g"}


@dataclass(frozen=True)
class Face:
    family: str
    weight: int
    style: str


@dataclass(frozen=True)
class _Compound:
    tag: str | None
    classes: frozenset[str]


@dataclass(frozen=True)
class _Selector:
    parts: tuple[_Compound, ...]
    """Left to right; `combinators[i]` joins parts[i] and parts[i + 1]: " " (descendant) or ">" (child)."""
    combinators: tuple[str, ...]

    @property
    def specificity(self) -> tuple[int, int]:
        return (sum(len(p.classes) for p in self.parts), sum(1 for p in self.parts if p.tag))


def _family(value: str) -> str:
    return value.split(",")[0].strip().strip("\"'")


def _weight(value: str) -> int:
    value = value.strip()
    return 700 if value == "bold" else 400 if value == "normal" else int(value)


def _parse_selector(text: str) -> _Selector | None:
    tokens = re.findall(r"[^\s>]+|>", text.strip())
    parts: list[_Compound] = []
    combinators: list[str] = []
    pending = " "
    for token in tokens:
        if token == ">":
            pending = ">"
            continue
        match = re.fullmatch(r"([a-zA-Z][\w-]*)?((?:\.[\w-]+)*)", token)
        if match is None:  # pseudo-classes, attributes: not a font rule KaTeX has
            return None
        if parts:
            combinators.append(pending)
        pending = " "
        parts.append(_Compound(match.group(1), frozenset(c for c in match.group(2).split(".") if c)))
    return _Selector(tuple(parts), tuple(combinators)) if parts else None


def _matches(selector: _Selector, chain: list[tuple[str, frozenset[str]]]) -> bool:
    """Does `selector` match the last element of `chain` (root first)?"""

    def fits(compound: _Compound, element: tuple[str, frozenset[str]]) -> bool:
        return (compound.tag is None or compound.tag == element[0]) and compound.classes <= element[1]

    def match(part: int, at: int) -> bool:
        if not fits(selector.parts[part], chain[at]):
            return False
        if part == 0:
            return True
        if selector.combinators[part - 1] == ">":
            return at > 0 and match(part - 1, at - 1)
        return any(match(part - 1, up) for up in range(at - 1, -1, -1))

    return match(len(selector.parts) - 1, len(chain) - 1)


class FontMap:
    """KaTeX's font rules and faces: `characters(html)` attributes each drawn character to a file."""

    def __init__(self, rules: list[tuple[_Selector, int, dict[str, str]]], faces: dict[Face, str]) -> None:
        self.rules = rules
        self.faces = faces

    @classmethod
    def from_stylesheet(cls, css: str) -> FontMap:
        faces: dict[Face, str] = {}
        for body in _FONT_FACE.findall(css):
            props = dict(_DECLARATION.findall(body))
            url = _URL.search(body)
            if url and "font-family" in props:
                face = Face(
                    _family(props["font-family"]),
                    _weight(props.get("font-weight", "400")),
                    props.get("font-style", "normal").strip(),
                )
                faces[face] = url.group(1).rsplit("/", 1)[-1]
        rules = []
        for order, (prelude, body) in enumerate(_RULE.findall(_FONT_FACE.sub("", css))):
            props: dict[str, str] = {}
            for name, value in _DECLARATION.findall(body):
                if name == "font":  # the shorthand KaTeX uses: "normal 1.21em KaTeX_Main,math,…"
                    words = value.split()
                    families = value[value.index(words[2]) :] if len(words) >= 3 else ""
                    props.update({"font-family": _family(families), "font-weight": "400", "font-style": "normal"})
                else:
                    props[name] = value.strip()
            if not props:
                continue
            if "font-family" in props:
                props["font-family"] = _family(props["font-family"])
            for text in prelude.split(","):
                selector = _parse_selector(text)
                if selector is not None:
                    rules.append((selector, order, props))
        return cls(rules, faces)

    def face_of(self, chain: list[tuple[str, frozenset[str]]], inherited: Face | None) -> Face | None:
        matching = sorted(
            ((s.specificity, order, props) for s, order, props in self.rules if _matches(s, chain)), key=lambda m: (m[0], m[1])
        )
        if inherited is None and not matching:
            return None
        family, weight, style = (inherited.family, inherited.weight, inherited.style) if inherited else ("", 400, "normal")
        for _, _, props in matching:
            family = props.get("font-family", family)
            weight = _weight(props["font-weight"]) if "font-weight" in props else weight
            style = props.get("font-style", style)
        return Face(family, weight, style)

    def files_for(self, face: Face) -> list[str]:
        """The file the browser uses for `face`; every face of its family when none is exact."""
        if face in self.faces:
            return [self.faces[face]]
        return sorted(name for f, name in self.faces.items() if f.family == face.family)

    def characters(self, fragment: str) -> dict[str, set[str]]:
        walker = _Walker(self)
        walker.feed(fragment)
        walker.close()
        return walker.found


class _Walker(HTMLParser):
    def __init__(self, fonts: FontMap) -> None:
        super().__init__(convert_charrefs=True)
        self.fonts = fonts
        self.chain: list[tuple[str, frozenset[str]]] = []
        self.stack: list[Face | None] = []
        self.found: dict[str, set[str]] = {}
        self._cache: dict[tuple[tuple[tuple[str, frozenset[str]], ...], Face | None], Face | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        classes = frozenset((dict(attrs).get("class") or "").split())
        self.chain.append((tag, classes))
        inherited = self.stack[-1] if self.stack else None
        key = (tuple(self.chain), inherited)
        if key not in self._cache:
            self._cache[key] = self.fonts.face_of(self.chain, inherited)
        self.stack.append(self._cache[key])

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.chain:
            return
        while self.chain:
            open_tag, _ = self.chain.pop()
            self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        face = self.stack[-1] if self.stack else None
        if face is None or not data or (self.chain and self.chain[-1][0] in _SVG):
            return
        for name in self.fonts.files_for(face):
            self.found.setdefault(name, set()).update(data)

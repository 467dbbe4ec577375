"""Which KaTeX font file draws each character of KaTeX's HTML, read from KaTeX's own stylesheet.

KaTeX picks fonts with classes: `.katex` sets KaTeX_Main, `.katex .mathnormal` KaTeX_Math
italic, `.katex .mathbf` KaTeX_Main bold, `.katex .delimsizing.size2` KaTeX_Size2, and so
on; `@font-face` rules name the file of each family, weight and style. This module applies
those rules to the HTML the way a browser would (the matching rule naming the most classes wins, then
the later one; the rest is inherited), which is all KaTeX's stylesheet needs: its selectors
are classes and tag names joined by descendant and child combinators.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

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
    def precedence(self) -> tuple[int, int]:
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
        # Each rule filed under one class its last compound needs: an element is only tested
        # against the rules filed under its own classes (most of KaTeX's elements match none).
        self.by_class: dict[str, list[tuple[_Selector, int, dict[str, str]]]] = {}
        self.classless = [rule for rule in rules if not rule[0].parts[-1].classes]
        for rule in rules:
            if rule[0].parts[-1].classes:
                self.by_class.setdefault(min(rule[0].parts[-1].classes), []).append(rule)
        # The classes rules look for above the element: with the element, its parent and which of
        # these its ancestors carry, they decide its face, so faces are remembered by those.
        self.context_classes = frozenset(c for s, _, _ in rules for part in s.parts[:-1] for c in part.classes)
        self._faces: dict[tuple, Face | None] = {}

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
        tag, classes = chain[-1]
        # Only rules whose last compound this element carries can match it: most elements have none.
        filed = [rule for name in classes for rule in self.by_class.get(name, ())] + self.classless
        candidates = [
            (s, order, props)
            for s, order, props in filed
            if s.parts[-1].classes <= classes and (s.parts[-1].tag is None or s.parts[-1].tag == tag)
        ]
        matching = sorted(
            ((s.precedence, order, props) for s, order, props in candidates if _matches(s, chain)), key=lambda m: (m[0], m[1])
        )
        if not matching:
            return inherited
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
        return _walk(self, fragment)


# Text KaTeX's stylesheet draws itself (`content:`) in an element's font: equation numbers,
# `.katex .eqn-num:before{content:"(" counter(katexEqnNo) ")"}` (equation, align, gather).
_GENERATED = {"eqn-num": "()0123456789"}
_TOKEN = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)")
_CLASS = re.compile(r'\bclass="([^"]*)"')


def _walk(fonts: FontMap, fragment: str) -> dict[str, set[str]]:
    """KaTeX's HTML is generated and well formed: scanning its tags is enough, and many times faster than a parser."""
    chain: list[tuple[str, frozenset[str]]] = []
    stack: list[Face | None] = []
    context: list[frozenset[str]] = []  # the context classes of each open element and its ancestors
    found: dict[str, set[str]] = {}
    for match in _TOKEN.finditer(fragment):
        closing, tag, attrs, text = match.groups()
        if text is not None:
            face = stack[-1] if stack else None
            if face is not None and not (chain and chain[-1][0] in _SVG):
                for name in fonts.files_for(face):
                    found.setdefault(name, set()).update(html.unescape(text))
        elif tag.lower() in _VOID or attrs.endswith("/"):
            continue
        elif closing:
            while chain:
                open_tag, _ = chain.pop()
                stack.pop()
                context.pop()
                if open_tag == tag:
                    break
        else:
            names = _CLASS.search(attrs)
            element = (tag, frozenset(names.group(1).split()) if names else frozenset())
            inherited = stack[-1] if stack else None
            above = context[-1] if context else frozenset()
            key = (element, chain[-1] if chain else None, above, inherited)
            chain.append(element)
            if key not in fonts._faces:
                fonts._faces[key] = fonts.face_of(chain, inherited)
            stack.append(fonts._faces[key])
            for name, generated in _GENERATED.items():
                if name in element[1] and fonts._faces[key] is not None:
                    for file_name in fonts.files_for(fonts._faces[key]):
                        found.setdefault(file_name, set()).update(generated)
            context.append(above | (element[1] & fonts.context_classes))
    return found

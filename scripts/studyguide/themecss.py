"""The theme's stylesheets cut down to the rules the built site can match.

Material's main stylesheet (138 KB) styles every feature the theme offers, most of which a
guide never turns on, and every page loads it before it shows. After a whole build, the
site's copy keeps a rule only if what it requires is in evidence: a class on some page's
element or named in a script the pages run, an attribute value (`[data-md-color-primary=indigo]`)
set on some page or named in a script. Scripts count as evidence wholesale, every word in
them, because they add classes as pages are used (the search dialog, the palette toggle);
a class a script builds from parts (`md-tag--${kind}`) keeps every class with that prefix.
Web workers cannot touch a page, so the theme's search worker and its lunr files are left
out. The cut is made from the theme's own file after every build, dirty ones too: the
evidence is read from every page in the site folder, rebuilt or not.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import stylepurge

STYLESHEETS = "assets/stylesheets/"
WORKER_FOLDERS = ("assets/javascripts/workers/", "assets/javascripts/lunr/")
SCRIPT_SUFFIXES = (".js", ".mjs", ".json")

_ATTRIBUTE = re.compile(r"""\s([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_WORD = re.compile(r"[\w-]+")
# A class put together at run time: `md-tag--${kind}` in a template, "md-tag--"+kind in a sum.
_BUILT_PREFIX = re.compile(r"""([A-Za-z_][\w-]*-)(?:\$\{|["']\s*\+)""")


@dataclass
class Evidence:
    """What the built site shows a stylesheet could match."""

    classes: set[str] = field(default_factory=set)
    values: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    script_words: set[str] = field(default_factory=set)
    built_prefixes: set[str] = field(default_factory=set)

    def add_page(self, page: str) -> None:
        for match in _ATTRIBUTE.finditer(page):
            name = match.group(1).lower()
            value = next(v for v in match.group(2, 3, 4) if v is not None)
            if name == "class":
                self.classes.update(value.split())
            else:
                self.values[name].add(value)
        for script in _INLINE_SCRIPT.findall(page):
            self.add_script(script)

    def add_script(self, text: str) -> None:
        self.script_words.update(_WORD.findall(text))
        self.built_prefixes.update(_BUILT_PREFIX.findall(text))

    def has_class(self, name: str) -> bool:
        return name in self.classes or name in self.script_words or any(name.startswith(p) for p in self.built_prefixes)

    def has_value(self, attribute: str, value: str) -> bool:
        if attribute.lower() == "class":  # `[class=a]`: class attributes are kept as their names
            return all(self.has_class(name) for name in value.split())
        return value in self.values.get(attribute.lower(), ()) or value in self.script_words

    def can_match(self, selector: str) -> bool:
        classes, values = stylepurge.requirements(selector)
        return all(self.has_class(c) for c in classes) and all(self.has_value(a, v) for a, v in values)


def theme_stylesheets(files: Iterable[Any], theme: Any) -> dict[str, Path]:
    """The site path → source of each of the theme's own stylesheets the build copies.

    Only the installed theme's: a stylesheet of the guide's (in docs/ or in the theme's
    `custom_dir`) is the author's, served as written.
    """
    custom = Path(theme.custom_dir).resolve() if getattr(theme, "custom_dir", None) else None
    roots = [Path(d).resolve() for d in theme.dirs if custom is None or Path(d).resolve() != custom]
    out = {}
    for file in files:
        if not (file.src_uri.startswith(STYLESHEETS) and file.src_uri.endswith(".css") and file.abs_src_path):
            continue
        source = Path(file.abs_src_path).resolve()
        if any(source.is_relative_to(root) for root in roots):
            out[file.dest_uri] = source
    return out


def gather(site_dir: Path) -> Evidence:
    """Every page's classes and attribute values, and the words of every script a page can run."""
    evidence = Evidence()
    for folder, dirs, names in os.walk(site_dir):
        dirs.sort()
        relative = Path(folder).relative_to(site_dir).as_posix() + "/"
        if relative.startswith(WORKER_FOLDERS):
            dirs.clear()
            continue
        for name in sorted(names):
            if name.endswith(".html"):
                evidence.add_page((Path(folder) / name).read_text(encoding="utf-8", errors="replace"))
            elif name.endswith(SCRIPT_SUFFIXES):
                evidence.add_script((Path(folder) / name).read_text(encoding="utf-8", errors="replace"))
    return evidence


def write_purged(site_dir: Path, stylesheets: dict[str, Path]) -> dict[str, tuple[int, int]]:
    """Cut each of the site's theme stylesheets to what `site_dir` can match: site path → (bytes before, after)."""
    evidence = gather(site_dir)
    sizes = {}
    for dest, source in sorted(stylesheets.items()):
        target = site_dir / dest
        if not target.is_file():
            continue
        css = source.read_text(encoding="utf-8")
        try:
            purged = stylepurge.purge(stylepurge.without_comments(css), evidence.can_match)
        except stylepurge.UnreadableStylesheet:
            continue  # served whole: a stylesheet we cannot read is not one we may cut
        target.unlink()  # a fresh file, never writing through a link into the theme
        target.write_text(purged, encoding="utf-8")
        # The theme's source map describes the whole file; the cut one no longer names it.
        target.with_name(target.name + ".map").unlink(missing_ok=True)
        sizes[dest] = (len(css.encode()), len(purged.encode()))
    return sizes

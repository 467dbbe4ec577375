"""KaTeX's stylesheet cut down to the rules the site's formulas can match.

KaTeX's stylesheet (25 KB) styles every construct KaTeX can draw: 121 rules alone for
resizing between its eleven sizes, most of which a guide never uses. After a build has
typeset every formula (`mathrender`), the site's copy keeps a rule only if some formula
carries every class its selector names, so each formula matches exactly the rules it
matched before and looks the same. Font faces name only the WOFF2 files the package ships
(every browser that renders the site reads WOFF2).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from . import assets, stylepurge

SITE_STYLESHEET = f"{assets.PREFIX}/{assets.MATH_STYLESHEET}"

_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
_OTHER_FORMATS = re.compile(r',url\([^)]*\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')


def used_classes(rendered: Iterable[str]) -> set[str]:
    """Every class name on an element of the typeset formulas."""
    names: set[str] = set()
    for fragment in rendered:
        for value in _CLASS_ATTRIBUTE.findall(fragment):
            names.update(value.split())
    return names


def purge(css: str, classes: set[str]) -> str:
    """`css` with only the selectors whose every class is in `classes` (and the at-rules holding any)."""

    def can_match(selector: str) -> bool:
        needed, _ = stylepurge.requirements(selector)
        return needed <= classes

    def woff2_only(prelude: str, body: str) -> str:
        return f"{prelude}{{{_OTHER_FORMATS.sub('', body)}}}" if prelude.startswith("@font-face") else f"{prelude}{{{body}}}"

    return stylepurge.purge(stylepurge.without_comments(css), can_match, at_rule=woff2_only)


def write_purged(site_dir: Path, rendered: Iterable[str]) -> None:
    """Replace the site's KaTeX stylesheet with its rules for the typeset formulas in `rendered`."""
    target = site_dir / SITE_STYLESHEET
    if not target.is_file():
        return
    css = (assets.SOURCE / assets.MATH_STYLESHEET).read_text(encoding="utf-8")
    purged = purge(css, used_classes(rendered))
    target.unlink()  # a fresh file, never writing through a link into the package
    target.write_text(purged, encoding="utf-8")


def restore_whole(site_dir: Path) -> None:
    """Put the package's whole stylesheet back where the site holds a cut-down copy."""
    target = site_dir / SITE_STYLESHEET
    source = assets.SOURCE / assets.MATH_STYLESHEET
    if target.is_file() and target.read_bytes() != source.read_bytes():
        target.unlink()
        target.write_bytes(source.read_bytes())

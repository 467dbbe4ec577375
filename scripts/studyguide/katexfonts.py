"""KaTeX's fonts cut down to the characters the site's formulas use, so a page with math stays light.

A reader's browser fetches a KaTeX font when a formula on the page needs it, whole: the
double-struck E of an expectation alone costs the 28 KB of KaTeX_AMS. After a build has
typeset every formula (`mathrender`), each font in the site is replaced by a subset holding
the characters the formulas draw with that font (`katexfaces` reads which from KaTeX's
stylesheet), and nothing else; a font no formula draws with is left whole (nothing fetches it). Same glyphs, same metrics: the formulas look the same.

Deterministic (fontTools keeps the font's own timestamps; WOFF2 is Brotli of the same bytes),
and remembered in the process for `mkdocs serve`, where an edit rarely brings a new character.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from . import assets, buildcache
from .buildcache import BuildCache

FONTS = assets.SOURCE / "vendor" / "katex" / "fonts"
SITE_FONTS = f"{assets.PREFIX}/vendor/katex/fonts"

_HIDDEN_MATHML = re.compile(r'<span class="katex-mathml">.*?</math></span>', re.DOTALL)
_made: dict[tuple[str, str], bytes] = {}


def characters_by_font(rendered: Iterable[str]) -> dict[str, str]:
    """For each KaTeX font file (its name), the characters the formulas in `rendered` draw with it.

    Which font draws a character follows from KaTeX's stylesheet: its rules give each element
    of KaTeX's HTML a font family, weight and style (`katexfaces`), and its font faces name the
    file for each. A character is listed under every face its family might fall back to when
    the stylesheet names no exact face, so a subset never lacks a glyph the page draws with it.
    """
    from .katexfaces import FontMap

    fonts = FontMap.from_stylesheet((assets.SOURCE / assets.MATH_STYLESHEET).read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for fragment in rendered:
        for file_name, chars in fonts.characters(_HIDDEN_MATHML.sub("", fragment)).items():
            found.setdefault(file_name, set()).update(chars)
    return {name: "".join(sorted(chars)) for name, chars in sorted(found.items())}


def subset_fonts(site_dir: Path, chars: dict[str, str], cache: BuildCache | None = None) -> None:
    """Replace each KaTeX font under `site_dir` with its subset for `chars[font file name]` (fonts with none stay whole).

    With `cache`, subsets are kept between builds under a digest of the characters (the
    fonts themselves are part of the generator's code digest)."""
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    for source in sorted(FONTS.glob("*.woff2")):
        target = site_dir / SITE_FONTS / source.name
        wanted = chars.get(source.name, "")
        if not target.is_file() or not wanted:
            continue
        data = _made.get((source.name, wanted))
        if data is None:
            digest = buildcache.key(source.name, wanted)
            data = cache.get("katex-font", digest, lambda s=source, w=wanted: _subset(s, w)) if cache else _subset(source, wanted)
            _made[(source.name, wanted)] = data
        if data:
            target.unlink()  # a fresh file, never writing through a link into the package
            target.write_bytes(data)


def restore_whole(site_dir: Path) -> None:
    """Put the package's whole fonts back where the site holds cut-down copies."""
    for source in sorted(FONTS.glob("*.woff2")):
        target = site_dir / SITE_FONTS / source.name
        if target.is_file() and target.read_bytes() != source.read_bytes():
            target.unlink()
            target.write_bytes(source.read_bytes())


def _subset(source: Path, chars: str) -> bytes:
    """The WOFF2 subset of `source` for `chars`; b"" when the font has none of them."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)  # the font's own date: the same bytes every build
    cmap = font.getBestCmap() or {}
    if not any(ord(c) in cmap for c in chars):
        return b""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    # Hinting instructions are a fifth of each font, and browsers on today's screens ignore them.
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()

"""The generator's own stylesheets and scripts, minified as the site serves them.

The package keeps them readable, with the comments that say why; a reader's browser gets
them without comments and indentation (a third lighter: about 20 KB less on every first page
view). rjsmin and rcssmin only drop what the language ignores (comments, whitespace outside
strings, template literals and regular expressions), so the code that runs is the code in
the package. Vendored files are served as their authors published them.
"""

from __future__ import annotations

from pathlib import Path

VENDOR = "vendor"


def served_bytes(path: Path, relative: str) -> bytes:
    """What the site serves for the asset at `path` (`relative` to the assets folder)."""
    data = path.read_bytes()
    if relative.startswith(f"{VENDOR}/"):
        return data
    if path.suffix == ".js":
        import rjsmin

        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    if path.suffix == ".css":
        import rcssmin

        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    return data

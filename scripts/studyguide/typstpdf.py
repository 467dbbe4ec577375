"""Typst, the PDFs' typesetter: a template from `templates/`, data as JSON, fonts from `fonts/` only.

The compiler ships in the `typst` wheel: no browser, no network (the templates import no
`@preview` package), and no system font: `ignore_system_fonts` and the packaged fonts
make the same input give the same bytes on every machine. The templates set the PDF's
date themselves (from the data), so nothing reads the clock.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
FONTS_DIR = HERE / "fonts"
FONT_FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSansMono.ttf",
    "STIXTwoMath-Regular.ttf",
)
"""Named by the Typst templates; vendored so every machine embeds the same glyphs."""


class TypstError(RuntimeError):
    """The template could not be compiled (a bug in the generator, not in the guide: its formulas are checked on load)."""


class Document:
    """One template with its data, compiled as often as needed: Typst reuses the work of earlier runs."""

    def __init__(self, template: str, data: dict[str, Any]) -> None:
        import typst  # the compiler: loaded only when a PDF is made

        check_fonts()
        self._data = json.dumps(data, ensure_ascii=False, sort_keys=True)
        self._compiler = typst.Compiler(
            str(TEMPLATES_DIR / template),
            root=str(TEMPLATES_DIR),
            font_paths=[str(FONTS_DIR)],
            ignore_system_fonts=True,
        )
        self.template = template

    def pdf(self, **settings: str) -> bytes:
        """The PDF; `settings` reach the template as `sys.inputs` next to the data."""
        try:
            # timestamp: the templates set the PDF's date from the data; nothing may read the clock.
            return self._compiler.compile(sys_inputs=self._inputs(settings), timestamp=0)
        except Exception as err:  # typst raises its own error type, with the diagnostics in the message
            raise TypstError(f"{self.template}: {err}") from err

    def query(self, label: str) -> list[Any]:
        """The values of the `metadata` elements labelled `label` in the last `pdf()` made (its layout is reused)."""
        try:
            found = self._compiler.query(label, field="value")
        except Exception as err:
            raise TypstError(f"{self.template}: {err}") from err
        return json.loads(found)

    def _inputs(self, settings: dict[str, str]) -> dict[str, str]:
        return {"data": self._data, **settings}


def check_fonts() -> None:
    missing = [name for name in FONT_FILES if not (FONTS_DIR / name).is_file()]
    if missing:
        raise FileNotFoundError(f"PDF fonts missing from {FONTS_DIR}: {', '.join(missing)}\n--> Restore them from git.")

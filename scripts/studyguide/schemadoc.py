"""The question-file field reference, generated from questions/_schema.json.

CONTRIBUTING.md holds a copy between two markers; `build_pages.py fields` rewrites it and
a test fails when the two disagree, so the documentation cannot drift from the schema.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import guidedir
from .loader import PACKAGED_SCHEMAS

START = "<!-- fields:start (generated from questions/_schema.json by `python scripts/build_pages.py fields`) -->"
END = "<!-- fields:end -->"


def _kind(spec: dict) -> str:
    if "enum" in spec:
        return " \\| ".join(f"`{v}`" for v in spec["enum"])
    kind = spec.get("type", "")
    if kind == "array":
        items = spec.get("items", {})
        inner = f"`{{{', '.join(items.get('properties', {}))}}}`" if items.get("type") == "object" else items.get("type", "any")
        return f"list of {inner}"
    return str(kind)


def fields_table(schema: dict) -> str:
    """A Markdown table: field, required, type, meaning."""
    required = set(schema.get("required", []))
    rows = ["| Field | Required | Type | Meaning |", "|---|---|---|---|"]
    for name, spec in schema["properties"].items():
        # Escaped so neither a table cell nor the site's math extension misreads them.
        meaning = " ".join(spec.get("description", "").split()).replace("|", "\\|").replace("$", "\\$")
        rows.append(f"| `{name}` | {'yes' if name in required else 'no'} | {_kind(spec)} | {meaning} |")
    return "\n".join(rows)


def load_schema() -> dict:
    return json.loads((PACKAGED_SCHEMAS / "question.schema.json").read_text(encoding="utf-8"))


def expected_block(schema: dict) -> str:
    return f"{START}\n{fields_table(schema)}\n{END}"


def current_block(text: str) -> str | None:
    if START not in text or END not in text:
        return None
    return text[text.index(START) : text.index(END) + len(END)]


def main(argv: list[str], guide_dir: Path | None = None) -> int:
    """Rewrite the field table in the guide's CONTRIBUTING.md from the schema, or print it."""
    path = (guide_dir or guidedir.find()) / "CONTRIBUTING.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = current_block(text)
    if not text or (block is None and "--print" in argv):
        print(fields_table(load_schema()))
        return 0
    if block is None:
        print(f"{path}: markers not found; add {START!r} and {END!r} where the table goes", file=sys.stderr)
        return 1
    path.write_text(text.replace(block, expected_block(load_schema())), encoding="utf-8")
    print(f"Updated the field reference in {path}")
    return 0

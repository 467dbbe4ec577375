"""Validate question data against questions/_schema.json, fast when it is valid.

jsonschema reports every error with its path (what authors need) but costs over a
millisecond per file; fastjsonschema compiles the same schema to Python and accepts a
valid file in microseconds. Valid files, the vast majority, take the fast path; an
invalid one is then run through jsonschema for the full list of errors.
"""

from __future__ import annotations

from typing import Any

import fastjsonschema
import jsonschema


class QuestionValidator:
    """One compiled schema, reused for every file of a build."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self._fast = fastjsonschema.compile(schema)
        self._full = jsonschema.Draft202012Validator(schema)

    def errors(self, data: Any) -> list[jsonschema.ValidationError]:
        try:
            self._fast(data)
        except fastjsonschema.JsonSchemaException:
            return sorted(self._full.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
        return []

"""Validate question data against questions/_schema.json, fast when it is valid.

jsonschema reports every error with its path (what authors need) but costs over a
millisecond per file; fastjsonschema compiles the same schema to Python and accepts a
valid file in microseconds. Valid files, the vast majority, take the fast path; an
invalid one is then run through jsonschema for the full list of errors.

Checking the schema itself and compiling it cost more than validating 40 files, so the
compiled code is kept (see `codecache`) under a digest of the schema and both libraries'
versions: a schema whose code is kept has passed the meta-schema check.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import metadata
from typing import Any

import fastjsonschema
import jsonschema
from fastjsonschema.ref_resolver import RefResolver

from . import codecache


class QuestionValidator:
    """One compiled schema, reused for every file of a build."""

    def __init__(self, schema: dict[str, Any]) -> None:
        """Raises `jsonschema.SchemaError` when `schema` is not a valid JSON Schema."""
        self._fast = _compiled(schema)
        self._full = jsonschema.Draft202012Validator(schema)

    def errors(self, data: Any) -> list[jsonschema.ValidationError]:
        try:
            self._fast(data)
        except fastjsonschema.JsonSchemaException:
            return sorted(self._full.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
        return []


def _compiled(schema: dict[str, Any]) -> Callable[[Any], Any]:
    def checked_source() -> str:
        jsonschema.Draft202012Validator.check_schema(schema)
        return fastjsonschema.compile_to_code(schema)

    versions = [f"{name}=={metadata.version(name)}" for name in ("fastjsonschema", "jsonschema")]
    key = json.dumps([schema, versions], sort_keys=True)
    namespace: dict[str, Any] = {}
    exec(codecache.compiled("schema", key, checked_source), namespace)
    # The name fastjsonschema gives the schema's own function (others are for its $refs).
    return namespace[RefResolver.from_schema(schema, store={}).get_scope_name()]

"""Compiled code the generator makes for itself, kept beside it as Python keeps `.pyc` files.

Each build compiles the same things: the Jinja templates, and the question schema
(checked against the JSON Schema meta-schema, then turned into Python by
fastjsonschema). That costs about a tenth of a second per process, a large part of the
generator's time on a small guide. The compiled code goes in `__pycache__/` beside the
code (git-ignored), keyed by a digest of its source and the versions that compiled it,
so every project built with this copy of the generator shares it, as it shares the
generator's `.pyc` files. A folder that cannot be written, or a damaged file, only
means compiling again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket

from .atomicfile import replace_file

HERE = Path(__file__).resolve().parent
CODE_DIR = HERE / "__pycache__"
_MAGIC = f"studyguide-code 1 {sys.implementation.cache_tag}".encode()


class TemplateCodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache in `templates_dir/__pycache__`, quiet about every way it can fail.

    Jinja rejects an entry whose template source or Python version differs.
    """

    def __init__(self, templates_dir: Path) -> None:
        super().__init__(str(templates_dir / "__pycache__"), "%s.jinja")

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            bucket.reset()  # compiled again, and written afresh

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only install: compiling each time is slower, never wrong


def compiled(name: str, key: str, make_source: Callable[[], str]) -> CodeType:
    """The code `compile(make_source())` gives, reused while `key` (a digest of all it depends on) holds.

    `make_source` may raise: nothing is stored then, and the next call tries again.
    """
    path = CODE_DIR / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:32]}.bin"
    try:
        data = path.read_bytes()
        if data.startswith(_MAGIC):
            code = marshal.loads(data[len(_MAGIC) :])
            if isinstance(code, CodeType):
                return code
    except (OSError, EOFError, ValueError, TypeError):
        pass
    code = compile(make_source(), f"<{name}>", "exec")
    _store(path, _MAGIC + marshal.dumps(code))
    return code


def _store(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        replace_file(path, data)  # whole or not at all, for a build running beside this one
    except OSError:
        pass

"""Replace one file whole: written beside it, then renamed over it.

A reader (a server, a build running beside this one) sees the old bytes or the new ones,
never half of them; a failure leaves the old file and no temporary one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Make `path` hold `data`. Raises OSError (the old file, if any, is left as it was)."""
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

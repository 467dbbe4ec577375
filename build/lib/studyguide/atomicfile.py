"""Replace one file whole: written beside it, then renamed over it.

A reader (a server, a build running beside this one) sees the old bytes or the new ones,
never half of them; a failure leaves the old file and no temporary one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _file_mode() -> int:
    # The mode `open()` would give a new file: `mkstemp` makes 0600 whatever the umask, and a
    # web server running as another user then answers 404 for the file.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def temp_file(directory: Path, prefix: str) -> tuple[int, str]:
    """A new temporary file in `directory` (descriptor, path), with the mode of any other new file."""
    handle, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        os.fchmod(handle, FILE_MODE)
    except OSError:
        os.close(handle)
        os.unlink(tmp)
        raise
    return handle, tmp


def replace_file(path: Path, data: bytes) -> None:
    """Make `path` hold `data`. Raises OSError (the old file, if any, is left as it was)."""
    handle, tmp = temp_file(path.parent, f".{path.name}-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

"""Results of earlier builds, reused when everything that produced them is unchanged.

A result is stored under a key that digests all of its inputs (a question file's bytes,
the titles of the pages it links to, the glossary, …) and the generator's own code, so a
hit is by construction what the work would produce again: the cache can make a build
faster, never different. Delete the cache folder at any time; the next build refills it.

Two layers: a dictionary kept in the process between builds (`mkdocs serve` rebuilds
after every edit) and a pickle file between processes (`make site`, the CLI). Only the
entries a build used are kept, so the cache does not grow with abandoned versions.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

CACHE_FILE = "build-cache.pickle"
_FORMAT = 1
_LIBRARIES = ("markdown", "pymdown-extensions", "jinja2", "pyyaml", "fastjsonschema")
"""Libraries whose output lands in cached results: an upgrade empties the cache."""

# Cache file → (its (mtime_ns, size) when this process last read or wrote it, its entries).
_IN_MEMORY: dict[Path, tuple[tuple[int, int], dict[str, Any]]] = {}


def key(*parts: str | bytes) -> str:
    """A digest of `parts`; separators keep ("ab", "c") apart from ("a", "bc")."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """The generator's code, templates and the versions of the libraries it renders with."""
    parts: list[str | bytes] = [f"{_FORMAT}", sys.version]
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".css", ".json"}:
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    for name in _LIBRARIES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    return key(*parts)


class BuildCache:
    """Memoises build steps by input digest, in memory and (with a folder) on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        self.file = folder / CACHE_FILE if folder is not None else None
        self._old = self._load()
        self._new: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0

    def get(self, kind: str, digest: str, make: Callable[[], T]) -> T:
        """The result stored for (`kind`, `digest`), or `make()`'s, stored for next time."""
        found = self.lookup(kind, digest)
        if found is not None:
            return found
        value = make()
        self.store(kind, digest, value)
        return value

    def lookup(self, kind: str, digest: str) -> Any | None:
        """The stored result, or None; a hit is kept for the next build."""
        name = f"{kind}:{digest}"
        value = self._new.get(name)
        if value is None:
            value = self._old.get(name)
            if value is not None:
                self._new[name] = value
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def store(self, kind: str, digest: str, value: Any) -> None:
        self._new[f"{kind}:{digest}"] = value

    def save(self) -> None:
        """Keep this build's entries for the next build. A cache that cannot be written is skipped."""
        if self.file is None:
            return
        if self._new.keys() == self._old.keys():
            return  # nothing new and nothing dropped: the file on disk is already this
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(prefix=".build-cache-", dir=self.file.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    pickle.dump((_FORMAT, code_digest(), self._new), out, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.file)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            _IN_MEMORY[self.file] = (_stamp(self.file), self._new)
        except OSError:
            _IN_MEMORY.pop(self.file, None)  # a read-only checkout builds, only slower

    def _load(self) -> dict[str, Any]:
        if self.file is None:
            return {}
        try:
            stamp = _stamp(self.file)
        except OSError:
            return {}
        remembered = _IN_MEMORY.get(self.file)
        if remembered is not None and remembered[0] == stamp:
            return remembered[1]
        try:
            with self.file.open("rb") as handle:
                fmt, digest, entries = pickle.load(handle)
        except Exception:  # a truncated or foreign cache file is simply not used
            return {}
        if fmt != _FORMAT or digest != code_digest() or not isinstance(entries, dict):
            return {}
        _IN_MEMORY[self.file] = (stamp, entries)
        return entries


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size

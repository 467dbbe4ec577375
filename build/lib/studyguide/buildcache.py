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
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from . import atomicfile

T = TypeVar("T")

CACHE_FILE = "build-cache.pickle"
LOG_FILE = "build-cache.log"
_FORMAT = 2
# Cache file → ((mtime_ns, size) of base and log when this process last read or wrote them,
# the base's token, the entries).
_IN_MEMORY: dict[Path, tuple[tuple[tuple[int, int], ...], str, dict[str, Any]]] = {}


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
    """Everything besides the guide that can change what the generator makes.

    Every file of the generator package (code, templates, fonts, vendored assets) and the
    version of every installed distribution: derived, never listed by hand, so a change to
    any helper module or an upgraded library cannot leave a stale result in use.
    """
    parts: list[str | bytes] = [f"{_FORMAT}", sys.version]
    package = Path(__file__).resolve().parent
    for dirpath, dirnames, filenames in os.walk(package):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")  # compiled code is derived from the sources
        for name in sorted(filenames):
            path = Path(dirpath, name)
            parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    versions = {f"{dist.metadata['Name']}".lower(): dist.version for dist in metadata.distributions()}
    parts += [f"{name}=={version}" for name, version in sorted(versions.items())]
    return key(*parts)


class BuildCache:
    """Memoises build steps by input digest, in memory and (with a folder) on disk.

    On disk: a base file with every entry, and a log that each later build appends its new
    entries to, so saving after one edit writes kilobytes, not the whole cache. When the
    log grows past a quarter of the base, or a quarter of the entries went unused by a
    build, the next save writes a fresh base with only what that build used.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        """Where the cache lives on disk; None keeps results for this build only."""
        self.file = folder / CACHE_FILE if folder is not None else None
        self.log = folder / LOG_FILE if folder is not None else None
        self._token = ""  # ties the log to the base it extends
        self._old = self._load()
        self._new: dict[str, Any] = {}
        self._pending: list[Callable[[], None]] = []

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
        return value

    def store(self, kind: str, digest: str, value: Any) -> None:
        self._new[f"{kind}:{digest}"] = value

    def keep(self, kind: str, digest: str) -> None:
        """Carry an entry this build did not need over to the next (its product was reused whole)."""
        name = f"{kind}:{digest}"
        if name not in self._new and name in self._old:
            self._new[name] = self._old[name]

    def after_save(self, write: Callable[[], None]) -> None:
        """Run `write` (which keeps more of this build on disk) when the build saves, not before:
        a build refused at the last step leaves the cache folder as it found it."""
        self._pending.append(write)

    def save(self) -> None:
        """Keep this build's entries for the next build. A cache that cannot be written is skipped."""
        if self.file is None or self.log is None:
            return
        for write in self._pending:
            write()
        self._pending.clear()
        added = {name: value for name, value in self._new.items() if name not in self._old}
        unused = len(self._old) - (len(self._new) - len(added))
        if not added and not unused:
            return  # the files on disk already hold exactly this build's entries
        try:
            base_size = _size(self.file)
            if not self._token or unused > max(64, len(self._old) // 4) or _size(self.log) > base_size // 4:
                self._write_base()
            elif added:
                self._append(added)
        except OSError:
            _IN_MEMORY.pop(self.file, None)  # a read-only checkout builds, only slower

    def _write_base(self) -> None:
        assert self.file is not None and self.log is not None
        self.file.parent.mkdir(parents=True, exist_ok=True)
        token = os.urandom(8).hex()
        handle, tmp = atomicfile.temp_file(self.file.parent, ".build-cache-")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((_FORMAT, code_digest(), token, self._new), out, protocol=pickle.HIGHEST_PROTOCOL)
            self.log.unlink(missing_ok=True)  # first: a new base must never meet an old log
            os.replace(tmp, self.file)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self._token = token
        _IN_MEMORY[self.file] = (self._stamp(), token, self._new)

    def _append(self, added: dict[str, Any]) -> None:
        assert self.file is not None and self.log is not None
        with self.log.open("ab") as out:
            if out.tell() == 0:
                pickle.dump((_FORMAT, code_digest(), self._token), out, protocol=pickle.HIGHEST_PROTOCOL)
            # One record per build; a record cut short by a crash is where reading stops.
            out.write(pickle.dumps(added, protocol=pickle.HIGHEST_PROTOCOL))
        self._old.update(added)  # now what the files hold; the build that read it is over
        _IN_MEMORY[self.file] = (self._stamp(), self._token, self._old)

    def _stamp(self) -> tuple[tuple[int, int], ...]:
        return tuple(_stat(path) for path in (self.file, self.log) if path is not None)

    def _load(self) -> dict[str, Any]:
        if self.file is None or self.log is None:
            return {}
        try:
            stamp = self._stamp()
        except OSError:
            return {}
        remembered = _IN_MEMORY.get(self.file)
        if remembered is not None and remembered[0] == stamp:
            self._token = remembered[1]
            return remembered[2]
        try:
            with self.file.open("rb") as handle:
                fmt, digest, token, entries = pickle.load(handle)
        except Exception:  # a truncated or foreign cache file is simply not used
            return {}
        if fmt != _FORMAT or digest != code_digest() or not isinstance(entries, dict):
            return {}
        self._token = token
        self._read_log(entries)
        _IN_MEMORY[self.file] = (stamp, token, entries)
        return entries

    def _read_log(self, entries: dict[str, Any]) -> None:
        assert self.log is not None
        try:
            with self.log.open("rb") as handle:
                if pickle.load(handle) != (_FORMAT, code_digest(), self._token):
                    return  # a log left beside another base: ignore it
                while True:
                    record = pickle.load(handle)
                    if isinstance(record, dict):
                        entries.update(record)
        except Exception:  # end of the log, or a record cut short: what came before stands
            return


def _stat(path: Path) -> tuple[int, int]:
    """(modification time, size) of `path`; (0, 0) when it does not exist."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return 0, 0
    return status.st_mtime_ns, status.st_size


def _size(path: Path) -> int:
    return _stat(path)[1]

"""Write generated files into docs/ safely: only ours, only when changed, never half-written.

The generator owns the paths it wrote last time (listed in `docs/.generated.json`) and
any Markdown file whose front matter carries `GENERATED_MARK`. A hand-written file in
the way is an error, never overwritten. New content is first written in full to a
staging folder beside the output; only then is each file moved into place with an
atomic rename, so an interrupted or failed build (kill -9, full disk) leaves every file
either as it was or as it should be, never truncated.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import BuildLocked, GuideError, Problem
from .render import GENERATED_MARK

MANIFEST = ".generated.json"
LOCK = ".build.lock"
OWNED_DIRS = ("questions", "topics", "difficulty", "downloads", ".studyguide")
"""Folders of docs/ that only the generator writes to."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


@contextlib.contextmanager
def build_lock(docs_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on docs/ for the whole write; a second build is told, not corrupted."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    with open(docs_dir / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno in (errno.EAGAIN, errno.EACCES):
                message = f"{docs_dir}: another build is writing this folder; wait for it to finish and run again"
                raise BuildLocked(message) from None
            raise
        yield


def _is_generated(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(400)
    except OSError:
        return False
    return GENERATED_MARK.encode() in head


def hand_written(docs_dir: Path, candidates: list[str]) -> set[str]:
    """Those of `candidates` (paths under docs/) that an author wrote: they win over generated pages."""
    previous, _ = _read_manifest(docs_dir)
    found = set()
    for rel in candidates:
        path = docs_dir / rel
        if rel not in previous and path.is_file() and not _is_generated(path):
            found.add(rel)
    return found


def _read_manifest(docs_dir: Path) -> tuple[set[str], list[Problem]]:
    """The paths the last build wrote, and a problem for each that lies outside docs/.

    The manifest decides what a build may overwrite and delete: an entry leading out of
    docs/ (written by an older version, or edited by hand) is refused, never followed.
    """
    path = docs_dir / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
        entries = json.loads(text)
    except (OSError, ValueError):
        return set(), []
    if not isinstance(entries, list):
        return set(), []
    found: set[str] = set()
    problems: list[Problem] = []
    containment = _Containment(str(docs_dir))
    for rel in entries:
        if not isinstance(rel, str):
            continue
        if containment.holds(rel):
            found.add(rel)
            continue
        position = text.find(json.dumps(rel))
        line = text.count("\n", 0, position) + 1 if position >= 0 else 1
        problems.append(
            Problem(
                path,
                line,
                f'names "{rel}", outside the output folder: refused, nothing there is touched; '
                "delete this file and build again (the build writes a new one)",
            )
        )
    return found, problems


class _Containment:
    """Decides whether a relative path names a file inside docs/, once per folder.

    Syntax first ("..", absolute paths, backslashes, empty parts), then the real path of
    the file's folder, so a folder that is a symbolic link out of docs/ is caught too.
    """

    def __init__(self, docs: str) -> None:
        self._docs = docs
        self._inside = docs + os.sep
        self._folders: dict[str, bool] = {}

    def holds(self, rel: str) -> bool:
        if not rel or rel.startswith("/") or "\\" in rel or "\0" in rel:
            return False
        folder, _, name = rel.rpartition("/")
        if name in ("", ".", ".."):
            return False
        known = self._folders.get(folder)
        if known is None:
            parts = folder.split("/") if folder else []
            known = not any(part in ("", ".", "..") for part in parts)
            if known and folder:
                real = os.path.realpath(os.path.join(self._docs, folder))
                known = real == self._docs or real.startswith(self._inside)
            self._folders[folder] = known
        return known


def write_output(docs_dir: Path, files: Mapping[str, str | bytes]) -> WriteReport:
    """Make docs/ hold exactly `files` among the generator's paths. Raises GuideError, BuildLocked."""
    given, docs_dir = docs_dir, docs_dir.resolve()
    try:
        with build_lock(docs_dir):
            return _write_locked(docs_dir, files)
    except GuideError as err:
        # Name files as the caller named the folder (`docs/questions/x.md`), not by their real path.
        raise GuideError([replace(p, path=_as_given(p.path, docs_dir, given)) for p in err.problems]) from None
    except OSError as err:
        # docs/ is a file, on a read-only disk, not ours to write...: say so, without a traceback.
        raise GuideError([Problem(docs_dir, 1, f"cannot write to the output folder: {err.strerror or err}")]) from None


def _as_given(path: Path, resolved: Path, given: Path) -> Path:
    return given / path.relative_to(resolved) if path.is_relative_to(resolved) else path


def _write_locked(docs_dir: Path, files: Mapping[str, str | bytes]) -> WriteReport:
    previous, problems = _read_manifest(docs_dir)
    report = WriteReport()
    changed: dict[str, bytes] = {}
    docs = str(docs_dir)  # plain strings in this loop: a Path per output costs more than its lstat
    containment = _Containment(docs)
    for rel, content in sorted(files.items()):
        if not containment.holds(rel):
            # Names reaching here are validated slugs; this is the last line of defence.
            problems.append(Problem(docs_dir, 1, f'refused to write "{rel}": it lies outside the output folder'))
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = os.path.join(docs, rel)
        try:
            status = os.lstat(target)  # one system call for "is it there, and what is it"
        except FileNotFoundError:
            changed[rel] = data
            continue
        if not stat.S_ISREG(status.st_mode):
            problems.append(Problem(Path(target), 1, "in the generator's way (a folder or link): move it"))
            continue
        owned = rel in previous or rel.split("/")[0] in OWNED_DIRS or _is_generated(Path(target))
        if not owned:
            problems.append(Problem(Path(target), 1, "hand-written file where the generator writes a page: rename or move it"))
            continue
        if status.st_size == len(data):
            with open(target, "rb") as existing:
                if existing.read() == data:
                    report.unchanged += 1
                    continue
        changed[rel] = data
    if problems:
        raise GuideError(problems)

    stale = sorted(rel for rel in _stale_paths(docs_dir, previous, set(files)) if containment.holds(rel))
    clean_staging(docs_dir)  # left by a build killed mid-way; we hold the lock, so none is in use
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=docs_dir))
    previous_copies = staging / ".previous"
    touched: list[str] = []  # paths of docs/ changed so far, to put back if a later step fails
    try:
        # Everything is written in full before anything is moved into place.
        for rel, data in changed.items():
            staged = staging / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
        manifest = json.dumps(sorted(files), indent=0).encode()
        (staging / MANIFEST).write_bytes(manifest)
        # Each move is atomic; the previous version of each file is kept (a hard link, no
        # copy) so that a failure part-way (full disk, permissions) can be undone.
        for rel in sorted(changed):
            target = docs_dir / rel
            if target.exists():
                _keep(target, previous_copies / rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            touched.append(rel)  # before the move: an interruption right after it must still undo it
            os.replace(staging / rel, target)
            report.written.append(rel)
        for rel in stale:
            (previous_copies / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(docs_dir / rel, previous_copies / rel)
            touched.append(rel)
            report.removed.append(rel)
        if previous != set(files):
            os.replace(staging / MANIFEST, docs_dir / MANIFEST)
        report.written.sort()  # in path order, whatever order the moves took
    except BaseException as err:  # also Ctrl-C: put every page back before saying anything
        restored = _restore(docs_dir, previous_copies, touched)
        if not isinstance(err, OSError):
            raise
        state = "previous pages are intact" if restored else "some pages could not be restored: run the build again"
        where = Path(err.filename) if err.filename else docs_dir
        if where.is_relative_to(staging):  # the staged copy of a page: name the page
            where = docs_dir / where.relative_to(staging)
        raise GuideError([Problem(where, 1, f"could not write the output: {err.strerror or err}; {state}")]) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return report


def _keep(path: Path, copy: Path) -> None:
    copy.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(path, copy)
    except OSError:  # file systems without hard links
        shutil.copy2(path, copy)


def _restore(docs_dir: Path, previous_copies: Path, touched: list[str]) -> bool:
    """Undo the moves of a failed write, newest first. True when every file is back."""
    ok = True
    for rel in reversed(touched):
        target, kept = docs_dir / rel, previous_copies / rel
        try:
            if kept.exists():
                if not (target.exists() and os.path.samefile(kept, target)):  # the move may not have happened
                    os.replace(kept, target)
            elif os.path.lexists(target):  # a page this build added
                target.unlink()
        except OSError:
            ok = False
    return ok


def _stale_paths(docs_dir: Path, previous: set[str], current: set[str]) -> set[str]:
    """Generator-owned files that the current build no longer produces."""
    stale = {rel for rel in previous - current if (docs_dir / rel).is_file()}
    for folder in OWNED_DIRS:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for dirpath, _, filenames in os.walk(root):  # os.walk: no stat() per file, unlike rglob + is_file
            base = Path(dirpath).relative_to(docs_dir).as_posix()
            for name in filenames:
                rel = f"{base}/{name}"
                if rel not in current and (rel in previous or _is_generated(docs_dir / rel)):
                    stale.add(rel)
    return stale


def clean_staging(docs_dir: Path) -> None:
    """Remove staging folders left by a build that was killed."""
    for leftover in docs_dir.glob(".staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)

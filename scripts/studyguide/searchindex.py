"""The site's search index: Pagefind, run on the built site after every build (and `mkdocs serve` rebuild).

Pagefind splits the index into small chunks that the browser fetches only for the words a
learner types, so the first search downloads a few hundred kilobytes even at 10,000
questions, where a single lunr index grows with the guide (37.8 MB at that size) and is
fetched on every first page view. Nothing is downloaded at build time: the binary is the
pinned npm release that `engineinstall` puts in the environment's bin folder, else the
`pagefind-bin-extended` wheel's, an older release; "extended" adds word stemming for more
languages.
Which pages and parts of pages are indexed is decided in `searchmarkup`; `pagefindstable`
puts what Pagefind writes in a fixed order, so the same site gives the same index bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from . import pagefindstable

OUTPUT = "pagefind"
# Material's lunr index, written when a guide still lists the `search` plugin: one index only.
LUNR = Path("search")
# Never indexed, wherever they stand inside an indexed page: heading permalinks (¶), labels
# and badges the generator marks `data-search-exclude`, the page's last-changed line, and
# typeset formulas (`searchmarkup` puts a readable text beside each; a selector here rather
# than an attribute on each formula, which every reader would download).
EXCLUDE = ".headerlink, [data-search-exclude], .sg-meta, .sg-updated, .sg-pager, .md-source-file, .katex"


# Pagefind's binary from its npm release, linked into the environment's bin folder by
# `engineinstall`: preferred to the wheel's older release, which is slow on large guides.
ENGINE = "pagefind_extended.exe" if os.name == "nt" else "pagefind_extended"


class SearchIndexError(RuntimeError):
    pass


def engine_environment() -> dict[str, str]:
    """The environment to run Pagefind in: PAGEFIND_BINARY_PATH (the pagefind package's own
    setting) when set, else the binary installed beside this Python, else the wheel's."""
    env = dict(os.environ)
    installed = Path(sysconfig.get_path("scripts")) / ENGINE
    if "PAGEFIND_BINARY_PATH" in env:
        return env
    if installed.is_file():
        env["PAGEFIND_BINARY_PATH"] = str(installed)
    elif installed.is_symlink():  # its npm folder removed: say so rather than index with another release
        raise SearchIndexError(
            f"the search engine {installed} points to a missing file: run `make`, or "
            f"`{sys.executable} -m studyguide.engineinstall`, to install it again"
        )
    return env


def build_index(site_dir: Path, language: str = "en") -> None:
    """Index `site_dir` into `site_dir/pagefind/` (replacing any earlier index)."""
    env = engine_environment()  # before anything is removed: a broken engine leaves the last index
    output = site_dir / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(site_dir / LUNR, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT,
        "--exclude-selectors",
        EXCLUDE,
        "--force-language",
        language.split("-")[0] or "en",
        "--silent",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800, env=env)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"the search index (Pagefind) could not run: {err}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()
        if "No module named pagefind" in detail:
            detail = "Pagefind is not installed: pip install 'pagefind[extended]'"
        raise SearchIndexError(f"the search index (Pagefind) failed: {detail}")
    # Pagefind's ready-made interfaces and its highlighter: the site drives Material's own box
    # (js/search.js) and marks a result's words with its own small script (js/highlight.js).
    for unused in [*output.glob("pagefind-*ui.*"), output / "pagefind-highlight.js"]:
        unused.unlink(missing_ok=True)
    try:  # same inputs, same index bytes (Pagefind writes its filters in a per-run order)
        pagefindstable.stabilise(output)
    except pagefindstable.UnexpectedFormat as err:
        raise SearchIndexError(
            f"the search index (Pagefind) could not be put in a fixed order: {err} "
            f"(is Pagefind the version pinned in engine/package-lock.json or requirements.txt?)"
        ) from None

"""`python -m studyguide.engineinstall`: install the pinned search engine into this environment.

The search index is built by Pagefind, and searched by its browser code of the same
release. PyPI's newest wheel (1.5.2, a dependency of the generator) takes 0.3-0.6 s in the
browser to rank a word found on most pages of a 10,000-question guide; npm's 1.6.0 takes
50-90 ms (bench/search-results.md). This installs the release pinned in
`engine/package-lock.json` with `npm ci` (integrity-checked, from the npm registry, at
install time: a build downloads nothing) into `<env>/npm/`, and links its binary into the
environment's bin folder, where `searchindex` looks before the wheel. Both Makefiles (this
repository's and a new guide's) run it after installing the generator. Without npm it says
so and changes nothing: the wheel does the job, more slowly on large guides.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from .searchindex import ENGINE

PIN = Path(__file__).resolve().parent / "engine"
PIN_FILES = ("package.json", "package-lock.json")


def install(prefix: Path, scripts: Path) -> str:
    """Install the pinned engine under `prefix`/npm and link it into `scripts`; a line saying what happened.

    Raises RuntimeError when npm is there but fails (the registry unreachable, say)."""
    link = scripts / ENGINE
    link.unlink(missing_ok=True)  # a stale link would point into the folder removed next
    work = prefix / "npm"
    shutil.rmtree(work, ignore_errors=True)
    npm = shutil.which("npm")
    if npm is None:
        return (
            "npm not found: search is indexed by Pagefind's older release from PyPI, slower on guides of "
            "thousands of questions (install Node.js, then run this again for the pinned one)"
        )
    work.mkdir(parents=True)
    for name in PIN_FILES:
        shutil.copyfile(PIN / name, work / name)
    done = subprocess.run(
        [npm, "ci", "--prefix", str(work), "--no-audit", "--no-fund", "--loglevel=error"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"npm ci failed installing the search engine: {(done.stderr or done.stdout).strip()}")
    binaries = sorted(work.glob(f"node_modules/@pagefind/*/bin/{ENGINE}"))
    if not binaries:
        return "Pagefind's npm package has no binary for this platform: search is indexed by the wheel's older release"
    if os.name == "nt":
        shutil.copyfile(binaries[0], link)
    else:
        link.symlink_to(binaries[0])
    return f"search engine: {link} -> {binaries[0]}"


def main(argv: list[str]) -> int:
    if argv:
        print("usage: python -m studyguide.engineinstall", file=sys.stderr)
        return 2
    try:
        print(install(Path(sys.prefix), Path(sysconfig.get_path("scripts"))))
    except RuntimeError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`python -m studyguide.engineinstall [--done FILE]`: install the pinned search engine into this environment.

The search index is built by Pagefind, and searched by its browser code of the same
release. PyPI's newest wheel (1.5.2, a dependency of the generator) takes 0.3-0.6 s in the
browser to rank a word found on most pages of a 10,000-question guide; npm's 1.6.0 takes
50-90 ms (bench/search-results.md). This installs the release pinned in
`engine/package-lock.json` with `npm ci` (integrity-checked, from the npm registry, at
install time: a build downloads nothing) into `<env>/npm/`, and links its binary into the
environment's bin folder, where `searchindex` looks before the wheel. Both Makefiles (this
repository's and a new guide's) run it after installing the generator, with `--done` naming
their stamp: it is written only once the engine is in place, so a `make` without npm says
again, each time, that the wheel's older release indexes the site, and installs the pinned
one as soon as npm is there. A failed install (the registry unreachable) keeps the engine
installed before it; make goes on with that one, saying so.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from .searchindex import ENGINE

PIN = Path(__file__).resolve().parent / "engine"
PIN_FILES = ("package.json", "package-lock.json")
# npm retries an unreachable registry for over a minute by default; once is enough to tell.
NPM_CI = ["ci", "--no-audit", "--no-fund", "--loglevel=error", "--fetch-retries=1", "--fetch-retry-maxtimeout=10000"]
RUN_AGAIN = f"{sys.executable} -m studyguide.engineinstall"


class InstallError(RuntimeError):
    pass


def _npm_error(output: str) -> str:
    """npm's own words (`npm error`, `npm ERR!` before npm 10), without its stack trace and log path."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    said = [
        line
        for line in lines
        if re.match(r"npm (error|ERR!) ", line) and not re.match(r"npm (error|ERR!) +(at |A complete log|/.*_logs/)", line)
    ]
    return "; ".join(said[:4]) or (lines[-1] if lines else "no message")


def install(prefix: Path, scripts: Path) -> tuple[bool, str]:
    """Install the pinned engine under `prefix`/npm and link it into `scripts`.

    Returns whether the pinned engine is now in place, and a line saying what happened.
    Raises InstallError when npm is there but fails, leaving any earlier install as it was."""
    npm = shutil.which("npm")
    link = scripts / ENGINE
    if link.is_symlink() and not link.exists():
        link.unlink()  # its npm folder was removed: without a new install, the wheel's engine indexes
    # What indexes the site when the pinned engine cannot be installed now.
    meanwhile = (
        f"the search engine installed before stays ({link})"
        if link.is_file()
        else "search is indexed by Pagefind's older release from PyPI, slower on guides of thousands of questions"
    )
    if npm is None:
        return False, f"npm not found: {meanwhile} (install Node.js, then run make again, or {RUN_AGAIN})"
    work, staged = prefix / "npm", prefix / "npm.new"
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    for name in PIN_FILES:
        shutil.copyfile(PIN / name, staged / name)
    done = subprocess.run([npm, *NPM_CI, "--prefix", str(staged)], capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(staged, ignore_errors=True)
        raise InstallError(
            f"npm ci failed installing the search engine: {_npm_error(done.stderr + done.stdout)} "
            f"(is the npm registry reachable? then {RUN_AGAIN}; until then {meanwhile})"
        )
    found = sorted(staged.glob(f"node_modules/@pagefind/*/bin/{ENGINE}"))
    if not found:
        shutil.rmtree(staged, ignore_errors=True)
        return False, f"Pagefind's npm package has no binary for this platform: {meanwhile}"
    shutil.rmtree(work, ignore_errors=True)
    staged.rename(work)
    binary = work / found[0].relative_to(staged)
    link.unlink(missing_ok=True)
    if os.name == "nt":
        shutil.copyfile(binary, link)
    else:
        link.symlink_to(binary)
    return True, f"search engine: {link} -> {binary}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m studyguide.engineinstall", description=__doc__.split("\n")[0])
    parser.add_argument("--done", type=Path, help="a file to touch once the pinned engine is in place (make's stamp)")
    args = parser.parse_args(argv)
    try:
        installed, said = install(Path(sys.prefix), Path(sysconfig.get_path("scripts")))
    except InstallError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(f"could not install the search engine: {err}", file=sys.stderr)
        return 1
    print(said)
    if installed and args.done:
        args.done.touch()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Build the study guide's pages from questions/ — as a command and as an MkDocs hook.

Command line:
    python scripts/build_pages.py [--questions DIR] [--docs DIR] [--check]
    python scripts/build_pages.py new "What is dropout?" --topic deep-learning
    python scripts/build_pages.py cheatsheet [--paper A4|Letter] [--columns 2|3] [--topic ID] [--difficulty LEVEL] [--out FILE]
    python scripts/build_pages.py fields      (refresh the field table in CONTRIBUTING.md)
    python scripts/build_pages.py addresses   (SITE_URL and REPO_URL for `make deploy`, from the git remote)

MkDocs hook (mkdocs.yml: `hooks: [scripts/build_pages.py]`): before each build the
generator refreshes docs/ and sets the navigation; `mkdocs serve` also watches questions/.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from studyguide import cli
from studyguide.hook import on_config, on_page_markdown, on_post_build, on_serve, on_startup  # noqa: F401  (MkDocs looks these up by name)

# Imported on use: the cheat sheet pulls in WeasyPrint, which MkDocs and `--check` should not wait for.
SUBCOMMANDS = {
    "new": "studyguide.newquestion",
    "addresses": "studyguide.publishing",
    "fields": "studyguide.schemadoc",
    "cheatsheet": "studyguide.cli_cheatsheet",
}

if __name__ == "__main__":
    args = sys.argv[1:]
    try:
        if args and args[0] in SUBCOMMANDS:
            sys.exit(importlib.import_module(SUBCOMMANDS[args[0]]).main(args[1:]))
        sys.exit(cli.main(args))
    except KeyboardInterrupt:
        # The writer has already put every page back (see writer._write_locked).
        print("build_pages.py: interrupted; the output folder is as it was.", file=sys.stderr)
        sys.exit(130)

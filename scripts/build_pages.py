"""This repository's entry to the generator: the command line, and the same events as a hook.

Command line (the guide in this repository; `studyguide` does the same for any guide):
    python scripts/build_pages.py [--questions DIR] [--docs DIR] [--check] [--no-cache]
    python scripts/build_pages.py new "What is dropout?" --topic deep-learning
    python scripts/build_pages.py cheatsheet [--book] [--paper A4|Letter] [--columns N] [--topic ID] [--difficulty LEVEL] [--out FILE]
    python scripts/build_pages.py fields      (refresh the field table in CONTRIBUTING.md)
    python scripts/build_pages.py addresses   (SITE_URL and REPO_URL for `make deploy`, from the git remote)

mkdocs.yml uses the installed plugin (`plugins: [studyguide]`); a project that cannot
install it may name this file under `hooks:` instead: the events below are the plugin's.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from studyguide import cli
from studyguide.plugin import StudyGuidePlugin

ROOT = Path(__file__).resolve().parents[1]

# Imported on use: the PDFs pull in the Typst compiler, which MkDocs and `--check` should not wait for.
SUBCOMMANDS = {
    "new": "studyguide.newquestion",
    "addresses": "studyguide.publishing",
    "fields": "studyguide.schemadoc",
    "cheatsheet": "studyguide.cli_cheatsheet",
}

_plugin = StudyGuidePlugin()
_plugin.load_config({})
on_startup = _plugin.on_startup
on_config = _plugin.on_config
on_files = _plugin.on_files
on_serve = _plugin.on_serve
on_page_markdown = _plugin.on_page_markdown
on_post_page = _plugin.on_post_page
on_post_build = _plugin.on_post_build

if __name__ == "__main__":
    args = sys.argv[1:]
    try:
        if args and args[0] == "addresses":
            sys.exit(importlib.import_module("studyguide.publishing").main(args[1:] or [str(ROOT)]))
        if args and args[0] in SUBCOMMANDS:
            sys.exit(importlib.import_module(SUBCOMMANDS[args[0]]).main(args[1:], ROOT))
        sys.exit(cli.main(args, ROOT))
    except KeyboardInterrupt:
        # The writer has already put every page back (see writer._write_locked).
        print("build_pages.py: interrupted; the output folder is as it was.", file=sys.stderr)
        sys.exit(130)

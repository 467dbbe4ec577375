"""The `studyguide` command: start a guide, check it, add questions, generate, print.

    studyguide init DIR --title "Distributed Systems Study Guide"
    studyguide check                      validate every question file (path:line: message)
    studyguide new "What is X?" --topic ID
    studyguide generate                   pages and assets into docs/ (for renderers without plugins)
    studyguide cheatsheet [--book] [--paper Letter] [--columns N] [--topic ID] [--difficulty LEVEL] [--out FILE]
    studyguide fields                     the question-file field reference

Every command but init works on the guide in `--guide DIR`, else the nearest folder
upward holding mkdocs.yml.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from . import guidedir

USAGE = __doc__ or ""


def _split_guide(args: list[str]) -> tuple[Path, list[str]]:
    """`--guide DIR` (anywhere among the arguments) and the other arguments."""
    rest: list[str] = []
    guide: Path | None = None
    i = 0
    while i < len(args):
        if args[i] == "--guide" and i + 1 < len(args):
            guide, i = Path(args[i + 1]), i + 2
        elif args[i].startswith("--guide="):
            guide, i = Path(args[i].split("=", 1)[1]), i + 1
        else:
            rest.append(args[i])
            i += 1
    return guidedir.find(guide) if guide is None else guide.resolve(), rest


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE.strip())
        return 0 if argv else 2
    command, args = argv[0], argv[1:]
    if command == "init":
        from .scaffold import main as init

        return init(args)
    guide, args = _split_guide(args)
    if command in ("check", "generate"):
        from .cli import main as build

        if command == "check":
            return build(["--check", *args], guide, prog="studyguide check")
        return build(args, guide, prog="studyguide generate", with_assets=True)
    modules = {"new": "newquestion", "cheatsheet": "cli_cheatsheet", "fields": "schemadoc", "addresses": "publishing"}
    if command not in modules:
        print(f"studyguide: unknown command {command!r}\n\n{USAGE.strip()}", file=sys.stderr)
        return 2
    module = importlib.import_module(f".{modules[command]}", __package__)
    if command == "addresses":
        return module.main([str(guide)])
    return module.main(args, guide)


def entry() -> None:
    """Console-script entry point."""
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        print("studyguide: interrupted; the output folder is as it was.", file=sys.stderr)
        sys.exit(130)

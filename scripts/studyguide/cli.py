"""Command-line entry: validate and generate, report problems as `path:line: message`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import guidedir, render
from .errors import BuildLocked, GuideError, Problem
from .loader import Limits, env_limits
from .pipeline import default_cache_dir, generate
from .siteconfig import site_options, unlisted_assets

MAX_DEPTH_CEILING = 500


def _parser(guide_dir: Path, prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Validate questions/*.yml and write the guide's Markdown pages into docs/.",
    )
    parser.add_argument(
        "--questions", type=Path, default=guide_dir / "questions", help="folder of question files (default: questions/)"
    )
    parser.add_argument("--docs", type=Path, default=guide_dir / "docs", help="folder to write pages into (default: docs/)")
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument("--max-questions", type=_positive, default=None, help="refuse guides larger than this (default 20000)")
    parser.add_argument(
        "--max-file-bytes", type=_positive, default=None, help="refuse question files larger than this (default 1000000)"
    )
    parser.add_argument(
        "--max-depth", type=_positive, default=None, help="refuse YAML nested deeper than this (default 50, at most 500)"
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="where results of earlier builds are kept for reuse (default: .cache/studyguide/ beside the questions folder)",
    )
    parser.add_argument("--no-cache", action="store_true", help="reuse nothing from earlier builds (the output is the same)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    return parser


def _positive(text: str) -> int:
    """A limit must be a whole number above zero: 0 or -1 would silently refuse everything."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not above zero")
    return value


def _check_folders(questions: Path, docs: Path) -> None:
    """The output folder must be apart from the questions: pages written among them would be read back as input."""
    q, d = questions.resolve(), docs.resolve()
    if d == q or q.is_relative_to(d) or d.is_relative_to(q):
        where = "is the same folder as" if d == q else "contains" if q.is_relative_to(d) else "is inside"
        message = f"--docs {where} --questions: pass a separate folder for the pages, e.g. --docs docs"
        raise GuideError([Problem(docs, 1, message)])


def main(argv: list[str], guide_dir: Path | None = None, *, prog: str = "build_pages.py", with_assets: bool = False) -> int:
    """Validate (`--check`) or generate the guide in `guide_dir` (default: see `guidedir.find`).

    `with_assets` also writes the generator's CSS/JS/KaTeX under docs/ (`studyguide generate`).
    """
    parser = _parser(guide_dir or guidedir.find(), prog)
    args = parser.parse_args(argv)
    try:
        base = env_limits()
    except ValueError as err:
        parser.error(f"a STUDYGUIDE_MAX_* environment variable is not a whole number: {err}")
    limits = Limits(
        max_file_bytes=args.max_file_bytes or base.max_file_bytes,
        max_questions=args.max_questions or base.max_questions,
        # Capped: the reader recurses once per level, and Python's stack is ~1000 frames.
        max_depth=min(args.max_depth or base.max_depth, MAX_DEPTH_CEILING),
    )
    started = time.perf_counter()
    try:
        _check_folders(args.questions, args.docs)
        options = site_options(args.questions.resolve().parent / "mkdocs.yml")
        cache_dir = None if args.no_cache else (args.cache_dir or default_cache_dir(args.questions))
        result = generate(
            args.questions,
            args.docs,
            check_only=args.check,
            limits=limits,
            options=options,
            cache_dir=cache_dir,
            with_assets=with_assets,
        )
        if args.check:
            # Render every page in memory as the build would, so that --check finds whatever the build would hit.
            render.render_pages(result.guide, result.options)
    except GuideError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; nothing was written.", file=sys.stderr)
        return 1
    except BuildLocked as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        # The writer reports its own failures; this is one before it (a full disk while the
        # PDF or the deck is made): docs/ is untouched, so say that instead of a traceback.
        where = f" ({err.filename})" if err.filename else ""
        print(f"{prog}: could not build: {err.strerror or err}{where}; nothing was written.", file=sys.stderr)
        return 1
    for warning in result.guide.warnings:
        print(warning, file=sys.stderr)
    if with_assets:  # for a renderer without plugins: what its mkdocs.yml must list
        for warning in unlisted_assets(args.questions.resolve().parent / "mkdocs.yml"):
            print(warning, file=sys.stderr)
    elapsed = time.perf_counter() - started
    if not args.quiet:
        count = len(result.guide.questions)
        if result.report is None:
            print(f"{count} questions valid ({elapsed:.2f} s).")
        else:
            r = result.report
            print(
                f"{count} questions: {len(r.written)} written, {len(r.removed)} removed, {r.unchanged} unchanged ({elapsed:.2f} s)."
            )
    return 0

"""`studyguide cheatsheet`: write the cheat sheet (or, with --book, the summary) as a PDF, for any paper, layout or filter."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import guidedir
from .cheatsheet import COLUMNS, DEFAULT_COLUMNS, PAPERS, CheatSheetOptions, content_date, render_cheatsheet
from .errors import GuideError
from .loader import load_guide
from .siteconfig import site_options


def main(argv: list[str], guide_dir: Path | None = None) -> int:
    guide_dir = guide_dir or guidedir.find()
    parser = argparse.ArgumentParser(
        prog="studyguide cheatsheet",
        description=(
            "Render the printable cheat sheet (two pages: the guide's formulas, comparison tables and one line per "
            "question) or, with --book, the summary (every summary and key point by topic) to PDF."
        ),
    )
    parser.add_argument("--questions", type=Path, default=guide_dir / "questions", help="folder of question files")
    parser.add_argument("--out", type=Path, default=Path("cheatsheet.pdf"), help="PDF file to write (default: cheatsheet.pdf)")
    parser.add_argument("--paper", choices=PAPERS, default="A4", help="paper size (default: A4)")
    parser.add_argument("--book", action="store_true", help="the summary book instead of the two-page sheet")
    parser.add_argument(
        "--columns",
        type=int,
        choices=sorted(set(COLUMNS["sheet"]) | set(COLUMNS["book"])),
        help=f"columns per page: sheet {'/'.join(map(str, COLUMNS['sheet']))} (default {DEFAULT_COLUMNS['sheet']}), "
        f"book {'/'.join(map(str, COLUMNS['book']))} (default {DEFAULT_COLUMNS['book']})",
    )
    parser.add_argument("--topic", help="only this topic (an id from questions/_topics.yml)")
    parser.add_argument("--difficulty", help="only this level: beginner, intermediate or advanced")
    args = parser.parse_args(argv)

    try:
        guide = load_guide(args.questions)
        site = site_options(args.questions.resolve().parent / "mkdocs.yml")
    except GuideError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; no cheat sheet written.", file=sys.stderr)
        return 1
    options = CheatSheetOptions(
        kind="book" if args.book else "sheet",
        paper=args.paper,
        columns=args.columns,
        topic=args.topic,
        difficulty=args.difficulty,
        title=site.site_name,
        content_date=content_date(args.questions),
        site_url=site.site_url,
        rights=site.rights,
        strings=site.strings,
    )
    try:
        pdf = render_cheatsheet(guide, options)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.out.with_name(f".{args.out.name}.tmp")
    temporary.write_bytes(pdf)
    temporary.replace(args.out)  # never leave a half-written PDF behind
    print(f"Wrote {args.out} ({len(pdf):,} bytes)")
    return 0

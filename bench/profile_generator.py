"""Where the generator's time goes, at 10,000 synthetic questions (cProfile).

Command line:
    python bench/profile_generator.py [N] [--seed S] [--top K] [--save FILE.prof]

Runs `pipeline.generate` once under cProfile into a fresh docs folder, and once without
the profiler in a fresh process (the real time), and prints: the cumulative time of the generator's
stages (YAML parsing, schema validation, cross-file checks, link graph, glossary
linking, Jinja rendering, downloads, writing, …) and the top functions by own time. The
cheat-sheet PDFs are stubbed out (bench/nopdf.py) unless --real-pdf. cProfile slows
call-heavy Python code more than C code, so read the shares, not the absolute seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "scripts"))

import run  # noqa: E402
import synth  # noqa: E402

# (label, file name ending, function name): stages looked up in the profile by cumulative time.
STAGES = [
    ("load_guide (all loading and checks)", "studyguide/loader.py", "load_guide"),
    ("  read files + YAML parse (read_yaml)", "studyguide/yamlread.py", "read_yaml"),
    ("    event objects libyaml hands over (yaml.events)", "yaml/events.py", "__init__"),
    ("    building data from events (_Builder._value)", "studyguide/yamlread.py", "document"),
    ("    scalar construction (_Builder._scalar)", "studyguide/yamlread.py", "_scalar"),
    ("  schema validation (iter_errors)", "jsonschema/validators.py", "iter_errors"),
    ("  cross-file checks (_check_guide)", "studyguide/loader.py", "_check_guide"),
    ("    inline link check (check_inline_links)", "studyguide/links.py", "check_inline_links"),
    ("  glossary file (_load_glossary)", "studyguide/loader.py", "_load_glossary"),
    ("render_pages (all rendering)", "studyguide/render.py", "render_pages"),
    ("  link graph (build_graph)", "studyguide/links.py", "build_graph"),
    ("    suggestions (_suggest)", "studyguide/links.py", "_suggest"),
    ("  question pages (question_page)", "studyguide/render.py", "question_page"),
    ("    glossary linking (link_terms)", "studyguide/glossary.py", "link_terms"),
    ("    [[link]] resolving (resolve_inline_links)", "studyguide/links.py", "resolve_inline_links"),
    ("    prose splitting (rewrite_prose)", "studyguide/mdtext.py", "rewrite_prose"),
    ("    Jinja template render (Template.render)", "jinja2/environment.py", "render"),
    ("  topic pages (topic_page)", "studyguide/render.py", "topic_page"),
    ("  topics index + map (topics_index)", "studyguide/render.py", "topics_index"),
    ("  difficulty pages (difficulty_page)", "studyguide/render.py", "difficulty_page"),
    ("  glossary page (glossary_page)", "studyguide/render.py", "glossary_page"),
    ("  Guide.questions_in (linear scan per call)", "studyguide/model.py", "questions_in"),
    ("downloads (build_downloads)", "studyguide/downloads.py", "build_downloads"),
    ("  flashcard data (cards_json)", "studyguide/flashcards.py", "cards_json"),
    ("    Markdown → HTML for cards (markdown_to_html)", "studyguide/flashcards.py", "markdown_to_html"),
    ("  Anki deck (build_deck)", "studyguide/anki.py", "build_deck"),
    ("  cheat-sheet PDF (render_cheatsheet)", "studyguide/cheatsheet.py", "render_cheatsheet"),
    ("write_output (all writing)", "studyguide/writer.py", "write_output"),
]


def direct_stages(stats: pstats.Stats, total: float) -> str:
    """Functions that `pipeline.generate` calls itself, by cumulative time: its stages, whatever they are today."""
    rows = []
    for (filename, _line, func), (_cc, nc, _tt, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        for caller_file, _cl, caller_func in callers:
            if caller_func == "generate" and caller_file.replace("\\", "/").endswith("studyguide/pipeline.py"):
                rows.append((ct, f"{Path(filename).name}:{func}", nc))
                break
    rows.sort(reverse=True)
    return "\n".join(f"{name:<55} {ct:8.2f} s {100 * ct / total:5.1f} %  ({int(nc):,} calls)" for ct, name, nc in rows)


def stage_table(stats: pstats.Stats, total: float) -> str:
    rows = []
    entries = stats.stats  # type: ignore[attr-defined]
    for label, file_end, name in STAGES:
        cum = calls = 0.0
        for (filename, _line, func), (_cc, nc, _tt, ct, _callers) in entries.items():
            if func == name and filename.replace("\\", "/").endswith(file_end):
                cum += ct
                calls += nc
        if calls:
            rows.append(f"{label:<55} {cum:8.2f} s {100 * cum / total:5.1f} %  ({int(calls):,} calls)")
        else:
            rows.append(f"{label:<55}        — (not called)")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="profile_generator.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=10000, help="questions (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--top", type=int, default=30, help="functions to list (default 30)")
    parser.add_argument("--real-pdf", action="store_true", help="profile the real cheat-sheet PDFs too (slow)")
    parser.add_argument("--save", type=Path, default=None, help="also save the raw profile (for snakeviz etc.)")
    args = parser.parse_args(argv)

    if not args.real_pdf:
        # The PDFs (Typst) are timed by run.py on their own.
        import nopdf

        nopdf.install_pdf_stub()
    from studyguide import pipeline

    tmp = Path(tempfile.mkdtemp(prefix="sg-profile-"))
    try:
        synth.generate(args.count, tmp / "questions", args.seed)
        # The profiled run is the process's first, like the one in a build; the plain
        # timing comes from the same code in a fresh process (bench/run.py's child).
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(pipeline.generate, tmp / "questions", tmp / "docs-profiled")
        profiled = time.perf_counter() - start
        plain = run.run_generator(tmp / "questions", tmp / "plain", real_pdf=args.real_pdf)
        plain_wall, plain_cpu = plain["fresh_wall"], plain["fresh_cpu"]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if args.save:
        profiler.dump_stats(str(args.save))
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(
        f"{args.count:,} questions: generator {plain_wall:.2f} s wall, {plain_cpu:.2f} s CPU without the profiler "
        f"({1000 * plain_cpu / args.count:.2f} ms CPU/question); {profiled:.2f} s under cProfile\n"
    )
    print("What pipeline.generate calls (cumulative time under cProfile):")
    print(direct_stages(stats, total))
    print("\nStages (cumulative time under cProfile; stages nest, so shares overlap):")
    print(stage_table(stats, total))
    for order, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(args.top)
        text = out.getvalue()
        print(f"\nTop {args.top} functions by {title}:")
        print(text[text.find("   ncalls") :].rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

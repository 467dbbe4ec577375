"""Run MkDocs (or the generator) with the cheat-sheet PDF replaced by a stub.

Command line (what bench/run.py and bench/serve_latency.py run instead of `mkdocs`):
    python bench/nopdf.py build|serve [mkdocs options]

Why: the PDFs (Typst) take seconds at 10,000 questions, and the builds should measure the
generator, not the typesetter. The benchmark times the PDF on its own
(run.py's PDF column) and everything else with this stub. With SG_BENCH_PDF_LOG set,
each stubbed call appends a line to that file, so a benchmark can tell whether a build
rebuilt the PDFs (it should not when nothing changed). With SG_BENCH_GEN_LOG set, each
run of the generator inside MkDocs (the plugin's call of `pipeline.generate`) appends its
CPU and wall time, and those of the downloads within it, to that file as a JSON line: the
generator's share of a build, measured inside that build.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
STUB_PDF = b"%PDF-1.7\n% benchmark stub: the real cheat sheet is timed separately\n%%EOF\n"


def install_pdf_stub() -> None:
    """Replace `cheatsheet.render_cheatsheet`, the one function that calls Typst."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    log = os.environ.get("SG_BENCH_PDF_LOG")

    def stub(*args: object, **kwargs: object) -> bytes:
        if log:
            with open(log, "a", encoding="utf-8") as f:
                f.write("pdf\n")
        return STUB_PDF

    try:
        from studyguide import cheatsheet
    except ImportError:
        return
    # The only way into Typst (it is imported inside): so the stubbed builds do not load it at all.
    cheatsheet.render_cheatsheet = stub  # type: ignore[assignment]


def install_generator_timer() -> None:
    """Time each `generate` call the MkDocs plugin makes, when SG_BENCH_GEN_LOG names a file."""
    log = os.environ.get("SG_BENCH_GEN_LOG")
    if not log:
        return
    from studyguide import downloads, plugin

    generate, build_downloads = plugin.generate, downloads.build_downloads
    in_downloads = {"wall": 0.0, "cpu": 0.0}

    def timed_downloads(*args: object, **kwargs: object) -> object:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return build_downloads(*args, **kwargs)
        finally:
            in_downloads["wall"] += time.perf_counter() - wall
            in_downloads["cpu"] += time.process_time() - cpu

    def timed(*args: object, **kwargs: object) -> object:
        in_downloads.update(wall=0.0, cpu=0.0)
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return generate(*args, **kwargs)
        finally:
            spent = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
            spent |= {"downloads_wall": in_downloads["wall"], "downloads_cpu": in_downloads["cpu"]}
            with open(log, "a", encoding="utf-8") as f:
                f.write(json.dumps(spent) + "\n")

    # on_config looks `generate` up in the plugin module's globals at each call, and the
    # pipeline calls `downloads.build_downloads` through the module.
    plugin.generate = timed  # type: ignore[assignment]
    downloads.build_downloads = timed_downloads  # type: ignore[assignment]


if __name__ == "__main__":
    install_pdf_stub()
    install_generator_timer()
    from mkdocs.__main__ import cli

    sys.argv[0] = "mkdocs"
    sys.exit(cli())

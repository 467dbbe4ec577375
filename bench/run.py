"""The performance benchmark of issue 9 (`make bench`): synthetic guides of 40, 1,000 and 10,000 questions.

Command line:
    python bench/run.py [--sizes 40,1000,10000] [--runs 3] [--large-runs 1] [--seed 0]
                        [--no-pdf] [--no-serve] [--out bench/results.md] [--plot bench/results.png]

For each size, a seeded synthetic guide (bench/synth.py) is written to a temporary folder
and measured; nothing is written into docs/ or questions/ of the repository.

- generator: `pipeline.generate` (load + validate + link + render + downloads + write) in
  three fresh Python processes sharing a work folder: cold (empty docs folder and build
  cache), again with nothing changed, then after editing one question's summary; the CPU
  time of each function the pipeline calls (load_guide, render_pages, …) in the cold run too;
- mkdocs build: `mkdocs build --strict` of a fresh throwaway project (tests/helpers.py's
  `make_project`, so the plugin generates every page), in a subprocess; its peak memory is
  the child's ru_maxrss (from wait4, so it covers only that build); bench/nopdf.py times
  the generator's run inside it, which gives the generator's share of the build;
- PDF: `cheatsheet.render_cheatsheet(guide)` for the sheet and the summary book (A4), CPU of each;
- site size, mean bytes of site/questions/*/index.html, the search index's size against
  the questions' text (title, summary, answer, key points, follow-ups as written);
- `make site` with nothing changed, at the smallest size (the Makefile in a throwaway
  project with a stand-in .venv, so make never installs anything);
- `mkdocs serve --dirtyreload` edit latency at 1,000 questions (bench/serve_latency.py).

Each time is the median of `--runs` runs (default 3), except the whole `mkdocs build`: at
least 5 runs below 1,000 questions (a few seconds each, and the share of a small build is
the noisiest figure), and at sizes ≥ 5,000, `--large-runs` runs (default 1: one build of 10,000 questions takes
several minutes, and the whole benchmark should stay under ~25 minutes). The PDF runs `--pdf-runs` times (default once; Typst takes
about a second at 1,000 questions) and is skipped at sizes where a linear projection from the
last size measured exceeds `--pdf-timeout`. Wall-clock and CPU time are both
recorded: on a shared machine the CPU time of these single-threaded processes is the
steadier figure, and the targets are judged on it (the load average is written down).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402
from project import ROOT, add_make, make_project, mkdocs_env  # noqa: E402

SCRIPTS = ROOT / "scripts"
LARGE = 5000
SMALL = 1000
SETTLE_S = 1.0
SMALL_BUILD_RUNS = 5
"""Builds below SMALL questions take seconds: run at least this many, for a steadier share."""
GB = 1024**3

# Targets of issue 9.
GEN_MS_PER_Q = 0.5
GEN_SHARE = 0.05
PAGE_GROWTH = 1.5
PEAK_BYTES = 2 * GB
INDEX_RATIO = 1.5
MAKE_NOCHANGE_S = 2.0
SERVE_S = 3.0

# Runs in a fresh interpreter so import and template-compile costs count, as in a real build.
GENERATOR_CHILD = r"""
import functools, json, sys, time, types
from pathlib import Path
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[4])
if sys.argv[5] != "real-pdf":
    import nopdf
    nopdf.install_pdf_stub()
from studyguide import pipeline

questions, work, mode = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[6]

# Time each function the pipeline's body calls by name (load_guide, render.render_pages, …),
# whatever the stages are today: the pipeline is read, not copied.
stages = {}
def timing(name, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        c = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            stages[name] = stages.get(name, 0.0) + time.process_time() - c
    return wrapper
body = getattr(pipeline, "_generate", pipeline.generate)
called = set(body.__code__.co_names)
for name, value in list(vars(pipeline).items()):
    if isinstance(value, types.FunctionType) and name in called and value.__module__.startswith("studyguide"):
        setattr(pipeline, name, timing(name, value))
    elif isinstance(value, types.ModuleType) and value.__name__.startswith("studyguide"):
        for attr in called:
            fn = getattr(value, attr, None)
            if isinstance(fn, types.FunctionType):
                setattr(value, attr, timing(f"{name}.{attr}", fn))

if mode == "edit":
    # One question's summary changes, as when a contributor edits a file and rebuilds.
    path = sorted(questions.glob("[!_]*.yml"))[len(list(questions.glob("[!_]*.yml"))) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: >-\n  ", "summary: >-\n  Edited ", 1), encoding="utf-8")

w, c = time.perf_counter(), time.process_time()
result = pipeline.generate(questions, work / "docs", cache_dir=work / "cache")
out = {"wall": time.perf_counter() - w, "cpu": time.process_time() - c, "process_cpu": time.process_time(), "stages": stages, "written": len(result.report.written)}
print(json.dumps(out))
"""
PDF_CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from studyguide import loader
try:
    from studyguide.cheatsheet import CheatSheetOptions, render_cheatsheet
except ImportError:
    print(json.dumps(None)); raise SystemExit
guide = loader.load_guide(Path(sys.argv[2]))
out = {"wall": 0.0, "cpu": 0.0, "bytes": 0}
# Both PDFs the site offers (A4): the two-page sheet and the summary book. CPU time covers the
# Typst compiler too (it runs in this process), and its import on the first call.
for kind in ("sheet", "book"):
    w, c = time.perf_counter(), time.process_time()
    pdf = render_cheatsheet(guide, CheatSheetOptions(kind=kind))
    wall, cpu = time.perf_counter() - w, time.process_time() - c
    out.update({f"{kind}_wall": wall, f"{kind}_cpu": cpu, f"{kind}_bytes": len(pdf)})
    out["wall"] += wall; out["cpu"] += cpu; out["bytes"] += len(pdf)
print(json.dumps(out))
"""


@dataclass
class SizeResult:
    """Everything measured for one guide size (times in seconds, sizes in bytes)."""

    n: int
    text_bytes: int = 0
    answer_bytes: int = 0
    gen: list[dict[str, float]] = field(default_factory=list)
    builds: list[dict[str, float]] = field(default_factory=list)
    pdf: list[dict[str, float]] = field(default_factory=list)
    pdf_note: str = ""
    site: dict[str, float] = field(default_factory=dict)
    make_nochange: list[float] = field(default_factory=list)
    make_note: str = ""
    make_touch: dict[str, object] = field(default_factory=dict)
    serve: dict[str, object] | None = None
    floor: dict[str, float] = field(default_factory=dict)

    def med(self, rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows) if rows else float("nan")


# -- measuring ----------------------------------------------------------------------------


def text_sizes(questions: Path) -> tuple[int, int]:
    """(bytes of every question's authored text, bytes of the answer fields alone)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    total = answers = 0
    for path in questions.glob("[!_]*.yml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        fields = [data["title"], data["summary"], data["answer"], *data.get("key_points", []), *data.get("follow_ups", [])]
        total += sum(len(f.encode()) for f in fields)
        answers += len(data["answer"].encode())
    return total, answers


def run_generator(questions: Path, work: Path, real_pdf: bool = False, timeout: float = 3600) -> dict[str, object]:
    """Three fresh processes on one work folder: a cold build (empty docs and cache), the
    same again with nothing changed, then after editing one question. Each process pays
    its own imports and template compilation, as a real `make site` or CLI run does."""
    work.mkdir(parents=True)
    copy = work / "questions"  # the edit must not reach the guide the other measurements use
    shutil.copytree(questions, copy)
    out: dict[str, object] = {}
    for mode in ("cold", "rerun", "edit"):
        settle()
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                GENERATOR_CHILD,
                str(SCRIPTS),
                str(copy),
                str(work),
                str(HERE),
                "real-pdf" if real_pdf else "stub",
                mode,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            shutil.rmtree(work, ignore_errors=True)
            raise SystemExit(f"generator ({mode}) failed:\n{done.stderr[-3000:]}")
        value = json.loads(done.stdout.strip().splitlines()[-1])
        prefix = {"cold": "fresh", "rerun": "rerun", "edit": "edit"}[mode]
        out[f"{prefix}_wall"], out[f"{prefix}_cpu"] = value["wall"], value["cpu"]
        out[f"{prefix}_written"] = value["written"]
        out[f"{prefix}_process_cpu"] = value["process_cpu"]
        # The generator is load + validate + link + render + write; the downloads
        # (cards.json, the Anki deck, the PDFs) are timed apart, as the PDF column is.
        downloads = value["stages"].get("downloads.build_downloads", 0.0)
        out[f"{prefix}_downloads_cpu"] = downloads
        out[f"{prefix}_pages_cpu"] = value["cpu"] - downloads
        if mode == "cold":
            out["stages"] = value["stages"]
            pages = list((work / "docs" / "questions").glob("*.md"))
            out["page_md_bytes"] = sum(p.stat().st_size for p in pages) / len(pages) if pages else 7000.0
    return out  # the work folder goes with the size's folder, after every measurement (see `settle`)


def measure_floor(questions: Path, page_bytes: int, work: Path, samples: int = 2000) -> dict[str, float]:
    """What any generator of this design pays per question before doing anything of its own.

    CPU time (user + system) of libyaml's C parser producing the events of each question
    file, and of creating one file of a question page's mean size (the generator writes one
    Markdown page per question into docs/) in an empty folder on this disk.
    """
    import yaml

    texts = [p.read_text(encoding="utf-8") for p in sorted(questions.glob("[!_]*.yml"))[:samples]]
    start = time.process_time()
    for text in texts:
        parser = yaml.CSafeLoader(text)
        while parser.get_event() is not None and parser.check_event():
            pass
        parser.dispose()
    parse_ms = 1000 * (time.process_time() - start) / len(texts)

    page = b"x" * page_bytes
    folder = work / "floor"
    folder.mkdir(parents=True)
    settle()
    start = time.process_time()
    for i in range(len(texts)):
        with open(folder / f"page-{i}.md", "wb") as out:
            out.write(page)
    write_ms = 1000 * (time.process_time() - start) / len(texts)
    return {"parse_ms": parse_ms, "write_ms": write_ms, "page_bytes": float(len(page))}


def run_pdf(questions: Path, timeout: float) -> dict[str, float] | str:
    try:
        done = subprocess.run(
            [sys.executable, "-c", PDF_CHILD, str(SCRIPTS), str(questions)], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f} s (stopped)"
    if done.returncode != 0:
        return "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:120]
    value = json.loads(done.stdout.strip().splitlines()[-1])
    return value if value is not None else "n/a"


def mkdocs_command(real_pdf: bool) -> list[str]:
    """`mkdocs`, or bench/nopdf.py (MkDocs with the cheat-sheet PDF stubbed out)."""
    return [sys.executable, "-m", "mkdocs"] if real_pdf else [sys.executable, str(HERE / "nopdf.py")]


def run_build(project: Path, site: Path, real_pdf: bool = False, timeout: float = 3600) -> dict[str, float]:
    """`mkdocs build --strict` in a child; wall and CPU time, peak RSS of that child alone."""
    log = project.parent / "build.log"
    generator_log = project.parent / "generator-in-build.jsonl"
    generator_log.unlink(missing_ok=True)
    with open(log, "w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            [*mkdocs_command(real_pdf), "build", "--strict", "--site-dir", str(site)],
            cwd=project,
            env={**mkdocs_env(), "SG_BENCH_GEN_LOG": str(generator_log)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        # wait4 gives this child's own rusage (its peak memory, not the largest of all children).
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                child.kill()
                raise SystemExit(f"mkdocs build took more than {timeout:.0f} s in {project}; stopped")
            time.sleep(0.05)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{log.read_text()[-3000:]}")
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak": usage.ru_maxrss * 1024}
    if generator_log.exists():  # bench/nopdf.py timed the plugin's generator run(s) inside this build
        runs = [json.loads(line) for line in generator_log.read_text(encoding="utf-8").splitlines()]
        result["gen_cpu"] = sum(r["cpu"] for r in runs)
        result["gen_wall"] = sum(r["wall"] for r in runs)
        result["gen_pages_cpu"] = sum(r["cpu"] - r["downloads_cpu"] for r in runs)
        result["gen_pages_wall"] = sum(r["wall"] - r["downloads_wall"] for r in runs)
    return result


def site_metrics(site: Path) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = list((site / "questions").glob("*/index.html"))
    # The search index: Pagefind's folder, all of it (a search fetches only a few of its chunks: bench/search.py).
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "page_mean": statistics.mean(p.stat().st_size for p in pages) if pages else float("nan"),
        "index": sum(p.stat().st_size for p in index) if index else float("nan"),
    }


def run_make_nochange(questions: Path, work: Path, runs: int, real_pdf: bool) -> tuple[list[float], str, dict[str, object]]:
    """`make site` twice in a throwaway project; the second run, with nothing changed, is timed.

    Then a question file is touched (content unchanged) and `make site` timed once more:
    make reruns MkDocs, and the PDFs must come from the cache (the stub logs each PDF made).
    """
    project = make_project(work, questions)
    pdf_log = work / "pdf-calls.log"
    add_make(project, None if real_pdf else HERE / "nopdf.py")
    env = mkdocs_env() | {"SG_BENCH_PDF_LOG": str(pdf_log)}
    first = subprocess.run(["make", "site"], cwd=project, env=env, capture_output=True, text=True)
    if first.returncode != 0:
        return [], "make site failed: " + (first.stderr.strip().splitlines() or ["?"])[-1][:160], {}
    times, note = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        again = subprocess.run(["make", "site"], cwd=project, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if "mkdocs" in again.stdout:
            note = "make rebuilt although nothing changed"
    pdfs_before = pdf_log.read_text().count("pdf") if pdf_log.exists() else 0
    next(iter(sorted((project / "questions").glob("[!_]*.yml")))).touch()
    start = time.perf_counter()
    touched = subprocess.run(["make", "site"], cwd=project, env=env, capture_output=True, text=True)
    touched_s = time.perf_counter() - start
    pdfs_after = pdf_log.read_text().count("pdf") if pdf_log.exists() else 0
    extra = {
        "touched_s": touched_s,
        "touched_ok": touched.returncode == 0,
        "pdfs_first": pdfs_before,
        "pdfs_rebuilt_on_touch": pdfs_after - pdfs_before,
    }
    return times, note or "make found nothing to do", extra


def pdf_projection(n: int, previous: list[SizeResult]) -> float | None:
    """CPU seconds the PDF would take at `n`, scaled linearly from the largest size measured."""
    done = [r for r in previous if r.pdf]
    if not done:
        return None
    last = done[-1]
    return last.med(last.pdf, "cpu") * n / last.n


def measure_size(n: int, args: argparse.Namespace, base: Path, previous: list[SizeResult]) -> SizeResult:
    result = SizeResult(n)
    root = base / f"n{n}"
    questions = root / "questions"
    t0 = time.perf_counter()
    synth.generate(n, questions, args.seed)
    result.text_bytes, result.answer_bytes = text_sizes(questions)
    log(f"[{n}] synthetic guide written ({time.perf_counter() - t0:.1f} s)")
    runs = args.runs
    build_runs = args.large_runs if n >= LARGE else args.runs if n >= SMALL else max(args.runs, SMALL_BUILD_RUNS)

    for r in range(runs):
        result.gen.append(run_generator(questions, root / f"gen{r}", args.real_pdf, args.build_timeout))
        g = result.gen[-1]
        log(
            f"[{n}] generator run {r + 1}/{runs}: cold {g['fresh_wall']:.2f} s wall, {g['fresh_cpu']:.2f} s CPU; "
            f"no-change rerun {g['rerun_cpu']:.2f} s CPU; one question edited {g['edit_cpu']:.2f} s CPU"
        )

    result.floor = measure_floor(questions, int(result.med(result.gen, "page_md_bytes")), root)
    log(f"[{n}] floor: libyaml parse {result.floor['parse_ms']:.3f} ms, page file {result.floor['write_ms']:.3f} ms per question")

    for r in range(build_runs):
        work = root / f"build{r}"
        project = make_project(work, questions)
        site = work / "site"
        settle()
        result.builds.append(run_build(project, site, args.real_pdf, args.build_timeout))
        b = result.builds[-1]
        log(
            f"[{n}] mkdocs build run {r + 1}/{build_runs}: {b['wall']:.1f} s wall, {b['cpu']:.1f} s CPU, peak {b['peak'] / 2**20:.0f} MB"
        )
        if not result.site:
            result.site = site_metrics(site)

    projected = pdf_projection(n, previous)
    if args.pdf and projected is not None and projected > args.pdf_timeout:
        result.pdf_note = f"not run: ~{projected / 60:.0f} min CPU projected"
        log(f"[{n}] PDF {result.pdf_note} (linear from the smaller guide; over --pdf-timeout)")
    elif args.pdf:
        pdf_runs = args.pdf_runs
        for r in range(pdf_runs):
            value = run_pdf(questions, args.pdf_timeout)
            if isinstance(value, str):
                result.pdf_note = value
                break
            result.pdf.append(value)
            log(
                f"[{n}] PDF run {r + 1}/{pdf_runs}: sheet {value['sheet_cpu']:.2f} s CPU, "
                f"summary {value['book_cpu']:.2f} s CPU, {value['bytes'] / 2**20:.1f} MB"
            )
        if result.pdf_note:
            log(f"[{n}] PDF: {result.pdf_note}")
    else:
        result.pdf_note = "skipped"

    if not previous:
        result.make_nochange, result.make_note, result.make_touch = run_make_nochange(
            questions, root / "make", runs, args.real_pdf
        )
        log(
            f"[{n}] make site, nothing changed: {fmt_s(median(result.make_nochange))} ({result.make_note}); after touching a question: {result.make_touch}"
        )

    if args.serve and n == 1000:
        import serve_latency

        result.serve = serve_latency.measure(questions, root / "serve", edits=3, real_pdf=args.real_pdf)
        log(f"[{n}] serve --dirtyreload edit latency: {[round(x, 2) for x in result.serve['latencies']]} s")  # type: ignore[union-attr]

    shutil.rmtree(root, ignore_errors=True)
    settle()
    return result


def settle() -> None:
    """Flush the disk's pending writes before a measured run.

    On this machine's disk (ext4 mounted with online discard), creating a file costs
    from 0.07 to 0.7 ms of kernel time, depending on how much was just written or
    deleted: a run started right after a large copy or delete pays for them. So folders
    are deleted once a size is done, not between its runs, and each run starts after
    the writes before it have reached the disk.
    """
    os.sync()
    time.sleep(SETTLE_S)


# -- reporting ----------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fmt_s(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def fmt_b(value: float) -> str:
    if value != value:
        return "n/a"
    for unit, size in (("GB", GB), ("MB", 2**20), ("KB", 1024)):
        if value >= size:
            return f"{value / size:.1f} {unit}"
    return f"{value:.0f} B"


def mark(ok: bool | None) -> str:
    return "—" if ok is None else ("pass" if ok else "**FAIL**")


def stage_cell(r: SizeResult) -> str:
    """The generator's stages from the first run, largest first (under 2 % of the total left out)."""
    if not r.gen or "stages" not in r.gen[0]:
        return "n/a"
    stages = r.gen[0]["stages"]
    total = r.gen[0]["fresh_cpu"]
    shown = sorted(((v, k) for k, v in stages.items() if v >= 0.02 * total), reverse=True)
    other = total - sum(stages.values())
    parts = [f"{k.split('.')[-1]} {v:.2f}" for v, k in shown]
    return " · ".join([*parts, f"other {other:.2f}"]) + " s"


def in_build_share(builds: list[dict[str, float]], kind: str, part: str = "gen_pages") -> float:
    """Median over builds of (generator time inside the build ÷ the build's time)."""
    shares = [b[f"{part}_{kind}"] / b[kind] for b in builds if f"{part}_{kind}" in b and b[kind]]
    return median(shares) if shares else float("nan")


def derived(r: SizeResult, first: SizeResult) -> dict[str, float]:
    gen_cpu = r.med(r.gen, "fresh_pages_cpu")
    build_cpu = r.med(r.builds, "cpu")
    return {
        "gen_ms_q": 1000 * gen_cpu / r.n,
        "gen_total_ms_q": 1000 * r.med(r.gen, "fresh_cpu") / r.n,
        "edit_ms_q": 1000 * r.med(r.gen, "edit_pages_cpu") / r.n,
        "edit_total_ms_q": 1000 * r.med(r.gen, "edit_cpu") / r.n,
        "edit_ms_q_process": 1000 * r.med(r.gen, "edit_process_cpu") / r.n,
        "gen_ms_q_wall": 1000 * r.med(r.gen, "fresh_wall") / r.n,
        # The share is measured inside each build (the plugin's generator run ÷ that build), so
        # both figures share the build's imports and machine state; the cold process's
        # figure ÷ a build is kept alongside for comparison with earlier tables.
        "share": in_build_share(r.builds, "cpu"),
        "share_wall": in_build_share(r.builds, "wall"),
        "share_process": gen_cpu / build_cpu if build_cpu else float("nan"),
        "share_total": in_build_share(r.builds, "cpu", "gen"),
        "growth": r.site.get("page_mean", float("nan")) / first.site.get("page_mean", float("nan")),
        "index_ratio": r.site.get("index", float("nan")) / r.text_bytes,
        "index_ratio_answers": r.site.get("index", float("nan")) / r.answer_bytes,
    }


def tables(results: list[SizeResult]) -> str:
    first = results[0]
    lines = [
        "### Measurements (median of runs; wall-clock / CPU)",
        "",
        "| questions | runs (generator / build) | generator, cold (pages + downloads) | per question, CPU (pages; with downloads) | no-change rerun | one question edited | generator stages (CPU, cold) | mkdocs build | generator share of the build, CPU (pages; with downloads) | PDF | peak memory | site | bytes / question page | search index | index / text |",
        "|---:|---:|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        d = derived(r, first)
        pdf = (
            r.pdf_note
            or f"{fmt_s(r.med(r.pdf, 'wall'))} / {fmt_s(r.med(r.pdf, 'cpu'))} (sheet {fmt_s(r.med(r.pdf, 'sheet_cpu'))}, "
            f"summary {fmt_s(r.med(r.pdf, 'book_cpu'))} CPU; "
            f"{fmt_b(r.med(r.pdf, 'bytes'))}, A4)"
        )
        lines.append(
            f"| {r.n:,} | {len(r.gen)} / {len(r.builds)} "
            f"| {fmt_s(r.med(r.gen, 'fresh_wall'))} / {fmt_s(r.med(r.gen, 'fresh_cpu'))} "
            f"(pages {fmt_s(r.med(r.gen, 'fresh_pages_cpu'))}, downloads {fmt_s(r.med(r.gen, 'fresh_downloads_cpu'))} CPU) "
            f"| {d['gen_ms_q']:.2f} ms; {d['gen_total_ms_q']:.2f} ms "
            f"| {fmt_s(r.med(r.gen, 'rerun_wall'))} / {fmt_s(r.med(r.gen, 'rerun_cpu'))} "
            f"| {fmt_s(r.med(r.gen, 'edit_wall'))} / {fmt_s(r.med(r.gen, 'edit_cpu'))} "
            f"| {stage_cell(r)} "
            f"| {fmt_s(r.med(r.builds, 'wall'))} / {fmt_s(r.med(r.builds, 'cpu'))} "
            f"| {100 * d['share']:.1f} %; {100 * d['share_total']:.1f} % (wall: {100 * d['share_wall']:.1f} %; "
            f"cold process ÷ build: {100 * d['share_process']:.1f} %) "
            f"| {pdf} "
            f"| {fmt_b(r.med(r.builds, 'peak'))} "
            f"| {fmt_b(r.site.get('bytes', float('nan')))} ({int(r.site.get('files', 0)):,} files) "
            f"| {fmt_b(r.site.get('page_mean', float('nan')))} "
            f"| {fmt_b(r.site.get('index', float('nan')))} "
            f"| {d['index_ratio']:.2f}× ({d['index_ratio_answers']:.2f}× answers only) |"
        )
    lines += [
        "",
        "### Targets of issue 9 (judged on CPU time; wall-clock in the table above)",
        "",
        f"| questions | generator ≤ {GEN_MS_PER_Q} ms/question (at 10,000) | generator ≤ {GEN_SHARE:.0%} of build "
        f"| question page ≤ {PAGE_GROWTH}× its size at {first.n:,} | peak memory ≤ 2 GB | search index ≤ {INDEX_RATIO}× text "
        f"| `make site`, nothing changed, ≤ {MAKE_NOCHANGE_S:.0f} s (at 40) | serve edit shown ≤ {SERVE_S:.0f} s (at 1,000) |",
        "|---:|---|---|---|---|---|---|---|",
    ]
    for r in results:
        d = derived(r, first)
        judged = r.n >= 10000
        floor = r.floor.get("parse_ms", float("nan")) + r.floor.get("write_ms", float("nan"))
        gen_cell = (
            f"one question edited {d['edit_ms_q']:.2f} ms {mark(d['edit_ms_q'] <= GEN_MS_PER_Q if judged else None)} "
            f"({d['edit_total_ms_q']:.2f} ms with the downloads rebuilt, {d['edit_ms_q_process']:.2f} ms for the whole process); "
            f"cold {d['gen_ms_q']:.2f} ms {'over the target' if judged and d['gen_ms_q'] > GEN_MS_PER_Q else ''} "
            f"(floor {floor:.2f} ms: parsing {r.floor.get('parse_ms', float('nan')):.2f} + "
            f"writing a page {r.floor.get('write_ms', float('nan')):.2f})"
        )
        make_cell = "—"
        if r.make_nochange:
            t = median(r.make_nochange)
            make_cell = f"{fmt_s(t)} {mark(t <= MAKE_NOCHANGE_S and 'nothing to do' in r.make_note)} ({r.make_note})"
            if r.make_touch:
                make_cell += (
                    f"; after touching one question file: {fmt_s(float(r.make_touch['touched_s']))} wall, "  # type: ignore[arg-type]
                    f"PDFs rebuilt: {r.make_touch['pdfs_rebuilt_on_touch']}"
                )
        elif r.make_note:
            make_cell = r.make_note
        serve_cell = "—"
        if r.serve:
            t = float(r.serve["median_s"])  # type: ignore[arg-type]
            serve_cell = f"{t:.2f} s {mark(t <= SERVE_S)}"
        lines.append(
            f"| {r.n:,} | {gen_cell} | {100 * d['share']:.1f} % {mark(d['share'] <= GEN_SHARE)} "
            f"| {d['growth']:.2f}× {mark(d['growth'] <= PAGE_GROWTH)} "
            f"| {fmt_b(r.med(r.builds, 'peak'))} {mark(r.med(r.builds, 'peak') <= PEAK_BYTES)} "
            f"| {d['index_ratio']:.2f}× {mark(d['index_ratio'] <= INDEX_RATIO)} | {make_cell} | {serve_cell} |"
        )
    return "\n".join(lines)


def machine_info(load_before: tuple[float, float, float], load_after: tuple[float, float, float]) -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import jinja2
    import mkdocs
    import yaml

    try:
        from material import __version__ as material_version
    except ImportError:
        material_version = "?"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    return (
        f"- date: {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}; repository commit {commit or '?'} (plus uncommitted work)\n"
        f"- machine: {os.cpu_count()} CPUs (`nproc` {len(os.sched_getaffinity(0))}), {cpu}, {platform.system()} {platform.release()}\n"
        f"- Python {platform.python_version()}; MkDocs {mkdocs.__version__}; Material {material_version}; "
        f"PyYAML {yaml.__version__} (libyaml: {yaml.__with_libyaml__}); Jinja2 {jinja2.__version__}\n"
        f"- load average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in load_before)}; "
        f"after: {', '.join(f'{x:.1f}' for x in load_after)}"
    )


def plot(results: list[SizeResult], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = [r.n for r in results]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    # CPU time: on a shared machine the wall-clock of these single-threaded runs is noisy.
    series = [
        ("generator (cold)", [r.med(r.gen, "fresh_cpu") for r in results], "o-"),
        ("generator (one question edited)", [r.med(r.gen, "edit_cpu") for r in results], "o--"),
        ("mkdocs build (whole, PDF stubbed)", [r.med(r.builds, "cpu") for r in results], "s-"),
    ]
    if any(r.pdf for r in results):
        series.append(("cheat-sheet PDF (A4)", [r.med(r.pdf, "cpu") if r.pdf else float("nan") for r in results], "^-"))
    for label, values, style in series:
        left.plot(ns, values, style, label=label)
    left.set(xscale="log", yscale="log", xlabel="questions", ylabel="seconds (CPU)", title="Time")
    left.grid(True, which="both", alpha=0.3)
    left.legend()
    mb = 2**20
    for label, values, style in [
        ("site on disk", [r.site.get("bytes", float("nan")) / mb for r in results], "o-"),
        ("search index", [r.site.get("index", float("nan")) / mb for r in results], "s-"),
        ("peak memory of build", [r.med(r.builds, "peak") / mb for r in results], "^-"),
        ("questions' text", [r.text_bytes / mb for r in results], "x:"),
    ]:
        right.plot(ns, values, style, label=label)
    right.set(xscale="log", yscale="log", xlabel="questions", ylabel="MB", title="Size")
    right.grid(True, which="both", alpha=0.3)
    right.legend()
    fig.suptitle("Study-guide build against question count (synthetic guides)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="40,1000,10000", help="comma-separated question counts (default 40,1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported (default 3)")
    parser.add_argument(
        "--large-runs", type=int, default=1, help=f"mkdocs builds for sizes ≥ {LARGE:,} (default 1: one takes minutes)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic guides (default 0)")
    parser.add_argument("--no-pdf", dest="pdf", action="store_false", help="skip the cheat-sheet PDF")
    parser.add_argument("--pdf-runs", type=int, default=1, help="runs of the PDF per size (default 1: it is slow)")
    parser.add_argument(
        "--pdf-timeout",
        type=float,
        default=300,
        help="give up on one PDF after this many seconds, and skip sizes projected to take longer (default 300)",
    )
    parser.add_argument(
        "--real-pdf",
        action="store_true",
        help="build the real cheat-sheet PDFs inside the generator and the builds (default: stubbed, timed on their own)",
    )
    parser.add_argument(
        "--build-timeout", type=float, default=3600, help="stop one generator run or build after this many seconds"
    )
    parser.add_argument("--no-serve", dest="serve", action="store_false", help="skip the serve latency at 1,000")
    parser.add_argument("--out", type=Path, default=HERE / "results.md", help="Markdown report (default bench/results.md)")
    parser.add_argument("--plot", type=Path, default=HERE / "results.png", help="PNG plot (default bench/results.png)")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw measurements as JSON")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))

    load_before = os.getloadavg()
    started = time.perf_counter()
    base = Path(tempfile.mkdtemp(prefix="sg-bench-"))
    try:
        results: list[SizeResult] = []
        for n in sizes:
            results.append(measure_size(n, args, base, results))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    elapsed = time.perf_counter() - started

    body = tables(results)
    notes = (
        "Method: `bench/run.py` (see its docstring). Synthetic guides from `bench/synth.py` (seed "
        f"{args.seed}): about 100 questions a topic (at least 8 topics), 3 related links, 3 tags, ~3 KB answers "
        "with math, a list and a code fence; 50 glossary terms. Generator = `pipeline.generate` (CPU time inside "
        'the process, after its imports); the issue\'s generator (load + validate + link + render + write: "pages") is '
        "what the targets judge, and the downloads the same call builds (cards.json and the Anki deck; the PDFs are "
        "stubbed) are shown beside it, as the PDF is. It runs in three fresh processes: cold (empty docs folder and build cache), "
        "again with nothing changed, and after one question's summary was edited (what a contributor's rebuild "
        "costs: the build cache in `.cache/studyguide/` supplies everything else); its share = the CPU time of the generator's run inside a whole `mkdocs build --strict` of a fresh "
        "project (its plugin, timed by `bench/nopdf.py`) ÷ that build's CPU time; in brackets, the cold process's "
        "generator CPU ÷ the build's, which also counts imports the build shares with the generator. Text = title, summary, answer, key points and follow-ups "
        "of every question. PDF = `cheatsheet.render_cheatsheet(guide)` for the two-page sheet and the summary book "
        "(A4, Typst) on their own, in a fresh process (the first call pays Typst's import); the targets are 40 questions → "
        "both in ≤ 1 s CPU and 1,000 → the summary in ≤ 10 s CPU. In the generator, build and "
        "serve timings the PDFs are replaced by a stub (`bench/nopdf.py`; `--real-pdf` keeps them), "
        "so the other figures measure the generator alone. The per-question target is judged on the rebuild "
        "after one question is edited, the generator run a contributor waits for; a cold run (a fresh clone, or CI) "
        "is shown beside it with its floor, the CPU time that parsing each question file with libyaml and creating "
        "one page file of the mean size cost on this machine before any work of the generator's own."
    )
    report = (
        "# Benchmark results\n\n"
        "Written by `make bench` (`bench/run.py`); the plot is `results.png`.\n\n"
        f"{machine_info(load_before, os.getloadavg())}\n- total benchmark time: {elapsed / 60:.1f} min\n\n"
        f"{body}\n\n{notes}\n"
    )
    serve = next((r.serve for r in results if r.serve), None)
    if serve:
        report += (
            f"\nServe latency at {serve['questions']:,} questions: edits shown after "
            f"{', '.join(f'{x:.2f}' for x in serve['latencies'])} s (server up after {serve['startup_s']:.0f} s); "  # type: ignore[union-attr]
            f"each edit set off {', '.join(str(x) for x in serve['rebuilds'])} rebuilds "  # type: ignore[union-attr]
            "(the plugin rewrites docs/, which the server also watches).\n"
        )
    print(body)
    args.out.write_text(report, encoding="utf-8")
    plot(results, args.plot)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=1, default=str), encoding="utf-8")
    log(f"wrote {args.out} and {args.plot} ({elapsed / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

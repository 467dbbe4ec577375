"""How long `mkdocs serve --dirtyreload` (what `make serve` runs) takes to show an edited question.

Command line:
    python bench/serve_latency.py [--questions N] [--edits K] [--seed S] [--keep]

Builds a synthetic guide of N questions (default 1000) in a temporary project, starts
`mkdocs serve --dirtyreload` on a free local port, then K times: rewrites one question's
summary with a new marker word and polls that question's served page until the marker
appears. Prints each latency (file written → page served with the change) and the median.
The target of issue 9 is ≤ 3 s at 1,000 questions.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth
from project import make_project, mkdocs_env

STARTUP_TIMEOUT = 900
EDIT_TIMEOUT = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, marker: str | None, timeout: float, interval: float = 0.02) -> float | None:
    """Seconds until `url` serves a page (containing `marker`, if given); None on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = _fetch(url)
        if body is not None and (marker is None or marker in body):
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def _served_url(log_path: Path, server: subprocess.Popen[bytes], timeout: float) -> str:
    """The root URL from the server's "Serving on …" line (it includes site_url's path)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        for line in log_path.read_text(errors="replace").splitlines():
            if "Serving on " in line:
                url = line.split("Serving on ", 1)[1].strip()
                return url if url.endswith("/") else url + "/"
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {server.returncode}; see {log_path}")
        time.sleep(0.2)
    raise RuntimeError(f"mkdocs serve did not come up within {timeout} s; see {log_path}")


def _builds_done(log_path: Path) -> int:
    return log_path.read_text(errors="replace").count("Documentation built")


def _wait_idle(log_path: Path, quiet: float, timeout: float = EDIT_TIMEOUT) -> None:
    """Wait until every rebuild the server started has finished and the log has been quiet for `quiet` s."""
    start = time.perf_counter()
    last, since = "", time.perf_counter()
    while time.perf_counter() - start < timeout:
        text = log_path.read_text(errors="replace")
        busy = text.count("Building documentation") > text.count("Documentation built")
        if text != last:
            last, since = text, time.perf_counter()
        elif not busy and time.perf_counter() - since >= quiet:
            return
        time.sleep(0.2)


def measure(questions: Path, workdir: Path, edits: int = 3, settle: float = 2.0, real_pdf: bool = False) -> dict[str, object]:
    """Serve a project made from `questions`; edit `edits` questions; return the latencies in seconds.

    Unless `real_pdf`, MkDocs runs through bench/nopdf.py: the cheat-sheet PDFs (rebuilt
    after every edit, since their input changed) are stubbed out and timed elsewhere.
    """
    project = make_project(workdir, questions)
    ids = sorted(p.stem for p in (project / "questions").glob("[!_]*.yml"))
    port = _free_port()
    log_path = workdir / "serve.log"
    command = (
        [sys.executable, "-m", "mkdocs"] if real_pdf else [sys.executable, str(Path(__file__).resolve().parent / "nopdf.py")]
    )
    result: dict[str, object] = {"questions": len(ids), "latencies": [], "rebuilds": [], "log": str(log_path)}
    started = time.perf_counter()
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [*command, "serve", "--dirtyreload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=mkdocs_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = _served_url(log_path, server, STARTUP_TIMEOUT)
            if _wait_for(f"{base}questions/{ids[0]}/", None, STARTUP_TIMEOUT, interval=0.5) is None:
                raise RuntimeError(f"mkdocs serve did not come up; see {log_path}")
            result["startup_s"] = time.perf_counter() - started
            _wait_idle(log_path, settle)
            # Edit questions spread over the guide, one at a time, each once the server is idle again.
            for n in range(edits):
                qid = ids[(n + 1) * len(ids) // (edits + 1)]
                path = project / "questions" / f"{qid}.yml"
                marker = f"BenchMarker{n}x{int(time.time())}"
                text = path.read_text(encoding="utf-8")
                text = text.replace("summary: >-\n  ", f"summary: >-\n  {marker} ", 1)
                builds_before = _builds_done(log_path)
                t0 = time.perf_counter()
                path.write_text(text, encoding="utf-8")
                if _wait_for(f"{base}questions/{qid}/", marker, EDIT_TIMEOUT) is None:
                    raise RuntimeError(f"edit of {qid} not served within {EDIT_TIMEOUT} s; see {log_path}")
                result["latencies"].append(time.perf_counter() - t0)  # type: ignore[union-attr]
                _wait_idle(log_path, settle)
                result["rebuilds"].append(_builds_done(log_path) - builds_before)  # type: ignore[union-attr]
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    latencies = result["latencies"]
    result["median_s"] = statistics.median(latencies) if latencies else None  # type: ignore[arg-type]
    result["build_lines"] = [line.strip() for line in log_path.read_text().splitlines() if "Documentation built" in line]
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="serve_latency.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=1000, help="synthetic guide size (default 1000)")
    parser.add_argument("--edits", type=int, default=3, help="edits to time (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--real-pdf", action="store_true", help="keep the real cheat-sheet PDFs (rebuilt on every edit)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and the server log")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="sg-serve-"))
    try:
        synth.generate(args.questions, tmp / "questions", args.seed)
        result = measure(tmp / "questions", tmp, args.edits, real_pdf=args.real_pdf)
    finally:
        if not args.keep:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{result['questions']} questions; server up after {result['startup_s']:.1f} s")
    for n, latency in enumerate(result["latencies"]):  # type: ignore[arg-type]
        print(f"  edit {n + 1}: change served after {latency:.2f} s")
    print(f"median: {result['median_s']:.2f} s (target ≤ 3 s at 1,000 questions)")
    print(f"rebuilds triggered by each edit: {result['rebuilds']}")
    for line in result["build_lines"]:  # type: ignore[union-attr]
        print(f"  server log: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

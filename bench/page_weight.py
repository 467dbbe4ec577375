"""What a reader's browser downloads on a fresh first load of a page (issue 19's page weight).

Command line:
    python bench/page_weight.py SITE_DIR [PATH ...]      (default: three question pages)
    python bench/page_weight.py SITE_DIR --all           (every question page: median, heaviest, over 450 KB)

Serves SITE_DIR on 127.0.0.1 with Python's http.server (no compression, as the issue measured)
and counts every byte the server sends for a fresh load of each page in headless Chromium
(an empty cache; the page's own requests, its stylesheets, fonts, scripts and the search
worker's index), until the network has been idle for a second. Prints one line per page: the
total, the total without the search index, and the heaviest requests; with --all, the spread.
"""

from __future__ import annotations

import functools
import shutil
import sys
import threading
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

DEFAULT_PAGES = ("questions/bias-variance-tradeoff/", "questions/roc-auc/", "questions/gradient-descent/")
SEARCH_INDEX = "search/search_index.json"


class CountingHandler(SimpleHTTPRequestHandler):
    """Records the bytes of every response body it sends, by path."""

    sent: ClassVar[dict[str, int]] = defaultdict(int)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        type(self).sent[self.path.split("?")[0]] += len(data)
        outputfile.write(data)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def first_load(browser: object, base: str, path: str) -> dict[str, int]:
    """Bytes sent per request path for a fresh load of `path` (new context: empty cache)."""
    CountingHandler.sent = defaultdict(int)
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(3000)  # the search worker starts after the load event
    finally:
        context.close()
    return dict(CountingHandler.sent)


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site = Path(argv[0])
    every = "--all" in argv[1:]
    pages = [a for a in argv[1:] if a != "--all"] or list(DEFAULT_PAGES)
    if every:
        pages = sorted(f"questions/{p.name}/" for p in (site / "questions").iterdir() if (p / "index.html").is_file())
    totals: list[tuple[int, str]] = []
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--headless", "--no-sandbox"])
            for path in pages:
                sent = first_load(browser, base, path)
                total = sum(sent.values())
                totals.append((total, path))
                index = sum(v for k, v in sent.items() if k.endswith(SEARCH_INDEX))
                heaviest = ", ".join(
                    f"{k.rsplit('/', 1)[-1]} {v / 1000:.0f}" for k, v in sorted(sent.items(), key=lambda kv: -kv[1])[:6]
                )
                print(
                    f"{path}: {total / 1000:.0f} KB in {len(sent)} requests; without the search index {(total - index) / 1000:.0f} KB"
                )
                print(f"    heaviest (KB): {heaviest}")
            browser.close()
    finally:
        server.shutdown()
    if every:
        totals.sort()
        over = [path for total, path in totals if total > 450_000]
        print(
            f"{len(totals)} pages: median {totals[len(totals) // 2][0] / 1000:.0f} KB, heaviest "
            f"{totals[-1][0] / 1000:.0f} KB ({totals[-1][1]}); over 450 KB: {len(over)} ({', '.join(over)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

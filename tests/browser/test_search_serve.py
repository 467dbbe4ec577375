"""Search under `mkdocs serve` (the fixture guide): the header box finds pages, and an edit reaches the index."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, make_project, mkdocs_env
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

sys.path.insert(0, str(ROOT / "bench"))
import probes

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise AssertionError(f"{url} never answered")


def test_serve_search_finds_pages_and_follows_an_edit(browser: Browser, tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "mini")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirtyreload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=mkdocs_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        _wait_for(base + "pagefind/pagefind.js")
        page = context.new_page()
        probes.open_search(page, base)
        hrefs, _ = probes.type_query(page, "area under the curve")  # the glossary's other name for AUC
        assert [probes.page_id(h) for h in hrefs][:1] == ["roc-auc"], hrefs

        source = project / "questions" / "roc-auc.yml"
        source.write_text(source.read_text(encoding="utf-8").replace("AUC summarises it.", "AUC summarises it, like a zorblat."))
        deadline = time.monotonic() + 180
        found: list[str] = []
        while time.monotonic() < deadline and not found:
            time.sleep(2)
            try:
                probes.open_search(page, base)
                hrefs, _ = probes.type_query(page, "zorblat")
            except PlaywrightTimeoutError:
                continue  # the rebuild finished meanwhile and livereload reloaded the page: ask again
            found = [probes.page_id(h) for h in hrefs]
        assert found[:1] == ["roc-auc"], found
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=30)

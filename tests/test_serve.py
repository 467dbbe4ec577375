"""`mkdocs serve` with a broken question file: the browser shows the problems, never hangs.

The problems appear on every page (and on a first start with no pages yet), each as
`path:line: message`; the next good save clears them. A real `mkdocs serve` is driven
through its HTTP port.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import FIXTURES, make_project, mkdocs_env

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8")


def _wait_for(url: str, predicate, seconds: float = 120) -> str:  # type: ignore[no-untyped-def]
    deadline, text = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            text = _get(url)
            if predicate(text):
                return text
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed what was expected; last response:\n{text[:2000]}")


def _break(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("difficulty: beginner", "difficulty: easy"), encoding="utf-8")
    return text


@pytest.mark.parametrize("broken_at_start", [False, True], ids=["broken-while-serving", "broken-at-start"])
def test_serve_shows_the_problems_in_the_browser_and_recovers(tmp_path: Path, broken_at_start: bool) -> None:
    project = make_project(tmp_path, FIXTURES / "mini")
    source = project / "questions" / "overfitting.yml"
    good = source.read_text(encoding="utf-8")
    if broken_at_start:
        _break(source)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=mkdocs_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        if not broken_at_start:
            _wait_for(base, lambda t: "sg-problems" not in t and "<html" in t)
            time.sleep(1)  # let the watcher settle after the first build's own writes
            _break(source)
        page = _wait_for(base, lambda t: "sg-problems" in t)
        assert "questions/overfitting.yml:" in page and "easy" in page
        source.write_text(good, encoding="utf-8")
        _wait_for(base, lambda t: "sg-problems" not in t and "<html" in t)
        assert "sg-problems" not in _get(base + "questions/overfitting/")
    finally:
        server.terminate()
        server.wait(timeout=30)

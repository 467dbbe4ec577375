"""Real-browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium via Playwright.

Where no Chromium is installed these tests are skipped with the install command, except
in CI (CI=1), where a missing browser is a failure: .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import serve_folder

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (with trailing slash) of the built site, served by a server this fixture owns."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def systems_url(systems_site: Path) -> Iterator[str]:
    """Base URL of the fixture guide tests/fixtures/systems, built and served once per session."""
    with serve_folder(systems_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        message = "Chromium not found: install it with `sudo apt-get install chromium` (Debian/Ubuntu) to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield instance
        finally:
            instance.close()


class PageLog:
    """Everything a page did that a test may want to assert on."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser: object, page_log: PageLog) -> Iterator[object]:
    """A fresh page in a fresh context (empty localStorage), recording requests and errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    new_page = context.new_page()
    new_page.on("request", lambda request: page_log.requests.append(request.url))
    new_page.on("console", lambda msg: page_log.console_errors.append(msg.text) if msg.type == "error" else None)
    new_page.on("pageerror", lambda err: page_log.page_errors.append(str(err)))
    try:
        yield new_page
    finally:
        context.close()

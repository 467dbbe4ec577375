"""Shared fixtures: one strict build of this guide, and one of a small guide on another subject, per test run."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, make_new_guide_project, make_project, mkdocs_build

TEST_SITE_URL = "https://guide.test/"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide (questions/) built with `mkdocs build --strict` into a temporary folder."""
    tmp = tmp_path_factory.mktemp("real-site")
    project = make_project(tmp, ROOT / "questions")
    site = tmp / "site"
    # An address, as every published build has one: Material's instant navigation follows only
    # the pages sitemap.xml lists, and the browser tests rebase it onto their own server.
    result = mkdocs_build(project, site, SITE_URL=TEST_SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


SYSTEMS_TITLE = "Distributed Systems Study Guide"


@pytest.fixture(scope="session")
def systems_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small guide on another subject (tests/fixtures/systems), in a project made the way `studyguide init` makes one."""
    tmp = tmp_path_factory.mktemp("systems-site")
    project = make_new_guide_project(tmp, FIXTURES / "systems", SYSTEMS_TITLE)
    site = tmp / "site"
    result = mkdocs_build(project, site, SITE_URL="https://systems.test/guide/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site

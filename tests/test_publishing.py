"""A published guide works where it is hosted: its own addresses everywhere, no placeholder host.

Each test builds the small fixture guide with `mkdocs build --strict` as the Pages workflow
does (SITE_URL, REPO_URL, REPO_BRANCH set) or as a plain `make site` does (none set).
"""

from __future__ import annotations

import io
import re
import shutil
import stat
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import FIXTURES, deck_text, make_project, mkdocs_build
from pypdf import PdfReader
from studyguide import publishing

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
SITE_URL = "https://someone.example/some-guide/"
REPO_URL = "https://git.example/someone/some-guide"
PLACEHOLDERS = re.compile(rb"example\.github\.io|github\.com/example")


def _build(tmp_path: Path, **addresses: str) -> Path:
    project = make_project(tmp_path, FIXTURES / "mini")
    site = tmp_path / "site"
    result = mkdocs_build(project, site, **addresses)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("published"), SITE_URL=SITE_URL, REPO_URL=REPO_URL, REPO_BRANCH="trunk")


@pytest.fixture(scope="module")
def unaddressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("unaddressed"))


def _deck_notes(site: Path) -> str:
    (deck,) = (site / "downloads").glob("*.apkg")
    return deck_text(deck, site.parent)


def _every_file(site: Path) -> list[Path]:
    return [path for path in site.rglob("*") if path.is_file()]


def test_the_configured_addresses_reach_pages_sitemap_deck_and_pdf(published: Path) -> None:
    page = (published / "questions" / "overfitting" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}questions/overfitting/">' in page
    assert f"{REPO_URL}/edit/trunk/questions/overfitting.yml" in page  # the branch that was built
    assert f'href="{REPO_URL}"' in page  # the footer's source link
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations and all(loc.startswith(SITE_URL) for loc in locations), locations
    assert f"{SITE_URL}questions/overfitting/" in _deck_notes(published)
    for pdf in sorted((published / "downloads").glob("*.pdf")):
        # The title line of every PDF names the site's address and the licence.
        first_page = " ".join(PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text().split())
        assert SITE_URL.rstrip("/") in first_page, pdf.name
        assert "CC BY-SA 4.0" in first_page, pdf.name


def test_no_placeholder_host_anywhere(published: Path, unaddressed: Path) -> None:
    for site in (published, unaddressed):
        found = [p.relative_to(site).as_posix() for p in _every_file(site) if PLACEHOLDERS.search(p.read_bytes())]
        found += ["deck notes"] if PLACEHOLDERS.search(_deck_notes(site).encode()) else []
        assert found == [], f"{site.name}: {found}"


def test_without_addresses_what_cannot_be_known_is_left_out(unaddressed: Path) -> None:
    page = (unaddressed / "questions" / "overfitting" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page
    assert "/edit/" not in page  # no edit pencil pointing at a guessed repository
    assert "<loc>" not in (unaddressed / "sitemap.xml").read_text(encoding="utf-8")
    assert "questions/overfitting/" not in _deck_notes(unaddressed)  # no card links to an unknown site
    for pdf in sorted((unaddressed / "downloads").glob("*.pdf")):
        assert "/source" not in PdfReader(io.BytesIO(pdf.read_bytes())).metadata


@pytest.mark.parametrize(("site_name", "prefix"), [("published", urlsplit(SITE_URL).path), ("unaddressed", "/")])
def test_the_404_page_loads_its_styles_and_scripts_where_it_is_served(
    site_name: str, prefix: str, request: pytest.FixtureRequest
) -> None:
    """404.html is served for any missing path, so its assets must be absolute under the site's own path."""
    site: Path = request.getfixturevalue(site_name)
    page = (site / "404.html").read_text(encoding="utf-8")
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', page)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert len(assets) >= 5, assets
    for asset in assets:
        assert asset.startswith(prefix), asset
        assert (site / asset[len(prefix) :].split("?")[0]).is_file(), asset


def test_every_file_is_readable_by_a_web_server_running_as_another_user(published: Path) -> None:
    problems = []
    for path in [published, *published.rglob("*")]:
        mode = path.stat().st_mode
        if path.is_dir() and not (mode & stat.S_IROTH and mode & stat.S_IXOTH):
            problems.append(f"{path}: folder {stat.filemode(mode)}")
        elif path.is_file() and not mode & stat.S_IROTH:
            problems.append(f"{path}: {stat.filemode(mode)}")
    assert problems == []
    assert (published / "pagefind" / "pagefind.js").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("remote", "site", "repo"),
    [
        (
            "git@github.com:Someone/some-guide.git",
            "https://someone.github.io/some-guide/",
            "https://github.com/Someone/some-guide",
        ),
        (
            "https://github.com/someone/some-guide",
            "https://someone.github.io/some-guide/",
            "https://github.com/someone/some-guide",
        ),
        ("ssh://git@github.com/org/org.github.io.git", "https://org.github.io/", "https://github.com/org/org.github.io"),
    ],
)
def test_deploy_addresses_come_from_the_github_remote(remote: str, site: str, repo: str) -> None:
    assert publishing.pages_addresses(remote) == (site, repo)


def test_deploy_refuses_when_the_address_cannot_be_known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SITE_URL", "REPO_URL"):
        monkeypatch.delenv(name, raising=False)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    with pytest.raises(publishing.AddressError, match="no git remote named origin"):
        publishing.deploy_environment(tmp_path)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "https://gitlab.example/a/b.git"], check=True)
    with pytest.raises(publishing.AddressError, match="set both yourself"):
        publishing.deploy_environment(tmp_path)
    monkeypatch.setenv("SITE_URL", SITE_URL)
    monkeypatch.setenv("REPO_URL", REPO_URL)
    assert publishing.deploy_environment(tmp_path) == {"SITE_URL": SITE_URL, "REPO_URL": REPO_URL}


def test_the_strict_build_fails_on_a_formula_that_cannot_be_typeset(tmp_path: Path) -> None:
    """The PDF would show its LaTeX source: MkDocs must stop, naming the file and line."""
    questions = tmp_path / "questions"
    shutil.copytree(FIXTURES / "mini", questions)
    shutil.copy(CORPUS / "math-cannot-be-typeset" / "questions" / "roc-auc.yml", questions / "roc-auc.yml")
    result = mkdocs_build(make_project(tmp_path, questions), tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"questions/roc-auc\.yml:11: .*\\left has no matching \\right", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()

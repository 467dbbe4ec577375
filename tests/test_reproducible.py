"""Reproducible site: two clean builds of the real guide give byte-identical trees.

With SOURCE_DATE_EPOCH set, `mkdocs build` of two fresh copies of the project, in two
different folders (so an absolute path leaking into the output shows up too), must give
the same bytes for every file: pages, sitemap.xml and its .gz, the search index and every
download the site offers by then (cheat-sheet PDF, Anki deck) — they are compared like the
rest, without a list to keep up to date.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from helpers import ROOT, file_tree, make_project, mkdocs_build

EPOCH = "1700000000"


def _where_they_differ(a: bytes, b: bytes) -> str:
    """A short description of the first difference, to say why two files differ."""
    size = f"{len(a)} vs {len(b)} bytes; " if len(a) != len(b) else ""
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"{size}first difference at byte {at}: {a[max(0, at - 40) : at + 40]!r} vs {b[max(0, at - 40) : at + 40]!r}"


@pytest.mark.slow
def test_two_clean_builds_give_byte_identical_sites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("SITE_URL", raising=False)
    projects = [make_project(tmp_path / name, ROOT / "questions") for name in ("first", "second")]
    sites = [tmp_path / name / "site" for name in ("first", "second")]
    with ThreadPoolExecutor(2) as pool:  # two processes at once: half the wait
        results = list(pool.map(mkdocs_build, projects, sites))
    for result in results:
        assert result.returncode == 0, result.stdout + result.stderr

    first, second = file_tree(sites[0]), file_tree(sites[1])
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first and "pagefind/pagefind-entry.json" in first
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())
    differing = {rel: _where_they_differ(first[rel], second[rel]) for rel in first if first[rel] != second[rel]}
    assert not differing, "\n".join(f"{rel}: {why}" for rel, why in sorted(differing.items()))

    downloads = sorted(rel for rel in first if rel.startswith("downloads/"))
    digest = hashlib.sha256(b"".join(first[rel] for rel in sorted(first))).hexdigest()[:16]
    print(f"{len(first)} files identical (tree digest {digest}); downloads compared: {', '.join(downloads) or 'none'}")

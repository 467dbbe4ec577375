"""The search index comes out the same from two runs of Pagefind: filters, their counts and sorts intact.

Pagefind 1.5.2 writes filter values (and the lists of filters and sort keys) in an order that
changes from run to run; `pagefindstable` rewrites them in a fixed order after each run. Tried
here on a tiny hand-written site with many filter values (so two runs in Pagefind's own order
would almost surely differ) and a sort key, through `searchindex.build_index` as a build does,
with each engine a build may use: the pinned npm release `engineinstall` puts beside Python,
and the older release of the wheel (what a guide without npm gets).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest
from helpers import file_tree
from studyguide import engineinstall, pagefindstable, searchindex

PAGES = 24
TOPICS = [f"Topic {chr(ord('A') + n)}" for n in range(12)]
LEVELS = ["Beginner", "Intermediate", "Advanced", "Expert"]


def _tiny_site(site: Path) -> None:
    """Pages with a topic, a level, one or two tags and a sort key, as the generator marks them."""
    for n in range(PAGES):
        tags = "".join(f'<span data-pagefind-filter="tag">tag {t}</span>' for t in {n % 7, n % 5})
        page = site / f"q{n:02d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<!doctype html><html lang="en"><head><title>Question {n}</title></head><body>'
            f'<main data-pagefind-body data-pagefind-sort="order:{PAGES - n}">'
            f"<h1>Question {n}</h1><p>gradient number{n} words about entropy and variance</p>"
            f'<span data-pagefind-filter="topic">{TOPICS[n % len(TOPICS)]}</span>'
            f'<span data-pagefind-filter="level">{LEVELS[n % len(LEVELS)]}</span>{tags}'
            "</main></body></html>",
            encoding="utf-8",
        )


def _index(output: Path) -> tuple[dict, dict[str, dict[str, set[int]]], dict[str, list[int]]]:
    """What the browser reads: the entry, each filter's values with their pages, each sort's page order."""
    entry = json.loads((output / pagefindstable.ENTRY).read_text(encoding="utf-8"))
    meta = pagefindstable._read(output / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    filters = {}
    for name, chunk_hash in meta[pagefindstable.FILTERS]:
        chunk = pagefindstable._read(output / "filter" / f"{chunk_hash}.pf_filter")
        assert chunk[0] == name
        filters[name] = {value: set(pages) for value, pages in chunk[1]}
    sorts = {key: pages for key, pages in meta[pagefindstable.SORTS]}
    return entry, filters, sorts


@pytest.fixture(scope="module", params=["installed", "wheel"], autouse=True)
def engine(request: pytest.FixtureRequest):
    """The Pagefind binary every build of the module uses (PAGEFIND_BINARY_PATH set or not)."""
    from pagefind_bin_extended import get_executable

    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PAGEFIND_BINARY_PATH", raising=False)
        if request.param == "wheel":
            patch.setenv("PAGEFIND_BINARY_PATH", str(get_executable()))
        yield request.param


@pytest.fixture(scope="module")
def raw_index(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pagefind's own output for the tiny site, before any reordering."""
    site = tmp_path_factory.mktemp("raw")
    _tiny_site(site)
    stabilise = pagefindstable.stabilise
    pagefindstable.stabilise = lambda output: None  # type: ignore[assignment]
    try:
        searchindex.build_index(site)
    finally:
        pagefindstable.stabilise = stabilise  # type: ignore[assignment]
    return site / searchindex.OUTPUT


def test_two_runs_give_byte_identical_indexes(tmp_path: Path) -> None:
    trees = []
    for name in ("first", "second"):  # each run is its own Pagefind process, with its own hash seed
        _tiny_site(tmp_path / name)
        searchindex.build_index(tmp_path / name)
        trees.append(file_tree(tmp_path / name / searchindex.OUTPUT))
    assert trees[0] == trees[1]
    assert len([rel for rel in trees[0] if rel.startswith("filter/")]) == 3


def test_each_engine_is_the_release_it_claims(engine: str, raw_index: Path) -> None:
    """The wheel's when asked for; otherwise the pinned npm release whenever it is installed."""
    written = json.loads((raw_index / pagefindstable.ENTRY).read_text(encoding="utf-8"))["version"]
    wheel = metadata.version("pagefind-bin-extended")
    pinned = json.loads((engineinstall.PIN / "package.json").read_text(encoding="utf-8"))["dependencies"]["pagefind"]
    installed = (Path(sysconfig.get_path("scripts")) / searchindex.ENGINE).is_file()
    if os.environ.get("CI") and not installed:  # `make test` installs it: CI must test the release sites get
        pytest.fail("the pinned search engine is not installed: make runs `python -m studyguide.engineinstall`")
    if engine == "installed" and not installed:
        pytest.skip("the pinned search engine is not installed here (no npm): only the wheel's was tested")
    assert written == (pinned if engine == "installed" and installed else wheel)


def test_reordering_keeps_every_filter_value_count_and_sort(raw_index: Path, tmp_path: Path) -> None:
    before = _index(raw_index)
    output = tmp_path / "pagefind"
    shutil.copytree(raw_index, output)
    pagefindstable.stabilise(output)
    entry, filters, sorts = _index(output)

    assert filters == before[1] and sorts == before[2]
    assert {len(filters["topic"]), len(filters["level"]), len(filters["tag"])} == {12, 4, 7}
    assert sum(len(pages) for pages in filters["topic"].values()) == PAGES  # the counts a learner sees
    assert sorted(sorts["order"]) == list(range(PAGES))
    assert entry == {**before[0], "languages": entry["languages"]}
    assert entry["languages"]["en"]["page_count"] == PAGES
    # Written in a fixed order: filters by name, values by name, pages by number.
    meta = pagefindstable._read(output / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    assert [name for name, _ in meta[pagefindstable.FILTERS]] == ["level", "tag", "topic"]
    for _, chunk_hash in meta[pagefindstable.FILTERS]:
        values = pagefindstable._read(output / "filter" / f"{chunk_hash}.pf_filter")[1]
        assert values == sorted(values) and all(pages == sorted(pages) for _, pages in values)
    # Nothing left behind: the word index, fragments and scripts are Pagefind's, untouched.
    after = file_tree(output)
    assert len(after) == len(file_tree(raw_index))
    unchanged = {rel for rel in after if not rel.startswith("filter/") and not rel.endswith((".pf_meta", ".json"))}
    assert all(after[rel] == (raw_index / rel).read_bytes() for rel in unchanged)


def test_files_are_named_and_packed_as_pagefind_does(raw_index: Path, tmp_path: Path) -> None:
    """Content-hash names by Pagefind's rule and gzip with its signature: the browser finds and reads them."""
    output = tmp_path / "pagefind"
    shutil.copytree(raw_index, output)
    pagefindstable.stabilise(output)
    for path in [*output.glob("filter/*.pf_filter"), *output.glob("*.pf_meta")]:
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        digest = pagefindstable._full_hash(raw[len(b"pagefind_dcd") :])
        name = path.name.split(".")[-2]
        # Pagefind's rule: the meta file keeps 10 hash characters, a chunk 10 characters in all.
        assert name == ("en_" + digest[:10] if path.name.startswith("pagefind.") else ("en_" + digest)[:10])
    # Pagefind's own files re-encode to the same bytes: the encoder writes what minicbor writes.
    for path in [*raw_index.glob("filter/*.pf_filter"), *raw_index.glob("*.pf_meta")]:
        raw = gzip.decompress(path.read_bytes())
        assert pagefindstable._encode(pagefindstable._read(path)) == raw[len(b"pagefind_dcd") :]


def test_a_shuffled_index_comes_out_the_same(raw_index: Path, tmp_path: Path) -> None:
    """Whatever order Pagefind picked, the result is one: here its filters written in reverse."""
    reversed_output = tmp_path / "reversed"
    shutil.copytree(raw_index, reversed_output)
    entry = json.loads((reversed_output / pagefindstable.ENTRY).read_text(encoding="utf-8"))
    meta_path = reversed_output / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    meta = pagefindstable._read(meta_path)
    for item in meta[pagefindstable.FILTERS]:
        chunk_path = reversed_output / "filter" / f"{item[1]}.pf_filter"
        chunk = pagefindstable._read(chunk_path)
        chunk_path.unlink()
        encoded = pagefindstable._encode([chunk[0], list(reversed(chunk[1]))])
        item[1] = pagefindstable._short_hash("en", encoded, set())
        (reversed_output / "filter" / f"{item[1]}.pf_filter").write_bytes(pagefindstable._pack(encoded))
    meta[pagefindstable.FILTERS].reverse()
    meta_path.write_bytes(pagefindstable._pack(pagefindstable._encode(meta)))  # its name no longer matters

    straight_output = tmp_path / "straight"
    shutil.copytree(raw_index, straight_output)
    for output in (reversed_output, straight_output):
        pagefindstable.stabilise(output)
    assert file_tree(reversed_output) == file_tree(straight_output)


def test_an_index_of_another_layout_stops_the_build_with_a_clear_message(
    raw_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Pagefind version whose meta file has another shape: an error naming the file, not a broken index."""
    monkeypatch.setattr(pagefindstable, "META_FIELDS", 5)  # as if Pagefind wrote one field more than known
    site = tmp_path / "site"
    _tiny_site(site)
    with pytest.raises(searchindex.SearchIndexError) as caught:
        searchindex.build_index(site)
    message = str(caught.value)
    assert "could not be put in a fixed order" in message and ".pf_meta" in message
    assert "is Pagefind the version pinned in engine/package-lock.json or requirements.txt?" in message


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda data: b"not gzip", "cannot be read as a gzipped Pagefind file"),
        (lambda data: gzip.compress(b"other_signature" + data[12:]), "no pagefind_dcd signature"),
        (lambda data: gzip.compress(b"pagefind_dcd\xa1\x61a\x01"), "CBOR major type 5"),  # a map
        (lambda data: gzip.compress(data[:-3]), "ends early"),
    ],
)
def test_a_damaged_filter_chunk_is_named_in_the_error(raw_index: Path, tmp_path: Path, damage, expected: str) -> None:
    output = tmp_path / "pagefind"
    shutil.copytree(raw_index, output)
    chunk = next(output.glob("filter/*.pf_filter"))
    chunk.write_bytes(damage(gzip.decompress(chunk.read_bytes())))
    before = file_tree(output)
    with pytest.raises(pagefindstable.UnexpectedFormat, match=expected) as caught:
        pagefindstable.stabilise(output)
    assert chunk.name in str(caught.value)
    assert file_tree(output) == before  # checked before anything is written

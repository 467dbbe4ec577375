"""The bad-input corpus: every folder of tests/bad_inputs/ is one case, run through the real CLI.

A case folder holds the files that differ from the mini guide (tests/fixtures/mini),
laid over a copy of it, and either `expected.txt` (the exact stderr, paths relative to
the case folder) or `accepted` (a note saying why the input must build; an accepted case
may list the warnings it must print in `warnings.txt`). An optional `setup.txt` lists,
one per line, what git cannot store or should not (10 MB files):

    args ARG...           extra command-line arguments
    delete PATH           remove a file of the mini guide
    mkdir PATH            create a folder
    symlink PATH TARGET   like `ln -s TARGET PATH` (skipped where symlinks are unavailable)
    grow PATH BYTES       append a line of BYTES characters to the file's last (block) field
    unreadable PATH       chmod 000; run as an ordinary user when the tests run as root (see `_run_cli`)
    manifest-add PATH     add PATH to the output folder's manifest (the files the generator owns)
    max-seconds N         the CLI must answer within N seconds (bombs must be refused fast)
    mkdocs                also build the case with `mkdocs build --strict` (see `test_case_under_mkdocs`)

Every rejected case must exit with status 1, print exactly the expected lines and no
traceback, and leave the output folder and everything around it exactly as they were
(bytes and modification times).
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, SCRIPTS, make_project, mkdocs_build
from studyguide.pipeline import generate
from test_properties import front_matter_title, h1_text, heading_markup, split_page

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
CASE_FILES = {"expected.txt", "accepted", "setup.txt", "warnings.txt"}
HAND_WRITTEN = "about.md"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534
"""The user and group the permission cases run as when the tests run as root (root reads any file)."""


def test_corpus_is_large_and_well_formed() -> None:
    assert len(CASES) >= 40
    for name in CASES:
        folder = CORPUS / name
        markers = (folder / "expected.txt").is_file() + (folder / "accepted").is_file()
        assert markers == 1, f"{name}: needs exactly one of expected.txt or accepted"


@pytest.fixture(scope="module")
def previous_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/ as a good build of the mini guide left it, plus a hand-written page."""
    docs = tmp_path_factory.mktemp("previous") / "docs"
    generate(FIXTURES / "mini", docs)
    (docs / HAND_WRITTEN).write_text("# About\n\nWritten by hand.\n", encoding="utf-8")
    return docs


def snapshot(folder: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every entry under `folder`: files with their bytes and mtime, folders as None."""
    found: dict[str, tuple[bytes, int] | None] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
    return found


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _setup_steps(case: Path) -> list[list[str]]:
    setup = case / "setup.txt"
    if not setup.is_file():
        return []
    return [line.split() for line in setup.read_text(encoding="utf-8").splitlines() if line.strip()]


def prepare(case: Path, work: Path, previous_docs: Path) -> tuple[list[str], list[str], float]:
    """Lay the case over a copy of the mini guide in `work`; return CLI args, unreadable paths, time limit."""
    shutil.copytree(FIXTURES / "mini", work / "questions")
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if path.is_file() and rel.as_posix() not in CASE_FILES:
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, work / rel)
    shutil.copytree(previous_docs, work / "docs")
    args: list[str] = []
    unreadable: list[str] = []
    seconds = 60.0
    for verb, *rest in _setup_steps(case):
        if verb == "args":
            args += rest
        elif verb == "delete":
            (work / rest[0]).unlink()
        elif verb == "mkdir":
            (work / rest[0]).mkdir()
        elif verb == "symlink":
            try:
                os.symlink(rest[1], work / rest[0])
            except (OSError, NotImplementedError) as err:
                pytest.skip(f"symbolic links unavailable here: {err}")
        elif verb == "grow":
            with (work / rest[0]).open("a", encoding="utf-8") as handle:
                handle.write("  " + "x" * int(rest[1]) + "\n")
        elif verb == "unreadable":
            unreadable.append(rest[0])
        elif verb == "manifest-add":
            manifest = work / "docs" / ".generated.json"
            entries = json.loads(manifest.read_text(encoding="utf-8"))
            manifest.write_text(json.dumps(sorted([*entries, rest[0]]), indent=0), encoding="utf-8")
        elif verb == "max-seconds":
            seconds = float(rest[0])
        elif verb == "mkdocs":
            pass  # read by test_case_under_mkdocs
        else:
            raise AssertionError(f"{case.name}/setup.txt: unknown step {verb!r}")
    return args, unreadable, seconds


def _run_cli(work: Path, args: list[str], unreadable: list[str], seconds: float) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPTS / "build_pages.py")]
    if unreadable and IS_ROOT:
        # Root reads any file whatever its mode, so chmod 000 proves nothing there (containers
        # and many CI runners are root): the CLI runs as an ordinary user instead.
        command = [*as_ordinary_user(work), *command]
    for rel in unreadable:
        (work / rel).chmod(0)
    try:
        return subprocess.run(
            [*command, "--questions", "questions", "--docs", "docs", "--quiet", *args],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=max(seconds, 30) * 4,
        )
    finally:
        for rel in unreadable:
            (work / rel).chmod(0o644)


def as_ordinary_user(work: Path) -> list[str]:
    """A command prefix that runs as NOBODY, with `work` (and every folder above it) open to that user.

    Skips the test, saying why, where privileges cannot be dropped.
    """
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv (util-linux) is missing: cannot test file permissions as an ordinary user")
    for folder in (work, *work.parents):
        if folder.stat().st_mode & 0o001 == 0:
            pytest.skip(f"{folder} is closed to other users: cannot test file permissions as an ordinary user under it")
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if not _generator_runs_as(tuple(prefix)):
        pytest.skip(
            "this checkout or its virtualenv is closed to other users (a clone in a 0700 temporary folder, say): "
            "cannot run the generator as an ordinary user"
        )
    for path in (work, *work.rglob("*")):
        os.lchown(path, NOBODY, NOBODY)
    return prefix


@functools.cache
def _generator_runs_as(prefix: tuple[str, ...]) -> bool:
    """Whether the command-line generator starts at all under `prefix` (it must read this checkout)."""
    probe = subprocess.run([*prefix, sys.executable, str(SCRIPTS / "build_pages.py"), "--help"], capture_output=True, timeout=60)
    return probe.returncode == 0


@pytest.fixture
def case_root() -> Iterator[Path]:
    """Where a case's project is laid out: a folder other users may enter, so permission cases can run as one."""
    root = Path(tempfile.mkdtemp(prefix="bad-input-", dir=tempfile.gettempdir()))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("name", CASES)
def test_case(name: str, case_root: Path, previous_docs: Path) -> None:
    case = CORPUS / name
    work = case_root / "case"
    args, unreadable, seconds = prepare(case, work, previous_docs)
    before = snapshot(case_root)
    # CPU time, not wall time: a busy CI machine must not turn a fast refusal into a failure.
    started = _children_cpu_seconds()
    result = _run_cli(work, args, unreadable, seconds)
    spent = _children_cpu_seconds() - started
    assert "Traceback" not in result.stderr, result.stderr
    assert spent < seconds, f"took {spent:.1f} s of CPU, limit {seconds} s"
    if (case / "accepted").is_file():
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines() == expected_warnings(case)
        check_accepted_titles(case, work)
        after = snapshot(case_root)
        assert after[f"case/docs/{HAND_WRITTEN}"] == before[f"case/docs/{HAND_WRITTEN}"]
        # Nothing outside docs/ and the build cache was written.
        changed = {rel for rel in set(before) | set(after) if before.get(rel) != after.get(rel)}
        assert {rel for rel in changed if not rel.startswith(("case/docs/", "case/.cache/"))} <= {"case/docs", "case/.cache"}
        return
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines() == expected
    assert result.returncode == 1
    assert result.stdout == ""
    assert snapshot(case_root) == before, "the output folder or something around it changed"


MKDOCS_CASES = [name for name in CASES if ["mkdocs"] in _setup_steps(CORPUS / name)]


@pytest.mark.slow
@pytest.mark.parametrize("name", MKDOCS_CASES)
def test_case_under_mkdocs(name: str, case_root: Path, previous_docs: Path) -> None:
    """The same case through `mkdocs build --strict` (the hook): the same refusal, or a clean site with no markup from data."""
    case = CORPUS / name
    work = case_root / "case"
    args, unreadable, _ = prepare(case, work, previous_docs)
    assert not args and not unreadable, f"{name}: mkdocs takes no command-line arguments or permission setup"
    project = make_project(case_root / "mkdocs", work / "questions")
    shutil.copytree(work / "docs", project / "docs", dirs_exist_ok=True)  # the previous build, its manifest
    for extra in work.iterdir():
        if extra.is_file():
            shutil.copy2(extra, project / extra.name)
    before = snapshot(project)
    result = mkdocs_build(project, case_root / "site")
    output = (result.stdout + result.stderr).replace(f"{project}/", "")
    assert "Traceback" not in output, output
    if (case / "accepted").is_file():
        assert result.returncode == 0, output
        assert [line for line in result.stderr.splitlines() if "WARNING" in line] == []
        for warning in expected_warnings(case):
            assert warning in output
        check_no_markup_from_data(case_root / "site")
        return
    assert result.returncode == 1, output
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]  # less "N problem(s) found"
    lines = output.splitlines()
    for problem in expected:
        assert any(line.endswith(problem) for line in lines), f"{problem!r} not reported:\n{output}"
    assert snapshot(project) == before, "the project changed"


def test_mkdocs_reports_a_broken_mkdocs_yml_in_one_message(case_root: Path) -> None:
    """MkDocs parses mkdocs.yml before any hook runs, so its own message is what a user sees there.

    The generator's message (case mkdocs-yml-colon-in-site-name) cannot replace it; this pins
    down that MkDocs' is still one short error with the line, not a traceback.
    """
    project = make_project(case_root, FIXTURES / "mini")
    shutil.copy(CORPUS / "mkdocs-yml-colon-in-site-name" / "mkdocs.yml", project / "mkdocs.yml")
    result = mkdocs_build(project, case_root / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert "error parsing the configuration file" in output and "line 1, column 19" in output, output


def check_no_markup_from_data(site: Path) -> None:
    """No page gained a script, a handler, a frame or another host's file from the case's data."""
    for page in sorted(site.rglob("*.html")):
        elements = _Elements()
        elements.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(site)
        # Data may sit inside a script as a JSON string (the search box's topic names): inert there.
        code = [re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text) for text in elements.scripts]
        assert not [text for text in code if "alert(" in text], where
        for tag, attrs in elements.found:
            assert tag not in ("iframe", "object", "embed"), (where, tag)
            for attribute, value in attrs:
                assert not attribute.startswith("on"), (where, tag, attribute, value)
                fetched_link = tag == "link" and dict(attrs).get("rel") in ("stylesheet", "icon", "preload", "modulepreload")
                if attribute in ("src", "srcset") or (fetched_link and attribute == "href"):
                    assert not re.match(r"\s*(https?:)?//", value or ""), (where, tag, attribute, value)
            if tag == "meta" and ("name", "description") in attrs:
                content = dict(attrs).get("content") or ""
                assert "<script" not in content or "&lt;" not in content, (where, content)


def expected_warnings(case: Path) -> list[str]:
    warnings = case / "warnings.txt"
    return warnings.read_text(encoding="utf-8").splitlines() if warnings.is_file() else []


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="the PDF's fonts (DejaVu) have no CJK or emoji glyphs: those titles print as boxes")
def test_pdf_has_a_glyph_for_every_title() -> None:
    """Every character of the titles is in the PDFs' text fonts (Typst draws an empty box, silently, for one that is not)."""
    from fontTools.ttLib import TTFont

    fonts = SCRIPTS / "studyguide" / "fonts"
    covered = set(TTFont(fonts / "DejaVuSans.ttf").getBestCmap()) & set(TTFont(fonts / "DejaVuSans-Bold.ttf").getBestCmap())
    titles = [
        yaml.safe_load(path.read_bytes().decode("utf-8-sig"))["title"]
        for path in sorted((CORPUS / "accepted-unicode-titles" / "questions").glob("[!_]*.yml"))
    ]
    missing = sorted({c for title in titles for c in title if not c.isspace() and ord(c) not in covered})
    assert missing == [], f"no glyph in the PDF for: {' '.join(missing)}"


def check_accepted_titles(case: Path, work: Path) -> None:
    """Each question of the case has a page whose title and heading show its title exactly."""
    for source in sorted((case / "questions").glob("[!_]*.yml")):
        data = yaml.safe_load(source.read_bytes().decode("utf-8-sig"))
        title = " ".join(data["title"].split())
        page = (work / "docs" / "questions" / f"{data['id']}.md").read_text(encoding="utf-8")
        assert front_matter_title(page) == title
        heading = split_page(page)[1]
        assert h1_text(heading) == title, heading
        assert heading_markup(heading) == [], heading


# -- the hostile title in a real site ----------------------------------------------------------

HOSTILE = CORPUS / "accepted-hostile-title" / "questions"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini guide plus the hostile titles, built with `mkdocs build --strict`."""
    tmp = tmp_path_factory.mktemp("hostile")
    questions = tmp / "questions"
    shutil.copytree(FIXTURES / "mini", questions)
    for path in HOSTILE.glob("*.yml"):
        shutil.copy(path, questions / path.name)
    site = tmp / "site"
    result = mkdocs_build(make_project(tmp, questions), site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _hostile_titles() -> list[tuple[str, str]]:
    titles = []
    for path in sorted(HOSTILE.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        titles.append((data["id"], data["title"]))
    return titles


@pytest.mark.slow
@pytest.mark.parametrize(("qid", "title"), _hostile_titles())
def test_hostile_title_is_text_everywhere_in_the_site(hostile_site: Path, qid: str, title: str) -> None:
    page = (hostile_site / "questions" / qid / "index.html").read_text(encoding="utf-8")
    escaped = html.escape(title, quote=False)
    # No element or attribute was created from the title.
    elements = _Elements()
    elements.feed(page)
    assert not [e for e in elements.found if e[0] == "img" and ("src", "x") in e[1]]
    assert not [e for e in elements.found if any(name.startswith("on") for name, _ in e[1])]
    assert not [text for text in elements.scripts if "alert(" in text]
    # <title>: the escaped text (the theme appends " - site name").
    head_title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert head_title and html.unescape(head_title.group(1)).startswith(title), head_title
    # The heading, as text.
    h1 = re.search(r"<h1[^>]*>.*?</h1>", page, re.DOTALL)
    assert h1 and h1_text(h1.group(0), html_input=True) == title
    # Navigation: the sidebar link to this page shows the title as text.
    nav_labels = [html.unescape(m) for m in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', page, re.DOTALL)]
    assert title in nav_labels
    # The other pages link to it by the same text (topic page).
    topic = (hostile_site / "topics" / "basics" / "index.html").read_text(encoding="utf-8")
    assert escaped in topic
    # Search: the title the results show is stored escaped (the result list inserts it as text).
    meta = re.search(r'data-pagefind-meta="title:([^"]*)"', page)
    assert meta and "<script" not in meta.group(1) and "<img" not in meta.group(1), meta
    assert html.unescape(meta.group(1)) == title


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


@pytest.mark.slow
def test_hostile_title_is_not_escaped_twice_in_attributes(hostile_site: Path) -> None:
    page = (hostile_site / "questions" / "overfitting" / "index.html").read_text(encoding="utf-8")
    elements = _Elements()
    elements.feed(page)
    labels = [value or "" for _, attrs in elements.found for name, value in attrs if name == "aria-label"]
    assert not [label for label in labels if "&lt;" in label], labels


def test_documented_setup_verbs_are_the_ones_used() -> None:
    used = {steps[0] for name in CASES for steps in _setup_steps(CORPUS / name)}
    documented = set(re.findall(r"^    (\S+) ", __doc__ or "", re.MULTILINE))
    assert used <= documented, used - documented

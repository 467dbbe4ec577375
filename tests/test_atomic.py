"""Interrupted, failing and concurrent builds never leave docs/ damaged.

The writer stages every file in full, then moves each into place with an atomic rename,
keeping the previous version until the end so that a failure can be undone. At any
instant each generated file is therefore whole: its old bytes or its new bytes. These
tests kill real generator processes with SIGKILL at chosen and at random moments, make
the disk "fill up", and start builds together; then they check exactly that, that
hand-written files were not touched, and that the next build repairs everything.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import FIXTURES, SCRIPTS
from studyguide import writer

HAND_WRITTEN = {"about.md": b"# About\n\nWritten by hand.\n", "assets/extra.css": b"body { color: black; }\n"}
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}  # downloads carry a date: keep them comparable
LOCKED = "another build is writing this folder; wait for it to finish and run again"

# Runs the real command line, but SIGKILLs itself on the N-th call of os.replace (the
# moves into docs/) or of Path.write_bytes (the staging writes): a kill -9 at an exact
# point of the write, every time.
_KILL_AT = """
import os, pathlib, runpy, signal, sys
where, at, script = sys.argv[1], int(sys.argv[2]), sys.argv[3]
calls = 0
def killing(original):
    def call(*args, **kwargs):
        global calls
        calls += 1
        if calls == at:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    return call
if where == "replace":
    os.replace = killing(os.replace)
else:
    pathlib.Path.write_bytes = killing(pathlib.Path.write_bytes)
sys.argv = [script, *sys.argv[4:]]
runpy.run_path(script, run_name="__main__")
"""


def snapshot(docs: Path) -> dict[str, bytes]:
    """Every file under docs/ except the staging folders of an interrupted build."""
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and not p.relative_to(docs).parts[0].startswith(".staging-")
    }


def staging_left(docs: Path) -> list[str]:
    return sorted(p.name for p in docs.glob(".staging-*"))


def cli_args(questions: Path, docs: Path) -> list[str]:
    return [str(SCRIPTS / "build_pages.py"), "--questions", str(questions), "--docs", str(docs), "--quiet"]


def run_cli(questions: Path, docs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *cli_args(questions, docs)], capture_output=True, text=True, env=ENV, timeout=300)


def make_new_input(questions: Path) -> None:
    """Change the mini guide so that most pages change, one disappears and one appears."""
    overfitting = questions / "overfitting.yml"
    overfitting.write_text(overfitting.read_text().replace("What is overfitting?", "When does a model overfit?"))
    (questions / "precision-recall.yml").unlink()
    roc = questions / "roc-auc.yml"
    roc.write_text(roc.read_text().replace("related: [precision-recall]", "related: [overfitting]"))
    (questions / "underfitting.yml").write_text(
        "id: underfitting\ntitle: What is underfitting?\ntopics: [basics]\ndifficulty: beginner\n"
        "summary: Too simple a model.\nanswer: |\n  High error everywhere; see [[overfitting]].\n"
    )


@dataclass(frozen=True)
class Builds:
    old_input: Path
    new_input: Path
    old_docs: Path
    """docs/ after a build of the old input, plus hand-written files."""
    old: dict[str, bytes]
    new: dict[str, bytes]
    """docs/ after a complete build of the new input over `old_docs`."""

    def fresh_docs(self, tmp: Path) -> Path:
        docs = tmp / "docs"
        shutil.copytree(self.old_docs, docs)
        return docs

    def moves(self) -> int:
        """How many files the new build moves into place or out of the way."""
        changed = [rel for rel, data in self.new.items() if self.old.get(rel) != data]
        return len(changed) + len(self.old.keys() - self.new.keys())


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    tmp = tmp_path_factory.mktemp("builds")
    old_input, new_input = tmp / "old", tmp / "new"
    shutil.copytree(FIXTURES / "mini", old_input)
    shutil.copytree(FIXTURES / "mini", new_input)
    make_new_input(new_input)
    old_docs = tmp / "old-docs"
    for rel, data in HAND_WRITTEN.items():
        (old_docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (old_docs / rel).write_bytes(data)
    assert run_cli(old_input, old_docs).returncode == 0
    new_docs = tmp / "new-docs"
    shutil.copytree(old_docs, new_docs)
    result = run_cli(new_input, new_docs)
    assert result.returncode == 0, result.stderr
    builds = Builds(old_input, new_input, old_docs, snapshot(old_docs), snapshot(new_docs))
    assert builds.moves() >= 10, "the new input should change many files"
    return builds


def assert_whole(docs: Path, builds: Builds) -> str:
    """Every generated file is entirely old or entirely new; hand-written files are untouched.

    Returns "old", "new" or "mixed" (some files of each: a kill between two moves).
    """
    now = snapshot(docs)
    for rel, data in now.items():
        assert data in (builds.old.get(rel), builds.new.get(rel)), f"{rel}: neither the old nor the new content"
    for rel, data in HAND_WRITTEN.items():
        assert now.get(rel) == data, f"hand-written {rel} changed"
    missing = (builds.old.keys() & builds.new.keys()) - now.keys()
    assert not missing, f"files both builds have went missing: {sorted(missing)}"
    if now == builds.old:
        return "old"
    return "new" if now == builds.new else "mixed"


def assert_next_build_repairs(docs: Path, builds: Builds) -> None:
    result = run_cli(builds.new_input, docs)
    assert result.returncode == 0, result.stderr
    assert snapshot(docs) == builds.new
    assert staging_left(docs) == []


# -- kill -9 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "fraction"), [("write", 0.0), ("write", 0.5), ("replace", 0.0), ("replace", 0.5), ("replace", 1.0)]
)
def test_kill_at_an_exact_point_of_the_write(builds: Builds, tmp_path: Path, where: str, fraction: float) -> None:
    """SIGKILL on the first, middle or last staging write or move into place."""
    docs = builds.fresh_docs(tmp_path)
    at = max(1, round(builds.moves() * fraction))
    command = [sys.executable, "-c", _KILL_AT, where, str(at), *cli_args(builds.new_input, docs)]
    result = subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=300)
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stderr)
    state = assert_whole(docs, builds)
    if where == "write":
        assert state == "old", "nothing may change in docs/ before every file is staged"
    elif fraction == 0.5:
        assert state == "mixed"  # whole files of both builds: the state the lock and the next build repair
    assert_next_build_repairs(docs, builds)


def test_kill_at_random_moments_of_a_long_write(tmp_path: Path) -> None:
    """A real process writing 2,000 pages, killed from outside while staging or while moving pages in.

    The generator writes a few dozen files in milliseconds, too fast to hit from outside;
    this drives the same writer with enough pages that a SIGKILL from another process
    lands mid-write. The moment is chosen by watching progress (staged files, pages
    already replaced, at random positions), not by sleeping, so it holds on any machine.
    """
    docs = tmp_path / "docs"
    (docs / "questions").mkdir(parents=True)
    (docs / "about.md").write_bytes(HAND_WRITTEN["about.md"])
    count, filler = 2000, "Words of an answer. " * 200

    def pages(version: str) -> dict[str, bytes]:
        return {f"questions/q{i:04d}.md": f"# Question {i}\n\n{version}\n\n{filler}\n{version}\n".encode() for i in range(count)}

    old, new = pages("old"), pages("new")
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; from studyguide import writer; "
        f"filler = {filler!r}; "
        f"writer.write_output(Path(sys.argv[2]), {{f'questions/q{{i:04d}}.md': f'# Question {{i}}\\n\\nnew\\n\\n{{filler}}\\nnew\\n' for i in range({count})}})"
    )

    def staged_at_least(n: int) -> bool:
        return any(len(list((s / "questions").glob("*"))) >= n for s in docs.glob(".staging-*") if (s / "questions").is_dir())

    def moved(index: int) -> bool:
        rel = f"questions/q{index:04d}.md"
        return (docs / rel).read_bytes() == new[rel]

    rng = random.Random(8)
    moments: list[tuple[str, int]] = [("staged", count // 2), *(("moved", rng.randrange(50, count - 200)) for _ in range(4))]
    outcomes = []
    for kind, n in moments:
        writer.write_output(docs, old)  # back to the old pages
        process = subprocess.Popen([sys.executable, "-c", script, str(SCRIPTS), str(docs)])
        condition = staged_at_least if kind == "staged" else moved
        while process.poll() is None and not condition(n):
            time.sleep(0.0002)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        now = snapshot(docs)
        assert now["about.md"] == HAND_WRITTEN["about.md"]
        for rel in old:
            assert now[rel] in (old[rel], new[rel]), f"{rel} is neither old nor new"
        fresh = sum(now[rel] == new[rel] for rel in new)
        killed = "killed" if process.returncode == -signal.SIGKILL else "finished"
        outcomes.append(f"{killed} after {n} {kind}: {fresh} of {count} pages new")
    writer.write_output(docs, new)
    assert staging_left(docs) == []
    print("kill at random moments:", "; ".join(outcomes))
    assert any(o.startswith("killed") and f": 0 of {count}" not in o and f": {count} of" not in o for o in outcomes), outcomes

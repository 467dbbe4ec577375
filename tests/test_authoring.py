"""Contributors' path: a new question in a minute, docs that match the schema, publishing files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, ROOT, SCRIPTS
from studyguide import gitdates, schemadoc
from studyguide.errors import GuideError
from studyguide.loader import load_guide
from studyguide.schema import QuestionValidator


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPTS / "build_pages.py"), *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def qdir(tmp_path: Path) -> Path:
    target = tmp_path / "questions"
    shutil.copytree(FIXTURES / "mini", target)
    shutil.copy(ROOT / "questions" / "_schema.json", target)
    return target


def test_new_writes_a_valid_commented_question(qdir: Path) -> None:
    result = run("new", "What is dropout?", "--topic", "basics", "--questions", str(qdir))
    assert result.returncode == 0, result.stderr
    path = qdir / "what-is-dropout.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=_schema.json\n")
    data = yaml.safe_load(text)
    schema_fields = set(schemadoc.load_schema()["properties"])
    assert set(data) == schema_fields, "every field present"
    for field in schema_fields:
        assert f"\n{field}:" in text
        before = text.split(f"\n{field}:")[0].rstrip().splitlines()[-1]
        assert before.startswith("#"), f"{field} has a comment above it"
    assert data["id"] == "what-is-dropout" and data["title"] == "What is dropout?"
    # Valid YAML that passes the schema as written...
    assert list(QuestionValidator(schemadoc.load_schema()).errors(data)) == []
    # ...but not a question yet: check names every placeholder, on its line.
    with pytest.raises(GuideError) as caught:
        load_guide(qdir)
    todo_lines = [n for n, line in enumerate(text.splitlines(), 1) if "TODO" in line and not line.lstrip().startswith("#")]
    assert [(p.path, p.line) for p in caught.value.problems] == [(path, n) for n in todo_lines]
    assert all(p.message.endswith("replace the TODO text") for p in caught.value.problems)
    filled = text.replace("TODO: one or two sentences.", "Dropping units at random while training.")
    filled = filled.replace("TODO: the idea", "The idea").replace("- TODO", "- Scale the activations at inference.")
    filled = filled.replace("question: TODO", "question: Why scale at inference?")
    filled = filled.replace("      TODO", "      So the expected activation matches training.")
    path.write_text(filled, encoding="utf-8")
    assert load_guide(qdir).question("what-is-dropout").topics == ("basics",)


def test_new_refuses_to_overwrite(qdir: Path) -> None:
    before = (qdir / "overfitting.yml").read_text()
    result = run("new", "Overfitting", "--topic", "basics", "--questions", str(qdir))
    assert result.returncode == 1
    assert "already exists" in result.stderr and "Traceback" not in result.stderr
    assert (qdir / "overfitting.yml").read_text() == before


def test_new_rejects_unknown_topic_with_suggestion(qdir: Path) -> None:
    result = run("new", "What is X?", "--topic", "basic", "--questions", str(qdir))
    assert result.returncode == 1
    assert 'unknown topic "basic" (did you mean "basics"?)' in result.stderr
    assert not (qdir / "what-is-x.yml").exists()


def test_contributing_field_reference_matches_the_schema() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert schemadoc.current_block(text) == schemadoc.expected_block(schemadoc.load_schema()), (
        "CONTRIBUTING.md's field table is out of date: run `python scripts/build_pages.py fields`"
    )
    for field in schemadoc.load_schema()["properties"]:
        assert f"| `{field}` |" in text


def test_contributing_page_includes_the_guide() -> None:
    page = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert '--8<-- "CONTRIBUTING.md"' in page


def test_pages_workflow_tests_builds_and_deploys_with_the_readme_commands() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    commands = [step.get("run", "") for step in steps]
    assert "make test" in commands and "make site" in commands
    assert commands.index("make test") < commands.index("make site")
    assert "make test" in readme and "make site" in readme
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    assert workflow["permissions"]["pages"] == "write"


def test_pre_commit_runs_the_validator_on_question_files() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert "scripts/build_pages.py --check" in hook["entry"]
    assert hook["files"].startswith("^questions/")


def test_makefile_offers_check_and_deploy() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ncheck:" in makefile and "build_pages.py --check" in makefile and "--strict" in makefile
    assert "\ndeploy:" in makefile and "gh-deploy" in makefile


def test_last_changed_dates_without_git_are_empty_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("x: 1\n")
    assert gitdates.last_changed(tmp_path) == {}


def test_last_changed_dates_come_from_git(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    env = {"GIT_AUTHOR_DATE": "2024-03-05T10:00:00", "GIT_COMMITTER_DATE": "2024-03-05T10:00:00"}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "q.yml").write_text("x: 1\n")
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "x"],
        cwd=tmp_path,
        check=True,
        env={**env, "PATH": "/usr/bin:/bin"},
    )
    assert gitdates.last_changed(tmp_path) == {"q.yml": "2024-03-05"}


@pytest.mark.slow
def test_built_site_has_sitemap_and_themed_404(built_site: Path) -> None:
    # Edit links need the repository's address: tests/test_publishing.py builds with one.
    assert (built_site / "sitemap.xml").is_file()
    not_found = (built_site / "404.html").read_text(encoding="utf-8")
    assert "md-header" in not_found and "404" in not_found
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "questions</strong> in <strong>" in home

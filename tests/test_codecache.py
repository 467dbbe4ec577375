"""Compiled templates and schema code kept beside the generator: reused, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import jinja2
import jsonschema
import pytest
from studyguide import codecache
from studyguide.schema import QuestionValidator


@pytest.fixture
def code_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "__pycache__"
    monkeypatch.setattr(codecache, "CODE_DIR", folder)
    return folder


def test_compiled_code_is_made_once_and_reused(code_dir: Path) -> None:
    made: list[str] = []

    def source() -> str:
        made.append("x")
        return "answer = 42\n"

    for _ in range(3):
        namespace: dict[str, object] = {}
        exec(codecache.compiled("demo", "key-1", source), namespace)
        assert namespace["answer"] == 42
    assert made == ["x"]
    assert len(list(code_dir.glob("demo-*.bin"))) == 1
    codecache.compiled("demo", "key-2", source)  # another key: compiled again
    assert made == ["x", "x"]


def test_a_damaged_file_is_compiled_again(code_dir: Path) -> None:
    codecache.compiled("demo", "k", lambda: "a = 1\n")
    (stored,) = code_dir.glob("demo-*.bin")
    for damage in (b"", b"garbage", stored.read_bytes()[:-7]):
        stored.write_bytes(damage)
        namespace: dict[str, object] = {}
        exec(codecache.compiled("demo", "k", lambda: "a = 2\n"), namespace)
        assert namespace["a"] == 2


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setattr(codecache, "CODE_DIR", blocked / "__pycache__")
    namespace: dict[str, object] = {}
    exec(codecache.compiled("demo", "k", lambda: "a = 3\n"), namespace)
    assert namespace["a"] == 3

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.j2").write_text("Hello {{ name }}")
    (templates / "__pycache__").write_text("a file where the cache folder would go")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=codecache.TemplateCodeCache(templates))
    assert env.get_template("t.j2").render(name="you") == "Hello you"


def test_templates_are_compiled_once_and_follow_their_source(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.j2").write_text("one {{ x }}")

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=codecache.TemplateCodeCache(templates))
        return env.get_template("t.j2").render(x=1)

    assert render() == "one 1"
    assert len(list((templates / "__pycache__").iterdir())) == 1
    (templates / "t.j2").write_text("two {{ x }}")
    assert render() == "two 1"
    (entry,) = (templates / "__pycache__").iterdir()
    entry.write_bytes(entry.read_bytes()[:20])  # cut short
    assert render() == "two 1"


def test_schema_code_is_kept_and_a_bad_schema_is_still_refused(code_dir: Path) -> None:
    schema = {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}
    for _ in range(2):
        validator = QuestionValidator(schema)
        assert validator.errors({"id": "a"}) == []
        assert [e.message for e in validator.errors({"id": 3})] == ["3 is not of type 'string'"]
    assert len(list(code_dir.glob("schema-*.bin"))) == 1
    with pytest.raises(jsonschema.SchemaError):
        QuestionValidator({"type": "no-such-type"})
    with pytest.raises(jsonschema.SchemaError):
        QuestionValidator({"type": "no-such-type"})  # refused again: nothing was kept for it
    assert len(list(code_dir.glob("schema-*.bin"))) == 1

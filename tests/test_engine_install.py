"""`python -m studyguide.engineinstall`: the pinned search engine, installed with npm and linked beside Python.

npm itself is replaced by a small script here (the real one is exercised by every `make`):
what is checked is what a user sees, the link the generator then uses and the message when npm
is missing or fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from studyguide import engineinstall, searchindex

FAKE_NPM = """#!/bin/sh
# the prefix is the argument after --prefix; lay out the package as npm ci would
while [ "$1" != "--prefix" ]; do shift; done
mkdir -p "$2/node_modules/@pagefind/some-platform/bin"
printf '#!/bin/sh\\necho pagefind\\n' > "$2/node_modules/@pagefind/some-platform/bin/{engine}"
chmod +x "$2/node_modules/@pagefind/some-platform/bin/{engine}"
"""
FAILING_NPM = """#!/bin/sh
echo "npm error code ETIMEDOUT" >&2
exit 1
"""


def _path_with_npm(tmp_path: Path, script: str | None) -> str:
    """A PATH whose npm is `script` (ahead of the system's tools), or one with no npm at all."""
    tools = tmp_path / "tools"
    tools.mkdir()
    if script is not None:
        npm = tools / "npm"
        npm.write_text(script.replace("{engine}", searchindex.ENGINE), encoding="utf-8")
        npm.chmod(0o755)
        return os.pathsep.join([str(tools), "/usr/bin", "/bin"])
    return str(tools)


@pytest.fixture
def env_dirs(tmp_path: Path) -> tuple[Path, Path]:
    prefix, scripts = tmp_path / "env", tmp_path / "env" / "bin"
    scripts.mkdir(parents=True)
    return prefix, scripts


pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in npm is a shell script")


def test_installs_the_pinned_release_and_links_it_where_the_build_looks(
    tmp_path: Path, env_dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix, scripts = env_dirs
    monkeypatch.setenv("PATH", _path_with_npm(tmp_path, FAKE_NPM))
    (scripts / searchindex.ENGINE).symlink_to(tmp_path / "gone")  # a stale link from an earlier install
    said = engineinstall.install(prefix, scripts)
    link = scripts / searchindex.ENGINE
    assert link.resolve() == (prefix / "npm/node_modules/@pagefind/some-platform/bin" / searchindex.ENGINE).resolve()
    assert str(link) in said
    for name in engineinstall.PIN_FILES:  # npm ci installs exactly the pinned lock
        assert (prefix / "npm" / name).read_bytes() == (engineinstall.PIN / name).read_bytes()
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setattr(searchindex.sysconfig, "get_path", lambda name: str(scripts))
    assert searchindex.engine_environment()["PAGEFIND_BINARY_PATH"] == str(link)


def test_an_explicit_binary_wins_over_the_installed_one(
    tmp_path: Path, env_dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix, scripts = env_dirs
    monkeypatch.setenv("PATH", _path_with_npm(tmp_path, FAKE_NPM))
    engineinstall.install(prefix, scripts)
    monkeypatch.setattr(searchindex.sysconfig, "get_path", lambda name: str(scripts))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/my/pagefind")
    assert searchindex.engine_environment()["PAGEFIND_BINARY_PATH"] == "/opt/my/pagefind"


def test_without_npm_it_says_the_wheel_does_the_job_and_leaves_no_link(
    tmp_path: Path, env_dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix, scripts = env_dirs
    monkeypatch.setenv("PATH", _path_with_npm(tmp_path, None))
    (scripts / searchindex.ENGINE).symlink_to(tmp_path / "gone")
    said = engineinstall.install(prefix, scripts)
    assert said.startswith("npm not found") and "PyPI" in said
    assert not (scripts / searchindex.ENGINE).is_symlink()
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setattr(searchindex.sysconfig, "get_path", lambda name: str(scripts))
    assert "PAGEFIND_BINARY_PATH" not in searchindex.engine_environment()


def test_a_failing_npm_stops_make_with_npms_own_words_and_no_traceback(
    tmp_path: Path, env_dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix, scripts = env_dirs
    monkeypatch.setenv("PATH", _path_with_npm(tmp_path, FAILING_NPM))
    monkeypatch.setattr(engineinstall.sys, "prefix", str(prefix))
    monkeypatch.setattr(engineinstall.sysconfig, "get_path", lambda name: str(scripts))
    assert engineinstall.main([]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "npm ci failed installing the search engine: npm error code ETIMEDOUT"
    assert not (scripts / searchindex.ENGINE).exists()

"""`python -m studyguide.engineinstall`: the pinned search engine, installed with npm and linked beside Python.

npm itself is replaced by a small script here (the real one runs in every `make`, and
`test_pagefind_stable` checks under CI that builds use its release): what is checked is what a
user sees, the link the build then uses, make's stamp, and the message when npm is missing or fails.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from studyguide import engineinstall, searchindex

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the stand-in npm is a shell script")

FAKE_NPM = """#!/bin/sh
# the prefix is the argument after --prefix; lay out the package as npm ci would
while [ "$1" != "--prefix" ]; do shift; done
mkdir -p "$2/node_modules/@pagefind/some-platform/bin"
printf '#!/bin/sh\\necho pagefind\\n' > "$2/node_modules/@pagefind/some-platform/bin/{engine}"
chmod +x "$2/node_modules/@pagefind/some-platform/bin/{engine}"
"""
# What npm prints when the registry cannot be reached: its error lines, then Node's stack.
OFFLINE_NPM = """#!/bin/sh
echo "npm error code ECONNREFUSED" >&2
echo "npm error errno ECONNREFUSED" >&2
echo "npm error FetchError: request to http://127.0.0.1:9/pagefind failed" >&2
echo "    at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)" >&2
echo "npm error A complete log of this run can be found in: /root/.npm/_logs/debug-0.log" >&2
exit 1
"""
# npm 9 and older (Debian's): `npm ERR!`, the log path on a line of its own.
OFFLINE_NPM_9 = """#!/bin/sh
echo "npm ERR! code ECONNREFUSED" >&2
echo "npm ERR! syscall connect" >&2
echo "npm ERR! " >&2
echo "npm ERR! A complete log of this run can be found in:" >&2
echo "npm ERR!     /root/.npm/_logs/2026-12-02T11_20_00_000Z-debug-0.log" >&2
exit 1
"""
NO_BINARY_NPM = """#!/bin/sh
exit 0
"""


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An environment (prefix, bin folder) that the build and the installer both see as this one."""
    prefix, scripts = tmp_path / "env", tmp_path / "env" / "bin"
    scripts.mkdir(parents=True)
    monkeypatch.setattr(engineinstall.sys, "prefix", str(prefix))
    monkeypatch.setattr(engineinstall.sysconfig, "get_path", lambda name: str(scripts))
    monkeypatch.setattr(searchindex.sysconfig, "get_path", lambda name: str(scripts))
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    return prefix, scripts


def use_npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str | None) -> None:
    """PATH with `script` as npm, ahead of the system's tools; None: a PATH with no npm at all."""
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    npm = tools / "npm"
    npm.unlink(missing_ok=True)
    if script is None:
        monkeypatch.setenv("PATH", str(tools))
        return
    npm.write_text(script.replace("{engine}", searchindex.ENGINE), encoding="utf-8")
    npm.chmod(0o755)
    monkeypatch.setenv("PATH", os.pathsep.join([str(tools), "/usr/bin", "/bin"]))


def install_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An engine installed as a first `make` would, before what the test changes."""
    use_npm(tmp_path, monkeypatch, FAKE_NPM)
    assert engineinstall.main([]) == 0


def test_installs_the_pinned_release_links_it_where_the_build_looks_and_stamps(
    tmp_path: Path, env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix, scripts = env
    use_npm(tmp_path, monkeypatch, FAKE_NPM)
    (scripts / searchindex.ENGINE).symlink_to(tmp_path / "gone")  # a stale link from an earlier install
    stamp = tmp_path / ".engine-1"
    assert engineinstall.main(["--done", str(stamp)]) == 0
    link = scripts / searchindex.ENGINE
    assert link.resolve() == (prefix / "npm/node_modules/@pagefind/some-platform/bin" / searchindex.ENGINE).resolve()
    assert str(link) in capsys.readouterr().out
    assert stamp.is_file()
    for name in engineinstall.PIN_FILES:  # npm ci installs exactly the pinned lock
        assert (prefix / "npm" / name).read_bytes() == (engineinstall.PIN / name).read_bytes()
    assert not (prefix / "npm.new").exists()
    assert searchindex.engine_environment()["PAGEFIND_BINARY_PATH"] == str(link)


def test_an_explicit_binary_wins_over_the_installed_one(
    tmp_path: Path, env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    install_once(tmp_path, monkeypatch)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/my/pagefind")
    assert searchindex.engine_environment()["PAGEFIND_BINARY_PATH"] == "/opt/my/pagefind"


def test_without_npm_it_says_so_each_time_and_installs_once_npm_is_there(
    tmp_path: Path, env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, scripts = env
    use_npm(tmp_path, monkeypatch, None)
    stamp = tmp_path / ".engine-1"
    assert engineinstall.main(["--done", str(stamp)]) == 0  # make goes on
    said = capsys.readouterr().out
    assert said.startswith("npm not found") and "PyPI" in said and engineinstall.RUN_AGAIN in said
    assert not stamp.exists()  # so the next make asks again
    assert "PAGEFIND_BINARY_PATH" not in searchindex.engine_environment()  # the wheel's
    use_npm(tmp_path, monkeypatch, FAKE_NPM)
    assert engineinstall.main(["--done", str(stamp)]) == 0
    assert stamp.exists() and (scripts / searchindex.ENGINE).is_file()
    use_npm(tmp_path, monkeypatch, None)  # npm gone again (another shell): the engine stays, and it says which
    capsys.readouterr()
    assert engineinstall.main([]) == 0
    assert capsys.readouterr().out.startswith("npm not found: the search engine installed before stays")
    assert (scripts / searchindex.ENGINE).is_file()


def test_npm_failing_keeps_the_engine_installed_before_and_says_why_in_one_line(
    tmp_path: Path, env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix, scripts = env
    install_once(tmp_path, monkeypatch)
    before = os.readlink(scripts / searchindex.ENGINE)
    capsys.readouterr()
    use_npm(tmp_path, monkeypatch, OFFLINE_NPM)
    stamp = tmp_path / ".engine-2"
    assert engineinstall.main(["--done", str(stamp)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(
        "npm ci failed installing the search engine: npm error code ECONNREFUSED; npm error errno ECONNREFUSED; "
        "npm error FetchError: request to http://127.0.0.1:9/pagefind failed (is the npm registry reachable?"
    )
    assert "ClientRequest" not in err and "\n" not in err and "Traceback" not in err
    assert not stamp.exists()
    assert os.readlink(scripts / searchindex.ENGINE) == before and (scripts / searchindex.ENGINE).is_file()
    assert not (prefix / "npm.new").exists()


def test_npm_9s_error_lines_are_read_too(
    tmp_path: Path, env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_npm(tmp_path, monkeypatch, OFFLINE_NPM_9)
    assert engineinstall.main([]) == 1
    err = capsys.readouterr().err
    assert "npm ERR! code ECONNREFUSED; npm ERR! syscall connect (is the npm registry reachable?" in err
    assert "_logs" not in err


def test_a_link_left_pointing_nowhere_is_removed_when_npm_cannot_replace_it(
    tmp_path: Path, env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """.venv/npm removed by hand, no npm to install it again: the wheel indexes, as the message says."""
    prefix, scripts = env
    install_once(tmp_path, monkeypatch)
    shutil.rmtree(prefix / "npm")  # removed by hand
    use_npm(tmp_path, monkeypatch, None)
    capsys.readouterr()
    assert engineinstall.main([]) == 0
    assert "PyPI" in capsys.readouterr().out
    assert not (scripts / searchindex.ENGINE).is_symlink()
    assert "PAGEFIND_BINARY_PATH" not in searchindex.engine_environment()


def test_a_platform_without_a_binary_falls_back_to_the_wheel_and_says_so(
    tmp_path: Path, env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_npm(tmp_path, monkeypatch, NO_BINARY_NPM)
    stamp = tmp_path / ".engine-1"
    assert engineinstall.main(["--done", str(stamp)]) == 0
    assert "no binary for this platform" in capsys.readouterr().out
    assert not stamp.exists()
    assert "PAGEFIND_BINARY_PATH" not in searchindex.engine_environment()


def test_an_engine_whose_files_were_removed_stops_the_build_and_keeps_the_last_index(
    tmp_path: Path, env: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    prefix, _ = env
    install_once(tmp_path, monkeypatch)
    shutil.rmtree(prefix / "npm")  # someone cleaned .venv/npm by hand
    site = tmp_path / "site"
    (site / searchindex.OUTPUT).mkdir(parents=True)
    (site / searchindex.OUTPUT / "pagefind.js").write_text("last index", encoding="utf-8")
    with pytest.raises(searchindex.SearchIndexError) as caught:
        searchindex.build_index(site)
    assert "points to a missing file: run `make`, or `" in str(caught.value)
    assert " -m studyguide.engineinstall`, to install it again" in str(caught.value)
    assert (site / searchindex.OUTPUT / "pagefind.js").read_text(encoding="utf-8") == "last index"

"""`studyguide init DIR --title "…"`: a complete new guide that builds as written.

Writes mkdocs.yml (the studyguide plugin on), questions/ (topics, glossary, the schemas for
editors, one example question that passes `check`), a hand-editable home page, a README
with the guide's commands, a Makefile, a .gitignore, requirements.txt pinning this
generator, and a GitHub Pages workflow. Refuses a folder that is not empty.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from importlib import metadata
from pathlib import Path

import jinja2

from . import assets
from .loader import PACKAGED_SCHEMAS, SCHEMA_COPIES

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
DEFAULT_DESCRIPTION = "Questions with short answers, full explanations, flashcards and a printable cheat sheet."
# Where a scaffold file lands in the new guide, when not at its own name without `.j2`.
RENAMED = {"gitignore": ".gitignore", "pages.yml": ".github/workflows/pages.yml"}


def generator_requirement() -> str:
    """A requirements line for the generator as it is installed here (PEP 610's direct_url.json):
    the same git commit or folder, else the same released version."""
    try:
        distribution = metadata.distribution("studyguide")
    except metadata.PackageNotFoundError:
        return "studyguide"
    origin = json.loads(distribution.read_text("direct_url.json") or "{}")
    url, vcs = origin.get("url", ""), origin.get("vcs_info", {})
    if vcs.get("vcs") == "git" and url:
        return f"studyguide @ git+{url}@{vcs.get('commit_id', '')}".rstrip("@")
    if url.startswith("file://") and not origin.get("dir_info", {}).get("editable"):
        return f"studyguide @ {url}"
    if url.startswith("file://"):
        return f"studyguide @ {url}"  # an editable checkout: the guide follows it
    return f"studyguide=={distribution.version}"


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string, colons and all


def scaffold_files(title: str, description: str) -> dict[str, bytes]:
    """Every file of a new guide, keyed by its path inside the guide's folder."""
    env = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["yaml"] = _yaml_string
    context = {
        "title": title,
        "description": description,
        "copyright": f"{title}: content under CC BY-SA 4.0",
        "stylesheets": assets.listed_stylesheet_urls(),
        "scripts": assets.script_urls(),
        "requirement": generator_requirement(),
    }
    files: dict[str, bytes] = {}
    for path in sorted(SCAFFOLD.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(SCAFFOLD).as_posix()
        if rel.endswith(".j2"):
            data = env.from_string(path.read_text(encoding="utf-8")).render(context).encode("utf-8")
            rel = rel[: -len(".j2")]
        else:
            data = path.read_bytes()
        files[RENAMED.get(rel, rel)] = data
    for copy, packaged in SCHEMA_COPIES.items():
        files[f"questions/{copy}"] = (PACKAGED_SCHEMAS / packaged).read_bytes()
    return files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="studyguide init", description="Start a new study guide in DIR.")
    parser.add_argument("dir", type=Path, help="folder for the new guide (created; must be empty if it exists)")
    parser.add_argument("--title", required=True, help='the guide\'s name, e.g. "Distributed Systems Study Guide"')
    parser.add_argument("--description", default=DEFAULT_DESCRIPTION, help="one sentence under the title")
    args = parser.parse_args(argv)
    title = " ".join(args.title.split())
    if not title:
        parser.error("--title is empty")
    target: Path = args.dir
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(f"{target}: not an empty folder; choose a new one (init never overwrites files)", file=sys.stderr)
        return 1
    files = scaffold_files(title, " ".join(args.description.split()))
    try:
        for rel, data in files.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except OSError as err:
        shutil.rmtree(target, ignore_errors=True)
        print(f"{target}: could not write the guide: {err.strerror or err}", file=sys.stderr)
        return 1
    for rel in files:
        print(f"  wrote {target / rel}")
    print(
        f"\nNext:\n  cd {target}\n  make site     # or: mkdocs build --strict\n  make serve    # preview at http://127.0.0.1:8000"
    )
    return 0

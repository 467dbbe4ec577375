"""Load and validate a folder of question files into a `Guide`, or report every problem.

This is the only place that reads `questions/`. Checks run in two stages: each file on
its own (encoding, YAML, schema, id = file name), then the whole set (unknown topics,
related ids, duplicate titles, inline links, glossary references).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jsonschema

from . import buildcache, latexcheck, links
from .buildcache import BuildCache
from .errors import GuideError, Problem
from .model import DIFFICULTIES, GlossaryEntry, Guide, Question, Reference, Topic
from .schema import QuestionValidator
from .text import suggest
from .yamlread import MAX_DEPTH, YamlDocument, read_yaml

SCHEMA_FILE = "_schema.json"
TOPICS_FILE = "_topics.yml"
GLOSSARY_FILE = "_glossary.yml"


@dataclass(frozen=True)
class Limits:
    """Resource limits that keep one hostile or mistaken file from sinking a build."""

    max_file_bytes: int = 1_000_000
    max_questions: int = 20_000
    max_depth: int = MAX_DEPTH


def load_guide(questions_dir: Path, limits: Limits = Limits(), cache: BuildCache | None = None) -> Guide:
    """Read every file of `questions_dir` and return the validated guide.

    Raises `GuideError` carrying every problem found in the whole folder. With `cache`, a
    question file whose bytes (and the schema and limits) are unchanged since an earlier
    build is not parsed and validated again: its `Question` is reused. Checks that span
    files always run.
    """
    cache = cache if cache is not None else BuildCache()
    problems: list[Problem] = []
    if not questions_dir.is_dir():
        raise GuideError([Problem(questions_dir, 1, "questions folder not found: pass --questions DIR")])

    loaded = _load_schema(questions_dir)
    if isinstance(loaded, Problem):
        raise GuideError([loaded])
    schema, validator = loaded

    named_topics: set[str] = set()
    topics = _load_topics(questions_dir / TOPICS_FILE, limits, problems, named_topics)
    question_files = _question_files(questions_dir, problems)
    if len(question_files) > limits.max_questions:
        problems.append(
            Problem(
                questions_dir,
                1,
                f"{len(question_files)} question files, more than the limit of {limits.max_questions}: "
                "raise it with --max-questions",
            )
        )
        raise GuideError(problems)

    # Everything besides a file's own bytes that decides what loading it gives.
    salt = buildcache.key(json.dumps(schema, sort_keys=True), repr(limits.max_depth))
    questions: list[Question] = []
    for path in question_files:
        question = _load_question(path, validator, limits, problems, cache, salt)
        if question is not None:
            questions.append(question)

    # Ids of files that exist but failed validation still count as known: one broken file
    # should produce its own errors, not a cascade of "unknown question" everywhere else.
    known_ids = {q.id for q in questions} | {p.name[: -len(".yml")] for p in question_files}
    glossary = _load_glossary(questions_dir / GLOSSARY_FILE, limits, problems, known_ids)
    topic_order = {t.id: t.order for t in topics}
    questions.sort(
        key=lambda q: (topic_order.get(q.primary_topic, 10**9), DIFFICULTIES.index(q.difficulty), q.title.lower(), q.id)
    )
    guide = Guide(tuple(questions), tuple(sorted(topics, key=lambda t: (t.order, t.id))), tuple(glossary), questions_dir)

    problems.extend(_check_guide(guide, known_ids, named_topics))
    if problems:
        raise GuideError(problems)
    return guide


def _load_schema(questions_dir: Path) -> tuple[dict[str, Any], QuestionValidator] | Problem:
    local = questions_dir / SCHEMA_FILE
    path = local if local.is_file() else Path(__file__).resolve().parents[2] / "questions" / SCHEMA_FILE
    # The schema arrives through pull requests like the questions: a broken one is a problem to report.
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
        validator = QuestionValidator(schema)
    except json.JSONDecodeError as err:
        return Problem(path, err.lineno, f"not valid JSON: {err.msg}")
    except (OSError, UnicodeDecodeError) as err:
        return Problem(path, 1, f"cannot read the schema: {getattr(err, 'strerror', None) or err}")
    except jsonschema.SchemaError as err:
        return Problem(path, 1, f"not a valid JSON Schema: {err.message}")
    return schema, validator


def _question_files(questions_dir: Path, problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    root = questions_dir.resolve()
    # scandir: the file type comes with the listing, not from a stat() per file.
    with os.scandir(questions_dir) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for item in entries:
        name = item.name
        if name.startswith("_") or name.startswith("."):
            continue
        entry = questions_dir / name
        if name.endswith(".yaml"):
            problems.append(Problem(entry, 1, f'question files end in .yml: rename to "{name[:-5]}.yml"'))
            continue
        if not name.endswith(".yml"):
            continue
        if item.is_symlink():
            link_problem = _link_problem(entry, root)
            if link_problem:
                problems.append(Problem(entry, 1, link_problem))
                continue
        if item.is_dir():
            problems.append(Problem(entry, 1, "is a folder, not a question file: rename or remove it"))
            continue
        if not item.is_file():
            problems.append(Problem(entry, 1, "not a regular file"))
            continue
        files.append(entry)
    return files


def _link_problem(path: Path, root: Path | None = None) -> str | None:
    """Why a symbolic link is refused, or None: links must stay inside `root` (default: the file's folder)."""
    if not path.is_symlink():
        return None
    root = root or path.parent.resolve()
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a link loop, before Python 3.13
        return "symbolic link that leads nowhere (missing target or a loop): remove it"
    if not target.is_relative_to(root):
        return "symbolic link pointing outside the questions folder: refused (copy the file in instead)"
    return None


def _read_text(path: Path, limits: Limits, problems: list[Problem], *, vetted: bool = False) -> str | None:
    """The file's text, or None with the problem recorded. `vetted`: its symbolic link was checked when listed."""
    link_problem = None if vetted else _link_problem(path)
    if link_problem:
        problems.append(Problem(path, 1, link_problem))
        return None
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_file_bytes:
                problems.append(
                    Problem(path, 1, f"file is {size:,} bytes, more than the limit of {limits.max_file_bytes:,}: shorten it")
                )
                return None
            # Read no more than the limit allows, even if the file grows after fstat().
            raw = handle.read(limits.max_file_bytes + 1)
        if len(raw) > limits.max_file_bytes:
            problems.append(Problem(path, 1, f"file is more than the limit of {limits.max_file_bytes:,} bytes: shorten it"))
            return None
    except OSError as err:
        problems.append(Problem(path, 1, f"cannot read the file: {err.strerror or err}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(path, line, f"not UTF-8 (byte 0x{raw[err.start]:02x}): save the file as UTF-8"))
        return None
    text = text.removeprefix("\ufeff")  # editors on Windows add a byte-order mark; harmless
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        problems.append(Problem(path, 1, "file is empty: write the question's fields or delete the file"))
        return None
    return text


def _read_mapping_doc(path: Path, limits: Limits, problems: list[Problem], expect: type) -> YamlDocument | None:
    text = _read_text(path, limits, problems)
    if text is None:
        return None
    return _parse_mapping_doc(path, text, limits, problems, expect)


def _parse_mapping_doc(path: Path, text: str, limits: Limits, problems: list[Problem], expect: type) -> YamlDocument | None:
    document, found = read_yaml(text, path, limits.max_depth)
    problems.extend(found)
    if document is None:
        return None
    if not isinstance(document.data, expect):
        kind = "a mapping of fields (key: value)" if expect is dict else "a list"
        problems.append(Problem(path, document.line_of(()), f"the top level must be {kind}, found {_type_name(document.data)}"))
        return None
    return document


def _load_question(
    path: Path, validator: QuestionValidator, limits: Limits, problems: list[Problem], cache: BuildCache, salt: str
) -> Question | None:
    text = _read_text(path, limits, problems, vetted=True)
    if text is None:
        return None
    # The content's fingerprint leaves the folder out (a moved checkout makes the same
    # downloads); the cached model records its path, so the lookup includes it.
    fingerprint = buildcache.key(path.name, text, salt)
    digest = buildcache.key(str(path), fingerprint)
    question = cache.lookup("question", digest)
    if question is None:
        question = _parse_question(path, text, validator, limits, problems, fingerprint)
        if question is not None:  # files with problems are read again, to report them again
            cache.store("question", digest, question)
    return question


def _parse_question(
    path: Path, text: str, validator: QuestionValidator, limits: Limits, problems: list[Problem], fingerprint: str
) -> Question | None:
    document = _parse_mapping_doc(path, text, limits, problems, dict)
    if document is None:
        return None
    data: dict[str, Any] = document.data
    before = len(problems)
    for error in validator.errors(data):
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            # One problem per unknown key, on that key's own line.
            known = list(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(known)):
                label = ".".join(str(p) for p in (*where, extra))
                message = f'unknown field "{label}"{suggest(extra, known)}'
                problems.append(Problem(path, document.line_of((*where, extra)), message))
            continue
        problems.append(Problem(path, document.line_of(where), _schema_message(error)))
    expected_id = path.name[: -len(".yml")]
    if isinstance(data.get("id"), str) and data["id"] != expected_id:
        problems.append(
            Problem(
                path,
                document.line_of(("id",)),
                f'id "{data["id"]}" does not match the file name: use "{expected_id}" or rename the file',
            )
        )
    problems.extend(_snippet_markers(path, data, document))
    problems.extend(_formula_problems(path, data, document))
    if len(problems) > before:
        return None
    question = Question(
        id=data["id"],
        # One line: a line break would end the page's heading early (YAML `|` keeps it).
        title=" ".join(data["title"].split()),
        topics=tuple(data["topics"]),
        difficulty=data["difficulty"],
        summary=data["summary"].strip(),
        answer=data["answer"].strip("\n"),
        key_points=tuple(p.strip() for p in data.get("key_points", [])),
        related=tuple(data.get("related", [])),
        tags=tuple(data.get("tags", [])),
        follow_ups=tuple(f.strip() for f in data.get("follow_ups", [])),
        references=tuple(Reference(r["title"].strip(), r["url"]) for r in data.get("references", [])),
        source=path,
        lines={str(k[0]): v for k, v in document.lines.items() if len(k) == 1} | _item_lines(document),
        answer_line=document.text_lines.get(("answer",), document.line_of(("answer",))),
    )
    return replace(question, inline_links=links.find_inline_links(question), fingerprint=fingerprint)


# pymdownx.snippets (enabled in mkdocs.yml) pastes the named file into the page: from a
# question file that would publish any file of the repository, or break the whole build
# (check_paths) when the file is missing. `;--8<--` is its escape for showing the marker.
_SNIPPET = re.compile(r"^[ \t]*-+8<-+", re.MULTILINE)
_TEXT_FIELDS = ("summary", "answer", "key_points", "follow_ups")


def _text_items(data: dict[str, Any], document: YamlDocument) -> Iterator[tuple[str, int, str]]:
    """(field name, first line, text) of every Markdown text of a question."""
    for name in _TEXT_FIELDS:
        value = data.get(name)
        items = [((name,), value)] if isinstance(value, str) else []
        if isinstance(value, list):
            items = [((name, i), v) for i, v in enumerate(value) if isinstance(v, str)]
        for where, text in items:
            yield name, document.text_lines.get(where, document.line_of(where)), text


def _snippet_markers(path: Path, data: dict[str, Any], document: YamlDocument) -> list[Problem]:
    found: list[Problem] = []
    for name, first_line, text in _text_items(data, document):
        for match in _SNIPPET.finditer(text):
            found.append(
                Problem(
                    path,
                    first_line + text.count("\n", 0, match.start()),
                    f'"{name}" uses the snippet marker "--8<--", which would paste another file into the page: '
                    'write ";--8<--" to show it literally',
                )
            )
    return found


def _formula_problems(path: Path, data: dict[str, Any], document: YamlDocument) -> list[Problem]:
    """Formulas the site and the PDF could not typeset (see `latexcheck`)."""
    found: list[Problem] = []
    for name, first_line, text in _text_items(data, document):
        if "$" not in text:
            continue
        for offset, latex in latexcheck.formulas(text):
            reason = latexcheck.latex_problem(latex)
            if reason is not None:
                shown = " ".join(latex.split())
                shown = shown if len(shown) <= 60 else shown[:57] + "…"
                found.append(Problem(path, first_line + offset, f'"{name}": the formula ${shown}$ cannot be typeset: {reason}'))
    return found


def _item_lines(document: YamlDocument) -> dict[str, int]:
    """Lines of list items and string starts, keyed "field.index", for later checks."""
    found: dict[str, int] = {}
    for key, line in document.text_lines.items():
        if len(key) == 2 and isinstance(key[1], int):
            found[f"{key[0]}.{key[1]}"] = line
        elif len(key) == 1:
            found[f"{key[0]}.text"] = line
    return found


def _type_name(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing (null)",
    }.get(type(value), type(value).__name__)


_JSON_TYPES = {"array": "a list", "object": "a mapping (key: value)", "integer": "a whole number", "string": "a string"}


def _schema_message(error: jsonschema.ValidationError) -> str:
    """Turn a JSON Schema error into a sentence that says what to change."""
    where = ".".join(str(p) for p in error.absolute_path)
    field = f'"{where}"' if where else "the file"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f'missing required field "{where + "." if where else ""}{missing}"'
    if error.validator == "type":
        expected = _JSON_TYPES.get(str(error.validator_value), f"a {error.validator_value}")
        return f"{field} must be {expected}, found {_type_name(error.instance)}"
    if error.validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return f"{field} is {error.instance!r}, not one of: {options}{suggest(str(error.instance), [str(o) for o in error.validator_value])}"
    if error.validator in ("minLength", "pattern") and isinstance(error.instance, str) and not error.instance.strip():
        return f"{field} is empty: write some text or remove the field"
    if error.validator == "pattern":
        if error.validator_value.startswith("^https?"):
            return f"{field} must be an http(s) URL, found {error.instance!r}"
        from .text import slugify

        return f'{field} "{error.instance}" is not a slug (lowercase words joined by hyphens): e.g. "{slugify(error.instance)}"'
    if error.validator == "minItems":
        return f"{field} must list at least {error.validator_value} item"
    if error.validator == "uniqueItems":
        return f"{field} lists the same item twice: remove the repeat"
    if error.validator == "maxLength":
        return f"{field} is longer than {error.validator_value} characters: shorten it"
    return f"{field}: {error.message}"


def _load_topics(path: Path, limits: Limits, problems: list[Problem], named: set[str]) -> list[Topic]:
    """The valid topics; `named` receives every id the file names, valid entry or not."""
    if not path.is_file():
        problems.append(Problem(path, 1, "topics file missing: create it with a list of {id, title, description, order}"))
        return []
    document = _read_mapping_doc(path, limits, problems, list)
    if document is None:
        return []
    topics: list[Topic] = []
    seen: dict[str, int] = {}
    if not document.data:
        # Every question needs a topic, and the home page opens on the first one.
        problems.append(Problem(path, 1, "no topics defined: list at least one {id, title, description, order}"))
    for index, item in enumerate(document.data):
        line = document.line_of((index,))
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "each topic must be a mapping with id, title, description, order"))
            continue
        wanted = {"id": str, "title": str, "description": str, "order": int}
        bad = False
        if isinstance(item.get("id"), str):
            named.add(item["id"])
        for key, kind in wanted.items():
            if not isinstance(item.get(key), kind) or (kind is str and not item[key].strip()):
                problems.append(
                    Problem(
                        path,
                        document.line_of((index, key)),
                        f'topic field "{key}" missing or not {"a whole number" if kind is int else "text"}',
                    )
                )
                bad = True
        for extra in sorted(set(item) - set(wanted)):
            problems.append(
                Problem(path, document.line_of((index, extra)), f'unknown topic field "{extra}"{suggest(extra, list(wanted))}')
            )
            bad = True
        if bad:
            continue
        if item["id"] in seen:
            problems.append(Problem(path, line, f'duplicate topic id "{item["id"]}" (first on line {seen[item["id"]]})'))
            continue
        seen[item["id"]] = line
        topics.append(Topic(item["id"], item["title"].strip(), item["description"].strip(), item["order"]))
    return topics


def _load_glossary(path: Path, limits: Limits, problems: list[Problem], ids: set[str]) -> list[GlossaryEntry]:
    if not path.is_file():
        return []
    document = _read_mapping_doc(path, limits, problems, list)
    if document is None:
        return []
    entries: list[GlossaryEntry] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(document.data):
        line = document.line_of((index,))
        if not isinstance(item, dict) or not isinstance(item.get("term"), str) or not isinstance(item.get("definition"), str):
            problems.append(Problem(path, line, "each glossary entry needs a term and a definition (strings)"))
            continue
        extras = sorted(set(item) - {"term", "definition", "aliases", "related"})
        for extra in extras:
            problems.append(Problem(path, document.line_of((index, extra)), f'unknown glossary field "{extra}"'))
        aliases = item.get("aliases", [])
        related = item.get("related", [])
        if not (isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)):
            problems.append(Problem(path, document.line_of((index, "aliases")), "aliases must be a list of strings"))
            continue
        if not (isinstance(related, list) and all(isinstance(r, str) for r in related)):
            problems.append(Problem(path, document.line_of((index, "related")), "related must be a list of question ids"))
            continue
        for r_index, other in enumerate(related):
            if other not in ids:
                problems.append(
                    Problem(
                        path, document.line_of((index, "related", r_index)), f'unknown question "{other}"{suggest(other, ids)}'
                    )
                )
        for name in [item["term"], *aliases]:
            key = name.strip().lower()
            if key in seen:
                problems.append(
                    Problem(path, document.line_of((index,)), f'"{name}" is already a term or alias (line {seen[key]})')
                )
            else:
                seen[key] = line
        entries.append(
            GlossaryEntry(
                item["term"].strip(), " ".join(item["definition"].split()), tuple(a.strip() for a in aliases), tuple(related)
            )
        )
    return entries


def _check_guide(guide: Guide, ids: set[str], named_topics: set[str]) -> list[Problem]:
    """Checks that need every file: topics, related ids, titles, inline links."""
    problems: list[Problem] = []
    # Like question ids: a topic whose entry is broken gets its own error, not one per question.
    topic_ids = {t.id for t in guide.topics} | named_topics
    titles: dict[str, Question] = {}
    # File-name order, so "the second file with this title" means what an author expects.
    for q in sorted(guide.questions, key=lambda q: q.source.name):
        for index, topic in enumerate(q.topics):
            if topic_ids and topic not in topic_ids:
                line = q.lines.get(f"topics.{index}", q.lines.get("topics", 1))
                problems.append(
                    Problem(q.source, line, f'unknown topic "{topic}"{suggest(topic, topic_ids)}: define it in {TOPICS_FILE}')
                )
        for index, other in enumerate(q.related):
            line = q.lines.get(f"related.{index}", q.lines.get("related", 1))
            if other == q.id:
                problems.append(Problem(q.source, line, f'"related" lists the question itself ("{other}"): remove it'))
            elif other not in ids:
                problems.append(Problem(q.source, line, f'"related" names unknown question "{other}"{suggest(other, ids)}'))
        key = " ".join(q.title.lower().split())
        if key in titles:
            first = titles[key]
            problems.append(
                Problem(
                    q.source,
                    q.lines.get("title", 1),
                    f"duplicate title, also used by {first.source}: make the question titles distinct",
                )
            )
        else:
            titles[key] = q
    problems.extend(links.check_inline_links(guide, ids))
    return problems


def env_limits() -> Limits:
    """Limits, with overrides from the environment (for CI or huge guides)."""
    return Limits(
        max_file_bytes=int(os.environ.get("STUDYGUIDE_MAX_FILE_BYTES", Limits.max_file_bytes)),
        max_questions=int(os.environ.get("STUDYGUIDE_MAX_QUESTIONS", Limits.max_questions)),
        max_depth=int(os.environ.get("STUDYGUIDE_MAX_DEPTH", Limits.max_depth)),
    )

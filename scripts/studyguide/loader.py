"""Load and validate a folder of question files into a `Guide`, or report every problem.

This is the only place that reads `questions/`. Checks run in two stages: each file on
its own (encoding, YAML, schema, id = file name), then the whole set (unknown topics,
related ids, duplicate titles, inline links, glossary references).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jsonschema

from . import buildcache, figureload, latexcheck, links, mdtext, model
from .buildcache import BuildCache
from .errors import GuideError, Problem
from .htmlpolicy import html_problems
from .model import DIFFICULTIES, Figure, FollowUp, GlossaryEntry, Guide, Question, Reference, Topic
from .schema import QuestionValidator
from .text import SLUG_PATTERN, slugify, suggest, url_problem
from .yamlread import MAX_DEPTH, YamlDocument, read_yaml

PACKAGED_SCHEMAS = Path(__file__).resolve().parent / "schemas"
"""The generator's own schemas; a guide keeps copies in its questions folder for editors."""
SCHEMA_FILE = "_schema.json"
TOPICS_FILE = "_topics.yml"
TOPICS_SCHEMA_FILE = "_topics.schema.json"
GLOSSARY_FILE = "_glossary.yml"
GLOSSARY_SCHEMA_FILE = "_glossary.schema.json"
METADATA_FILES = (TOPICS_FILE, GLOSSARY_FILE)
SCHEMA_COPIES = {
    SCHEMA_FILE: "question.schema.json",
    TOPICS_SCHEMA_FILE: "topics.schema.json",
    GLOSSARY_SCHEMA_FILE: "glossary.schema.json",
    "_figure.schema.json": "figure.schema.json",
}
"""Name of each schema in a guide's questions folder → its name in the generator's `schemas/`."""
"""The `_*.yml` files a guide may hold; any other `_*.yml` is reported (a misspelt name would be ignored)."""


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

    schemas = [_load_schema(questions_dir, name) for name in (SCHEMA_FILE, TOPICS_SCHEMA_FILE, GLOSSARY_SCHEMA_FILE)]
    broken = [loaded for loaded in schemas if isinstance(loaded, Problem)]
    if broken:
        raise GuideError(broken)
    (schema, validator), (_, topics_validator), (_, glossary_validator) = schemas  # type: ignore[misc]

    named_topics: set[str] = set()
    warnings: list[Problem | None] = []
    topics = _load_topics(questions_dir / TOPICS_FILE, topics_validator, limits, problems, named_topics, warnings)
    question_files = _question_files(questions_dir, problems, warnings)
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
    # Figure files are read on every build (a question's cached model does not see them change).
    questions = figureload.attach_figures(questions, questions_dir, limits, problems)

    # Ids of files that exist but failed validation still count as known: one broken file
    # should produce its own errors, not a cascade of "unknown question" everywhere else.
    known_ids = {q.id for q in questions} | {p.name[: -len(".yml")] for p in question_files}
    glossary = _load_glossary(questions_dir / GLOSSARY_FILE, glossary_validator, limits, problems, known_ids, warnings)
    topic_order = {t.id: t.order for t in topics}
    questions.sort(
        key=lambda q: (topic_order.get(q.primary_topic, 10**9), DIFFICULTIES.index(q.difficulty), q.title.lower(), q.id)
    )
    guide = Guide(tuple(questions), tuple(sorted(topics, key=lambda t: (t.order, t.id))), tuple(glossary), questions_dir)

    problems.extend(_check_guide(guide, known_ids, named_topics))
    if problems:
        raise GuideError(problems)
    warnings += [_invisible_warning(q.source, q.lines.get("title", 1), "title", q.title) for q in guide.questions]
    return replace(guide, warnings=tuple(sorted({w for w in warnings if w is not None})))


def _load_schema(questions_dir: Path, name: str) -> tuple[dict[str, Any], QuestionValidator] | Problem:
    """The guide's own copy of schema `name`, else the one shipped with the generator."""
    local = questions_dir / name
    path = local if local.is_file() else PACKAGED_SCHEMAS / SCHEMA_COPIES[name]
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


def _question_files(questions_dir: Path, problems: list[Problem], notes: list[Problem | None]) -> list[Path]:
    files: list[Path] = []
    root = questions_dir.resolve()
    # scandir: the file type comes with the listing, not from a stat() per file.
    with os.scandir(questions_dir) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for item in entries:
        name = item.name
        entry = questions_dir / name
        stem, dot, extension = name.rpartition(".")
        if name.startswith("."):
            continue
        if name.startswith("_"):
            if extension.lower() in ("yml", "yaml") and name not in METADATA_FILES:
                misspelt, problem = _unknown_metadata(entry)
                (problems if misspelt else notes).append(problem)
            continue
        if dot and extension.lower() in ("yml", "yaml") and extension != "yml":
            problems.append(Problem(entry, 1, f'question files end in .yml: rename to "{stem}.yml"'))
            continue
        if extension != "yml" or not dot:
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


def _unknown_metadata(path: Path) -> tuple[bool, Problem]:
    """A `_*.yml` file the guide does not read: (misspelt, the problem): an error for a misspelt name, else a warning."""
    close = difflib.get_close_matches(path.name, METADATA_FILES, n=1, cutoff=0.8)
    if close:
        return True, Problem(path, 1, f'unknown metadata file, so it would not be read: rename it to "{close[0]}"')
    listed = " and ".join(METADATA_FILES)
    return False, Problem(path, 1, f"warning: not read (files starting with _ are notes; the guide reads only {listed})")


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
    problems.extend(_schema_problems(path, document, validator)[0])
    problems.extend(_url_problems(path, data, document))
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
    problems.extend(_html_policy_problems(path, data, document))
    problems.extend(_sheet_problems(path, data, document))
    if "TODO" in text:  # one string search per file; the fields are walked only when it hits
        problems.extend(_todo_problems(path, data, document))
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
        follow_ups=tuple(_follow_up(f) for f in data.get("follow_ups", [])),
        references=tuple(Reference(r["title"].strip(), r["url"]) for r in data.get("references", [])),
        figures=tuple(
            Figure(f["file"], " ".join(f["alt"].split()), " ".join(f.get("caption", "").split())) for f in data.get("figures", [])
        ),
        source=path,
        lines={str(k[0]): v for k, v in document.lines.items() if len(k) == 1}
        | _item_lines(document)
        | {f"figures.{i}.file": document.line_of(("figures", i, "file")) for i in range(len(data.get("figures", [])))},
        answer_line=document.text_lines.get(("answer",), document.line_of(("answer",))),
        cheatsheet=_sheet_content(data.get("cheatsheet") or {}),
    )
    return replace(question, inline_links=links.find_inline_links(question), fingerprint=fingerprint)


def _follow_up(item: str | dict[str, str]) -> FollowUp:
    """A follow-up as written: the question alone (a string) or a mapping with its model answer."""
    if isinstance(item, str):
        return FollowUp(item.strip())
    return FollowUp(item["question"].strip(), item.get("answer", "").strip("\n"))


# pymdownx.snippets (enabled in mkdocs.yml) pastes the named file into the page: from a
# question file that would publish any file of the repository, or break the whole build
# (check_paths) when the file is missing. `;--8<--` is its escape for showing the marker.
_SNIPPET = re.compile(r"^[ \t]*-+8<-+", re.MULTILINE)
_TEXT_FIELDS = ("summary", "answer", "key_points", "follow_ups")


def _text_items(
    data: dict[str, Any], document: YamlDocument, fields: tuple[str, ...] = _TEXT_FIELDS
) -> Iterator[tuple[tuple[str | int, ...], int, str]]:
    """(where, first line, text) of every text in `fields` of a question; `where` is ("answer",) or ("key_points", 2)."""
    for name in fields:
        value = data.get(name)
        items = [((name,), value)] if isinstance(value, str) else []
        if isinstance(value, list):
            items = [((name, i), v) for i, v in enumerate(value) if isinstance(v, str)]
            # Follow-ups written as {question, answer}: both texts are the author's Markdown.
            items += [
                ((name, i, key), v[key])
                for i, v in enumerate(value)
                if isinstance(v, dict)
                for key in ("question", "answer")
                if isinstance(v.get(key), str)
            ]
            items.sort(key=lambda item: document.text_lines.get(item[0], document.line_of(item[0])))
        for where, text in items:
            yield where, document.text_lines.get(where, document.line_of(where)), text


def _snippet_markers(path: Path, data: dict[str, Any], document: YamlDocument) -> list[Problem]:
    found: list[Problem] = []
    for where, first_line, text in _text_items(data, document):
        name = where[0]
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


_TODO = re.compile(r"^[ \t]*TODO\b", re.MULTILINE)
"""The scaffold's placeholders open a line ("TODO: one or two sentences."); a TODO mid-sentence is prose."""


def _todo_problems(path: Path, data: dict[str, Any], document: YamlDocument) -> list[Problem]:
    """Placeholder text left from `build_pages.py new`: valid YAML and schema, but not a question yet."""
    found: list[Problem] = []
    for where, text in _strings(data, ()):
        todo = _TODO.search(text)
        if todo is None:
            continue
        line_start = text.rfind("\n", 0, todo.start()) + 1
        shown = text[line_start:].split("\n", 1)[0].strip()
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        line = document.text_lines.get(where, document.line_of(where)) + text.count("\n", 0, todo.start())
        found.append(
            Problem(path, line, f'"{_field_label(where)}" still holds placeholder text ("{shown}"): replace the TODO text')
        )
    return found


def _strings(value: Any, where: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string of a question's data with its path, in file order."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*where, index))


def _formula_problems(path: Path, data: dict[str, Any], document: YamlDocument) -> list[Problem]:
    """Formulas the site and the PDF could not typeset (see `latexcheck`)."""
    found: list[Problem] = []
    for where, first_line, text in _text_items(data, document):
        name = where[0]
        if "$" not in text:
            continue
        for offset, latex in latexcheck.formulas(text):
            reason = latexcheck.latex_problem(latex)
            if reason is not None:
                shown = " ".join(latex.split())
                shown = shown if len(shown) <= 60 else shown[:57] + "…"
                found.append(Problem(path, first_line + offset, f'"{name}": the formula ${shown}$ cannot be typeset: {reason}'))
    return found


def _schema_problems(
    path: Path, document: YamlDocument, validator: QuestionValidator, entry: str = ""
) -> tuple[list[Problem], set[int]]:
    """Every schema error of `document` as a problem on its line, and the list items they fall in.

    `entry` names one item of a file that is a list ("topic", "glossary"): messages then
    say `topic field "id"`, not `field "3.id"` (the line already says which item).
    """
    found: list[Problem] = []
    bad_items: set[int] = set()
    errors = _expand_alternatives(validator.errors(document.data))
    stray_blocks: set[tuple[Any, ...]] = set()
    for error in errors:
        where = tuple(error.absolute_path)
        if entry and where and isinstance(where[0], int):
            bad_items.add(where[0])
        if error.validator == "additionalProperties":
            # One problem per unknown key, on that key's own line.
            known = list(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(known)):
                line = document.line_of((*where, extra))
                block = _empty_block_above(document, where, error.instance, line)
                if block is not None:
                    stray_blocks.add((*where, block))
                    found.append(Problem(path, line, _STRAY_BLOCK_LINE.format(key=block, line=line - 1)))
                    continue
                label = _field_label((*where, extra), entry)
                kind = f"{entry} field" if entry else "field"
                found.append(Problem(path, line, f'unknown {kind} "{label}"{suggest(extra, known)}'))
    for error in errors:
        where = tuple(error.absolute_path)
        if error.validator != "additionalProperties" and where not in stray_blocks:
            found.append(Problem(path, document.line_of(where), _schema_message(error, entry)))
    return found, bad_items


def _expand_alternatives(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """An `anyOf` error replaced by the errors of the alternative the value was meant as (the one of its type).

    A follow-up written as a mapping with a typo should hear about the typo, not that it
    "is not valid under any of the given schemas".
    """
    expanded: list[jsonschema.ValidationError] = []
    for error in errors:
        if error.validator != "anyOf":
            expanded.append(error)
            continue
        meant = [
            index
            for index, option in enumerate(error.validator_value)
            if jsonschema.Draft202012Validator(option).is_type(error.instance, option.get("type", "null"))
        ]
        own = [sub for sub in error.context or [] if meant and sub.schema_path[0] == meant[0]]
        expanded.extend(_expand_alternatives(own) if own else [error])
    return expanded


_STRAY_BLOCK_LINE = (
    'this line is not indented under "{key}:" (line {line}), so YAML reads it as a field of its own and the text '
    'as empty: indent it, and the rest of the text, by two spaces under "{key}:"'
)


def _empty_block_above(document: YamlDocument, where: tuple[Any, ...], mapping: dict[str, Any], line: int) -> str | None:
    """The key of an empty `key: |` block just above `line`: an unknown "field" there is its unindented first line."""
    for key, value in mapping.items():
        # A block's text starts on the line after its key (quoted and plain values start on it).
        if value == "" and document.text_lines.get((*where, key)) == line == document.line_of((*where, key)) + 1:
            return key
    return None


def _field_label(where: tuple[Any, ...], entry: str = "") -> str:
    if entry and where and isinstance(where[0], int):
        where = where[1:]
    return ".".join(str(p) for p in where)


_URL_START = re.compile(r"https?://\S+")


def _sheet_content(sheet: dict[str, Any]) -> model.SheetContent:
    table = sheet.get("comparison")
    return model.SheetContent(
        formulas=tuple(model.Formula(" ".join(f["label"].split()), f["latex"].strip()) for f in sheet.get("formulas", [])),
        comparison=model.Comparison(
            tuple(" ".join(c.split()) for c in table["columns"]),
            tuple(tuple(" ".join(cell.split()) for cell in row) for row in table["rows"]),
        )
        if table
        else None,
    )


_PSEUDO_LATEX = re.compile(
    r"(?<![\w\\])[A-Za-z]{1,6}_(?:\{|[A-Za-z0-9](?![\w]))"  # p_k, delta_l, W_{l+1}
    r"|(?<=[\w)])\^(?:\{|[A-Za-z0-9])"  # W^T, x^2, e^{…}
    r"|\\[A-Za-z]{2,}"  # \frac, \sum
)
"""Formula notation written as plain text: the PDFs and the site would print it literally."""


def _pseudo_latex_problems(path: Path, line: int, label: str, text: str) -> list[Problem]:
    found: list[Problem] = []
    for chunk, protected in mdtext.split_blocks(text):
        if protected:
            continue
        for piece, is_protected, _ in mdtext.split_inline(chunk):
            match = None if is_protected else _PSEUDO_LATEX.search(piece)
            if match:
                shown = match.group(0)
                found.append(
                    Problem(
                        path,
                        line,
                        f'"{label}": "{shown}" is formula notation outside math: write the formula between $ signs ($…$)',
                    )
                )
                break
    return found


def _sheet_problems(path: Path, data: dict[str, Any], document: YamlDocument) -> list[Problem]:
    """The texts the PDFs print: formulas must typeset, tables be rectangular, and no formula as plain text."""
    found: list[Problem] = []
    for where, first_line, text in _text_items(data, document, ("summary", "key_points")):
        found.extend(_pseudo_latex_problems(path, first_line, _field_label(where), text))
    sheet = data.get("cheatsheet")
    if not isinstance(sheet, dict):
        return found
    formulas = sheet.get("formulas")
    for index, formula in enumerate(formulas if isinstance(formulas, list) else []):
        latex = formula.get("latex") if isinstance(formula, dict) else None
        if isinstance(latex, str) and latex.strip():
            where = ("cheatsheet", "formulas", index, "latex")
            if "$" in latex:
                reason: str | None = "write the LaTeX without $ (the sheet typesets it as a formula)"
            else:
                reason = latexcheck.latex_problem(latex)
            if reason is not None:
                found.append(Problem(path, document.line_of(where), f'"{_field_label(where)}": cannot be typeset: {reason}'))
    table = sheet.get("comparison")
    if not isinstance(table, dict) or not isinstance(table.get("columns"), list) or not isinstance(table.get("rows"), list):
        return found
    width = len(table["columns"])
    for index, row in enumerate(table["rows"]):
        where = ("cheatsheet", "comparison", "rows", index)
        if not isinstance(row, list):
            continue
        if len(row) != width:
            found.append(
                Problem(
                    path,
                    document.line_of(where),
                    f'"{_field_label(where)}" has {len(row)} cells for {width} columns: give one cell per column',
                )
            )
        for column, cell in enumerate(row):
            if not isinstance(cell, str):
                continue
            line = document.line_of((*where, column))
            found.extend(_pseudo_latex_problems(path, line, _field_label((*where, column)), cell))
            for _, latex in latexcheck.formulas(cell) if "$" in cell else ():
                reason = latexcheck.latex_problem(latex)
                if reason is not None:
                    found.append(
                        Problem(
                            path, line, f'"{_field_label((*where, column))}": the formula ${latex}$ cannot be typeset: {reason}'
                        )
                    )
    return found


def _url_problems(path: Path, data: dict[str, Any], document: YamlDocument) -> list[Problem]:
    """References must be links a reader can follow: http(s) to a host (the schema only checks the start)."""
    found: list[Problem] = []
    references = data.get("references")
    for index, ref in enumerate(references if isinstance(references, list) else []):
        url = ref.get("url") if isinstance(ref, dict) else None
        # A URL the schema's pattern refuses is reported once, by the schema.
        if isinstance(url, str) and _URL_START.fullmatch(url) and (why := url_problem(url)):
            where = ("references", index, "url")
            found.append(Problem(path, document.line_of(where), f'"{_field_label(where)}" is not a usable link: {why}'))
    return found


# Fields whose Markdown reaches pages as written (raw HTML included); the others are escaped.
_MARKDOWN_FIELDS = ("summary", "answer", "key_points", "follow_ups")


def _html_policy_problems(path: Path, data: dict[str, Any], document: YamlDocument) -> list[Problem]:
    """Scripts, frames, handlers and other hosts' files in the Markdown fields (see `htmlpolicy`)."""
    found: list[Problem] = []
    for where, first, text in _text_items(data, document, _MARKDOWN_FIELDS):
        if "<" not in text and "](" not in text and "]:" not in text and "{" not in text:
            continue  # nearly every text: nothing the policy looks at
        for offset, message in html_problems(text):
            found.append(Problem(path, first + offset, f'"{_field_label(where)}": {message}'))
    return found


def _item_lines(document: YamlDocument) -> dict[str, int]:
    """Lines of list items and string starts, keyed "field.index", for later checks."""
    found: dict[str, int] = {}
    for key, line in document.text_lines.items():
        if len(key) >= 2 and isinstance(key[1], int):
            found[".".join(str(part) for part in key)] = line
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


_ALT_HINT = ": say in a sentence or two what the figure shows, for readers who cannot see it"
_JSON_TYPES = {"array": "a list", "object": "a mapping (key: value)", "integer": "a whole number", "string": "a string"}


def _schema_message(error: jsonschema.ValidationError, entry: str = "") -> str:
    """Turn a JSON Schema error into a sentence that says what to change."""
    where = _field_label(tuple(error.absolute_path), entry)
    field = f'"{where}"' if where else (f"each {entry} entry" if entry and error.absolute_path else "the file")
    if error.validator == "required":
        missing = error.message.split("'")[1]
        kind = f"{entry} field" if entry else "field"
        hint = _ALT_HINT if missing == "alt" else ""
        return f'missing required {kind} "{where + "." if where else ""}{missing}"{hint}'
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
        if error.validator_value == SLUG_PATTERN:
            example = slugify(error.instance, fallback="")
            hint = f': e.g. "{example}"' if example else ": use lowercase letters, digits and hyphens only"
            return f'{field} "{error.instance}" is not a slug (lowercase words joined by hyphens){hint}'
        if error.validator_value.endswith(r"\.yml$"):
            return f'{field} must name a .yml file in a folder under the questions folder, e.g. "figures/roc.yml"'
        if error.validator_value == r"\w":
            return f"{field} must contain a letter or digit, found {error.instance!r}"
        return f"{field} does not match the pattern {error.validator_value}, found {error.instance!r}"
    if error.validator == "minItems":
        return f"{field} must list at least {error.validator_value} item"
    if error.validator == "uniqueItems":
        return f"{field} lists the same item twice: remove the repeat"
    if error.validator == "anyOf":
        kinds = " or ".join(_JSON_TYPES.get(str(option.get("type")), str(option.get("type"))) for option in error.validator_value)
        return f"{field} must be {kinds}, found {_type_name(error.instance)}"
    if error.validator == "maxLength":
        return f"{field} is longer than {error.validator_value} characters ({len(error.instance):,}): shorten it"
    return f"{field}: {error.message}"


def _load_topics(
    path: Path,
    validator: QuestionValidator,
    limits: Limits,
    problems: list[Problem],
    named: set[str],
    warnings: list[Problem | None],
) -> list[Topic]:
    """The valid topics; `named` receives every id the file names, valid entry or not."""
    if not path.is_file():
        problems.append(Problem(path, 1, "topics file missing: create it with a list of {id, title, description, order}"))
        return []
    document = _read_mapping_doc(path, limits, problems, list)
    if document is None:
        return []
    if not document.data:
        # Every question needs a topic, and the home page opens on the first one.
        problems.append(Problem(path, 1, "no topics defined: list at least one {id, title, description, order}"))
        return []
    named.update(item["id"] for item in document.data if isinstance(item, dict) and isinstance(item.get("id"), str))
    found, bad_items = _schema_problems(path, document, validator, "topic")
    problems.extend(found)
    topics: list[Topic] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(document.data):
        if index in bad_items:
            continue
        line = document.line_of((index,))
        if item["id"] in seen:
            problems.append(Problem(path, line, f'duplicate topic id "{item["id"]}" (first on line {seen[item["id"]]})'))
            continue
        seen[item["id"]] = line
        warnings.append(_invisible_warning(path, document.line_of((index, "title")), "title", item["title"]))
        topics.append(Topic(item["id"], " ".join(item["title"].split()), item["description"].strip(), item["order"]))
    return topics


def _load_glossary(
    path: Path,
    validator: QuestionValidator,
    limits: Limits,
    problems: list[Problem],
    ids: set[str],
    warnings: list[Problem | None],
) -> list[GlossaryEntry]:
    if not path.is_file():
        return []
    document = _read_mapping_doc(path, limits, problems, list)
    if document is None:
        return []
    found, bad_items = _schema_problems(path, document, validator, "glossary")
    problems.extend(found)
    entries: list[GlossaryEntry] = []
    names: dict[str, int] = {}
    anchors: dict[str, tuple[str, int]] = {}
    for index, item in enumerate(document.data):
        if index in bad_items:
            continue
        line = document.line_of((index,))
        term = " ".join(item["term"].split())
        aliases = tuple(" ".join(a.split()) for a in item.get("aliases", []))
        related = tuple(item.get("related", []))
        for r_index, other in enumerate(related):
            if other not in ids:
                problems.append(
                    Problem(
                        path, document.line_of((index, "related", r_index)), f'unknown question "{other}"{suggest(other, ids)}'
                    )
                )
        # A definition's [[id]] becomes the linked question's title in the term's popover.
        first = document.text_lines.get((index, "definition"), document.line_of((index, "definition")))
        for offset, target in links.inline_targets_with_lines(item["definition"]):
            if target not in ids:
                problems.append(
                    Problem(path, first + offset, f'link [[{target}]] names unknown question "{target}"{suggest(target, ids)}')
                )
        for name in (term, *aliases):
            key = name.lower()
            if key in names:
                problems.append(Problem(path, line, f'"{name}" is already a term or alias (line {names[key]})'))
            else:
                names[key] = line
        # The anchor is the term's address on the glossary page: a slug, and one per term.
        anchor = item.get("anchor") or slugify(term, fallback="")
        if not anchor:
            problems.append(
                Problem(
                    path,
                    line,
                    f'term "{term}" has no letters or digits to make its link anchor from: add e.g. "anchor: term-{index + 1}"',
                )
            )
            continue
        if anchor in anchors:
            other, other_line = anchors[anchor]
            problems.append(
                Problem(
                    path,
                    document.line_of((index, "anchor")) if "anchor" in item else line,
                    f'term "{term}" has the same anchor "{anchor}" as "{other}" (line {other_line}): '
                    'set a different "anchor:" on one of them',
                )
            )
            continue
        anchors[anchor] = (term, line)
        warnings.append(_invisible_warning(path, document.line_of((index, "term")), "term", term))
        entries.append(GlossaryEntry(term, " ".join(item["definition"].split()), aliases, related, item.get("anchor", "")))
    return entries


# Characters that show nothing, or reorder what follows (bidirectional overrides and
# isolates): a title holding one can read differently from what it says. Ids refuse them
# (they are slugs); text is only warned about, as a right-to-left title may need an isolate.
# Zero-width joiners and left/right-to-left marks are left alone: emoji and scripts need them.
_INVISIBLE = re.compile("[\u200b\u2060-\u2064\ufeff\u180e\u202a-\u202e\u2066-\u2069]")


def _invisible_warning(path: Path, line: int, field: str, text: str) -> Problem | None:
    found = _INVISIBLE.search(text)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "invisible character")
    return Problem(
        path,
        line,
        f'warning: "{field}" holds U+{ord(char):04X} ({name}), which is invisible or reorders the text around it: '
        "remove it unless it is meant to be there",
    )


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

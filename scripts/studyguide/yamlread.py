"""Strict YAML reading: plain data plus the line of every value, or problems.

PyYAML's loaders keep the last of two duplicate keys (silent data loss) and expand
aliases (the "billion laughs" bomb). We build the data from the parser's event stream
ourselves so both are caught, with the line of each, in one pass over libyaml's C parser
when it is available.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is ~10x faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .errors import Problem

Path_ = tuple[str | int, ...]

MAX_DEPTH = 50
"""Nesting deeper than this is refused: no question file needs it, and a 10,000-deep
list would exhaust the recursion of anything that walks it."""

_COLLECTION_TAGS = (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_KIND_NAMES = {
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "true/false value",
    "tag:yaml.org,2002:timestamp": "date",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters other than tab and line breaks."""

_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
"""Line breaks to YAML, but not to editors: PyYAML's line numbers count them, editors do not."""
_EDITOR_BREAK = re.compile(r"\r\n?|\n")

_constructor = yaml.constructor.SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()


_CONTINUED_ITEM = re.compile(r"(?:\r\n?|[\n\x85\u2028\u2029])(?P<indent>[ \t]*)(?P<dash>-)(?:[ \t]|$)")
"""A continuation line of an unquoted value that starts like a list item (`- b`)."""


@dataclass(frozen=True)
class _Mark:
    """Where a problem found after parsing lies, like a parser mark: 0-based line, character offset."""

    line: int
    index: int


@dataclass
class YamlDocument:
    """The data of one YAML file and where each part of it came from."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    """1-based line of each value, keyed by its path (`("key_points", 2)`)."""
    text_lines: dict[Path_, int] = field(default_factory=dict)
    """Line where each string's text begins: the line after `|` or `>` for block scalars."""

    def line_of(self, path: Path_) -> int:
        """Line of `path`, or of its closest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


def read_yaml(text: str, path: Path, max_depth: int = MAX_DEPTH) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text` (the content of `path`) strictly.

    Returns the document and the problems found; the document is None when the
    file cannot be used at all (syntax error, alias, too deep).
    """
    problems: list[Problem] = []
    lines: dict[Path_, int] = {}
    text_lines: dict[Path_, int] = {}
    loader = None
    line_of = _editor_lines(text)
    try:
        loader = _Loader(text)  # inside the try: the pure-Python reader checks characters here
        # The parser's own get_event, not yaml.parse's generator around it: a third of the
        # time of reading a question file went into that wrapper.
        builder = _Builder(loader.get_event, path, lines, text_lines, problems, max_depth, line_of, text)
        data = builder.document()
    except _Refused as refused:
        return None, [Problem(path, refused.line, refused.message)]
    except RecursionError:
        # Only reachable when a caller raises max_depth near Python's own recursion limit.
        return None, [Problem(path, 1, f"nesting too deep to read (limit {max_depth} is above what Python can handle)")]
    except yaml.MarkedYAMLError as err:
        line, message = syntax_error(err, text, line_of)
        return None, [Problem(path, line, message)]
    except yaml.reader.ReaderError as err:
        # Control characters: the reader's message spans lines and gives a byte offset, so
        # point at the first occurrence of the character instead.
        char = chr(err.character) if isinstance(err.character, int) else str(err.character)
        line = text[: max(text.find(char), 0)].count("\n") + 1
        return None, [Problem(path, line, f"character U+{ord(char[:1] or ' '):04X} is not allowed in YAML: remove it")]
    except yaml.YAMLError as err:
        return None, [Problem(path, 1, "YAML error: " + " ".join(str(err).split()))]
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(data, lines, text_lines), problems


def syntax_error(err: yaml.MarkedYAMLError, text: str, line_of: Callable[[Any], int] | None = None) -> tuple[int, str]:
    """The line to edit and the message for a YAML syntax error in `text`.

    The commonest mistakes get their fix, on the line a person must edit (libyaml often
    notices them a line or a whole file later). Runs only once an error was found.
    """
    line_of = line_of or _editor_lines(text)
    lines = text.splitlines()
    mark = err.problem_mark or err.context_mark
    line = line_of(mark) if mark else 1
    what = err.problem or "invalid YAML"
    # The explanations read the file's lines as PyYAML numbers them: like an editor does,
    # unless the file holds a NEL or U+2028 (rare enough to get the plain message).
    explained = None if _ODD_BREAKS.search(text) else _explain(err, lines)
    if explained is not None:
        row, message = explained
        at = err.context_mark if row == "context" else err.problem_mark
        return (line_of(at) if isinstance(row, str) else row), f"YAML syntax error: {message}"
    hint = ""
    if err.context and err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
        hint = f" ({err.context}, which starts on line {line_of(err.context_mark)})"
    if "\t" in text and ("tab" in what or "found character" in what):
        hint += " (YAML does not allow tabs for indentation: indent with spaces)"
    return line, f"YAML syntax error: {what}{hint}"


# `key: value` on one line, possibly as a list item (`- term: value`); the value unquoted.
_KEY_VALUE = re.compile(r"(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s#'\"\[\]{}&*!|>%@`-][^:#]*?):[ \t]+(?P<value>[^\s'\"\[{|>&*!].*)")
_BLOCK_START = re.compile(r"\s*(?:-\s+)?(?P<key>[^\s#][^:#]*?):[ \t]+(?P<style>[|>][-+1-9]*)[ \t]*(?:#.*)?")
_QUOTE_OPENS = re.compile(r"\s*(?:-\s+)?(?:[^\s#'\"][^:#]*?:[ \t]+)?(?P<quote>[\"'])(?P<rest>.*)")
_NEXT_ENTRY = re.compile(r"\s*(?:-(?:\s|$)|[\w-]+:(?:\s|$))")
"""A line that starts a key or a list item."""


def _explain(err: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int | str, str] | None:
    """(line or "context"/"problem" mark, message) for a mistake a newcomer makes, else None."""
    problem, context = err.problem or "", err.context or ""
    mark, opened = err.problem_mark, err.context_mark
    if problem == "found unexpected end of stream" and context == "while scanning a quoted scalar" and opened is not None:
        quote = lines[opened.line][opened.column : opened.column + 1] if opened.line < len(lines) else '"'
        return (
            "context",
            f"the {quote} opened on this line is never closed (the file ends inside it): close it with {quote} at the end of the text",
        )
    if mark is None:
        return None
    if problem.startswith("found unknown escape character") and mark.line < len(lines):
        # LaTeX in a double-quoted title: "\sigma" is an escape sequence to YAML.
        # libyaml marks the backslash, the pure-Python parser the character after it.
        at = mark.column - (lines[mark.line][mark.column : mark.column + 1] != "\\")
        escape = lines[mark.line][at : at + 2]
        return "problem", (
            f'"{escape}" inside double quotes is an escape sequence YAML does not know: '
            f'write it as "\\{escape}", or put the value in single quotes instead'
        )
    unclosed = _unclosed_quote(lines, mark.line)
    if unclosed is not None:
        row, quote = unclosed
        return row, (
            f"the {quote} opened on this line is not closed on it, so the text runs on into the lines below: "
            f"close it with {quote} at the end of the text"
        )
    if context == "while scanning a simple key" and opened is not None and opened.line < len(lines):
        block = _block_above(lines, opened.line)
        if block is not None:
            row, key, style = block
            return "context", (
                f'this line is not indented under "{key}: {style}" (line {row}), so it does not belong to that text: '
                f'indent it, and the rest of the text, by two spaces under "{key}:"'
            )
    if problem.startswith("mapping values are not allowed") and mark.line < len(lines):  # libyaml: "in this context"
        found = _KEY_VALUE.fullmatch(lines[mark.line])
        # The colon YAML stopped at lies inside the value, not the key's own colon.
        if found and mark.column > found.end("key"):
            key, value = found["key"], _strip_comment(found["value"])
            quoted = value.replace("\\", "\\\\").replace('"', '\\"')
            return "problem", (
                f'the value of "{key}" holds a colon, which YAML reads as the start of another key: '
                f'put the value in quotes: {found["lead"].lstrip()}{key}: "{quoted}"'
            )
    return None


def _strip_comment(value: str) -> str:
    """A plain value without its trailing ` # comment`."""
    at = value.find(" #")
    return (value if at < 0 else value[:at]).rstrip()


def _block_above(lines: list[str], row: int) -> tuple[int, str, str] | None:
    """(1-based line, key, style) of the `key: |` block the unindented line `row` was meant to be part of."""
    indent = len(lines[row]) - len(lines[row].lstrip(" "))
    for above in range(row - 1, -1, -1):
        text = lines[above]
        depth = len(text) - len(text.lstrip(" "))
        if not text.strip() or depth > indent:
            continue  # blank, or the block's text indented as it should be
        found = _BLOCK_START.fullmatch(text)
        # The stray line starts where the key does: it was meant as the block's first line.
        if found is None or found.start("key") != indent:
            return None
        return above + 1, found["key"], found["style"]
    return None


def _unclosed_quote(lines: list[str], problem_row: int) -> tuple[int, str] | None:
    """(1-based line, quote) of a quoted value left open that swallowed the next key, before `problem_row`."""
    for row in range(min(problem_row, len(lines) - 1)):
        found = _QUOTE_OPENS.fullmatch(lines[row])
        if found is None or _closes(found["quote"], found["rest"]):
            continue
        indent = len(lines[row]) - len(lines[row].lstrip(" "))
        following = next((text for text in lines[row + 1 :] if text.strip()), "")
        depth = len(following) - len(following.lstrip(" "))
        # A quoted value may go on over several lines; one that runs into the next key was left open.
        if _NEXT_ENTRY.match(following) and depth <= indent + (2 if lines[row].lstrip().startswith("- ") else 0):
            return row + 1, found["quote"]
    return None


def _closes(quote: str, rest: str) -> bool:
    if quote == "'":
        return "'" in rest.replace("''", "")
    escaped = False
    for char in rest:
        if char == '"' and not escaped:
            return True
        escaped = char == "\\" and not escaped
    return False


def _editor_lines(text: str) -> Callable[[Any], int]:
    """The 1-based line of a parser mark, as an editor numbers lines.

    PyYAML also breaks lines at NEL, U+2028 and U+2029, which editors show inside a line:
    in a file holding one, lines are counted from the mark's character offset instead.
    """
    if not _ODD_BREAKS.search(text):
        return lambda mark: mark.line + 1
    starts = [match.end() for match in _EDITOR_BREAK.finditer(text)]
    return lambda mark: bisect.bisect_right(starts, mark.index) + 1


def _short(tag: str) -> str:
    """A tag as written in the file: `!!python/name:x`, not `tag:yaml.org,2002:python/name:x`."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Builder:
    """Turns parser events into plain Python data, recording lines and refusing aliases."""

    def __init__(
        self,
        next_event: Callable[[], Any],
        path: Path,
        lines: dict[Path_, int],
        text_lines: dict[Path_, int],
        problems: list[Problem],
        max_depth: int,
        line_of: Callable[[Any], int] = lambda mark: mark.line + 1,
        text: str = "",
    ) -> None:
        self._text = text
        self._line = line_of
        self._next = next_event
        self._path = path
        self._lines = lines
        self._text_lines = text_lines
        self._problems = problems
        self._max_depth = max_depth

    def document(self) -> Any:
        event = self._next()  # StreamStart
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        if not isinstance(event, yaml.DocumentStartEvent):  # pragma: no cover - parser guarantees it
            raise _Refused(self._line(event.start_mark), "unexpected YAML structure")
        data = self._value(self._next(), (), 0)
        self._next()  # DocumentEnd
        event = self._next()
        if not isinstance(event, yaml.StreamEndEvent):
            raise _Refused(
                self._line(event.start_mark), "more than one YAML document in the file: keep one (remove the `---` line)"
            )
        return data

    def _value(self, event: Any, path: Path_, depth: int) -> Any:
        line = self._line(event.start_mark)
        self._lines[path] = line
        kind = type(event)
        if kind is yaml.AliasEvent or event.anchor:
            raise _Refused(line, "YAML anchors and aliases (&name, *name) are not allowed: write the value out in full")
        if depth > self._max_depth:
            raise _Refused(line, f"nesting deeper than {self._max_depth} levels: flatten it (the limit is set by --max-depth)")
        if kind is yaml.ScalarEvent:
            self._text_lines[path] = line + 1 if event.style in ("|", ">") else line
            if not event.style and event.end_mark.line > event.start_mark.line and path and isinstance(path[-1], int):
                self._misindented_item(event, path)  # a list item of several lines: rare
            return self._scalar(event)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) and event.tag not in _COLLECTION_TAGS:
            # Tags such as !!set or !!python/object on a collection would otherwise be dropped
            # silently; refuse them as scalar tags are refused.
            raise _Refused(line, f"unsupported YAML tag {_short(event.tag)}: remove it")
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            event = self._next()
            while not isinstance(event, yaml.SequenceEndEvent):
                items.append(self._value(event, (*path, len(items)), depth + 1))
                event = self._next()
            return items
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[Any, Any] = {}
            event = self._next()
            while not isinstance(event, yaml.MappingEndEvent):
                key_line = self._line(event.start_mark)
                key = self._value(event, (*path, "\0key"), depth + 1)
                if not isinstance(key, str):
                    key = str(key)
                value_event = self._next()
                if key in mapping:
                    first = self._lines.get((*path, key), key_line)
                    self._problems.append(
                        Problem(self._path, key_line, f'duplicate key "{key}" (first defined on line {first}): keep one')
                    )
                    self._value(value_event, (*path, "\0dup"), depth + 1)
                else:
                    mapping[key] = self._value(value_event, (*path, key), depth + 1)
                    self._lines[(*path, key)] = key_line
                event = self._next()
            return mapping
        raise _Refused(line, "unexpected YAML structure")  # pragma: no cover

    def _misindented_item(self, event: Any, path: Path_) -> None:
        """Refuse a list item that swallowed the next one: `- b` indented one space too far.

        YAML reads such a line as more text of the unquoted item above it ("a - b"), so a
        key point would silently vanish into its neighbour. Items meant to span lines with
        a dash in them can use a block (`- |`) or quotes.
        """
        start, end = event.start_mark.index, event.end_mark.index
        source = self._text[start:end]
        for found in _CONTINUED_ITEM.finditer(source):
            index = start + found.start("dash")
            row = event.start_mark.line + source.count("\n", 0, found.start()) + 1
            head = self._text[:start].rsplit("\n", 1)[-1].rstrip()
            extra = found.start("dash") - found.start("indent") - (len(head) - 1)
            where = f'"{path[-2]}": this' if len(path) > 1 and isinstance(path[-2], str) else "this"
            spaces = (
                f"{extra} space{'s' if extra != 1 else ''} more than" if head.endswith("-") and extra > 0 else "differently from"
            )
            shown = " ".join(event.value.split())
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            self._problems.append(
                Problem(
                    self._path,
                    self._line(_Mark(row, index)),
                    f'{where} item is indented {spaces} the item above it, so YAML reads it as more text of that item ("{shown}"): '
                    'align its "-" with the other items',
                )
            )
            return

    def _check_control(self, value: str, event: Any) -> None:
        found = _CONTROL.search(value)
        if found:
            # Only reachable through escapes ("\x1b", "\x02"): they would reach pages and
            # terminals as-is (Markdown even drops \x02 and \x03 silently).
            self._problems.append(
                Problem(
                    self._path,
                    self._line(event.start_mark),
                    f"control character U+{ord(found.group()):04X} in the text: remove it",
                )
            )

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            # Quoted and block scalars are always strings: no need to ask the resolver.
            tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit) if event.implicit[0] else _STR_TAG
        if tag == _STR_TAG:
            # Most values of a question file: the string constructor would return the text as is.
            self._check_control(event.value, event)
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        constructor = _constructor.yaml_constructors.get(tag)
        if constructor is None:
            raise _Refused(self._line(event.start_mark), f"unsupported YAML tag {_short(tag)}: remove it")
        try:
            value = constructor(_constructor, node)
            if isinstance(value, str):
                self._check_control(value, event)
            return value
        except yaml.MarkedYAMLError:
            raise
        except (ValueError, KeyError, AttributeError, TypeError, OverflowError):
            # PyYAML's constructors assume the resolver's regex did all the checking: an
            # impossible date (2001-13-45), `!!bool maybe` or a 5,000-digit number would
            # otherwise escape as a bare ValueError/KeyError traceback.
            kind = _KIND_NAMES.get(tag, tag.rsplit(":", 1)[-1])
            shown = event.value if len(event.value) <= 40 else event.value[:37] + "..."
            raise _Refused(
                self._line(event.start_mark), f'"{shown}" is not a valid {kind}: put it in quotes if it is meant as text'
            ) from None

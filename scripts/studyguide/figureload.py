"""Read the figure files that questions name (`figures: - file: figures/roc.yml`) into `FigureSpec`s.

A figure file is data, not code: axes, series given as points or as formulas (see
`safeexpr`), polygons, circles and notes. Every problem is reported like a question's, as
`path:line: message`: a missing file at the question's line, a bad file at its own line.
Formulas are evaluated here, once, so the plotter only draws numbers.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import buildcache, safeexpr
from .errors import Problem
from .model import Axis, Figure, FigureSpec, Mark, Note, Question
from .text import suggest

FIGURE_SCHEMA_FILE = "_figure.schema.json"
DEFAULT_SAMPLES = 120
FORMAT_DEPTH = 6
_SHAPES = ("points", "y", "polygon", "circle")


def attach_figures(questions: list[Question], questions_dir: Path, limits: Any, problems: list[Problem]) -> list[Question]:
    """The questions with each figure's spec set (and their fingerprint covering the figure files)."""
    if not any(q.figures for q in questions):
        return questions
    from .loader import _load_schema  # the loader imports this module: a cycle at import time

    loaded = _load_schema(questions_dir, FIGURE_SCHEMA_FILE)
    if isinstance(loaded, Problem):
        problems.append(loaded)
        return questions
    _, validator = loaded
    root = questions_dir.resolve()
    specs: dict[str, tuple[FigureSpec | None, str]] = {}  # one read per file, however many questions name it
    result: list[Question] = []
    for q in questions:
        if not q.figures:
            result.append(q)
            continue
        figures: list[Figure] = []
        texts: list[str] = []
        for index, figure in enumerate(q.figures):
            path = questions_dir / figure.file
            if figure.file not in specs:
                missing = _missing(path, root, figure.file, questions_dir)
                if missing:
                    problems.append(Problem(q.source, q.lines.get(f"figures.{index}.file", q.lines.get("figures", 1)), missing))
                    specs[figure.file] = (None, "")
                    continue
                specs[figure.file] = _read_spec(path, validator, limits, problems)
            spec, text = specs[figure.file]
            figures.append(replace(figure, spec=spec))
            texts.append(text)
        result.append(replace(q, figures=tuple(figures), fingerprint=buildcache.key(q.fingerprint, *texts)))
    return result


def _missing(path: Path, root: Path, name: str, questions_dir: Path) -> str | None:
    from .loader import _link_problem

    if path.is_symlink():
        return _link_problem(path, root)
    if path.is_file():
        return None
    folder = path.parent
    known = sorted(str(p.relative_to(questions_dir).as_posix()) for p in folder.glob("*.yml")) if folder.is_dir() else []
    return f'figure file "{name}" not found in {questions_dir.name}/: create it or correct the name{suggest(name, known)}'


def _read_spec(path: Path, validator: Any, limits: Any, problems: list[Problem]) -> tuple[FigureSpec | None, str]:
    from .loader import _parse_mapping_doc, _read_text, _schema_problems

    text = _read_text(path, limits, problems)
    if text is None:
        return None, ""
    # A figure's points sit four levels deep (series, item, points, point): a nesting limit
    # set for question files below what the format itself needs would refuse every figure.
    document = _parse_mapping_doc(path, text, replace(limits, max_depth=max(limits.max_depth, FORMAT_DEPTH)), problems, dict)
    if document is None:
        return None, text
    found, _ = _schema_problems(path, document, validator)
    if found:
        problems.extend(found)
        return None, text
    before = len(problems)

    def problem(where: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(path, document.line_of(where), message))

    data = document.data
    x = _axis(data["x"], ("x",), problem)
    y = _axis(data["y"], ("y",), problem)
    marks = [_mark(item, i, x, problem) for i, item in enumerate(data["series"])]
    notes = [_note(item, i, problem) for i, item in enumerate(data.get("notes", []))]
    if len(problems) > before or x is None or y is None:
        return None, text
    spec = FigureSpec(
        x=x,
        y=y,
        marks=tuple(m for m in marks if m is not None),
        notes=tuple(n for n in notes if n is not None),
        width=data.get("width", 400),
        height=data.get("height", 240),
        aspect=data.get("aspect", "auto"),
        grid=data.get("grid", True),
        legend=data.get("legend", "below"),
    )
    return spec, text


def _axis(data: dict[str, Any], where: tuple[str | int, ...], problem: Any) -> Axis | None:
    low, high = float(data["min"]), float(data["max"])
    if not low < high:
        problem((*where, "max"), f'"{where[0]}.max" ({data["max"]}) must be greater than "{where[0]}.min" ({data["min"]})')
        return None
    ticks = tuple(float(t) for t in data["ticks"]) if "ticks" in data else nice_ticks(low, high)
    for index, tick in enumerate(ticks):
        if not low <= tick <= high:
            problem(
                (*where, "ticks", index), f"tick {tick:g} is outside the axis ({low:g} to {high:g}): remove it or widen the axis"
            )
    return Axis(data["label"], low, high, ticks, data.get("tick_labels", True))


def nice_ticks(low: float, high: float) -> tuple[float, ...]:
    """About five round values from `low` to `high` (steps of 1, 2, 2.5 or 5 times a power of ten)."""
    raw = (high - low) / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    ticks = []
    k = first
    while k * step <= high + 1e-9 * step:
        ticks.append(round(k * step, 10))
        k += 1
    return tuple(ticks)


def _mark(item: dict[str, Any], index: int, x_axis: Axis | None, problem: Any) -> Mark | None:
    where: tuple[str | int, ...] = ("series", index)
    shapes = [key for key in _SHAPES if key in item]
    if "x" in item and "y" not in item:
        problem((*where, "x"), 'a series with a formula "x" (of t) needs a formula "y" (of t) as well')
        return None
    if len(shapes) != 1:
        named = ", ".join(shapes) if shapes else "none of them"
        problem(where, f"each series is exactly one of points, y (a formula), polygon or circle; this one has {named}")
        return None
    colour = item.get("colour", index % 6 + 1)
    common = {
        "colour": colour,
        "line": item.get("line", "solid"),
        "marker": item.get("marker", "none"),
        "label": item.get("label", ""),
    }
    fill = item.get("fill", False)
    if "points" in item:
        return Mark("line", _points(item["points"]), **common)
    if "polygon" in item:
        if len(item["polygon"]) < 3:
            problem((*where, "polygon"), "a polygon needs at least three corners")
            return None
        return Mark("polygon", _points(item["polygon"]), fill=fill, **common)
    if "circle" in item:
        circle = item["circle"]
        return Mark("circle", _points([circle["center"]]), fill=fill, radius=float(circle["r"]), **common)
    points = _formula_points(item, where, x_axis, problem)
    return None if points is None else Mark("line", points, **common)


def _points(items: list[list[float]]) -> tuple[tuple[float, float], ...]:
    return tuple((float(a), float(b)) for a, b in items)


def _formula_points(item: dict[str, Any], where: tuple[str | int, ...], x_axis: Axis | None, problem: Any) -> tuple | None:
    parametric = "x" in item
    variable = "t" if parametric else "x"
    range_key = "t_range" if parametric else "x_range"
    wrong_range = "x_range" if parametric else "t_range"
    trees = {}
    for key in ("x", "y") if parametric else ("y",):
        try:
            trees[key] = safeexpr.parse(item[key], (variable,))
        except safeexpr.ExpressionError as err:
            problem((*where, key), f'formula "{item[key]}": {err}')
    if len(trees) < (2 if parametric else 1):
        return None  # reported; the range is not checked until the formulas are readable
    if wrong_range in item:
        problem((*where, wrong_range), f'"{wrong_range}" belongs to a formula of {"x" if parametric else "t"}: use "{range_key}"')
        return None
    if parametric and "t_range" not in item:
        problem((*where, "x"), 'formulas of t need "t_range: [from, to]"')
        return None
    if range_key in item:
        low, high = (float(v) for v in item[range_key])
    elif x_axis is not None:
        low, high = x_axis.min, x_axis.max
    else:
        return None
    if not low < high:
        problem((*where, range_key), f'"{range_key}" must go from a smaller number to a larger one')
        return None
    samples = item.get("samples", DEFAULT_SAMPLES)
    points = []
    for k in range(samples):
        value = low + (high - low) * k / (samples - 1)
        try:
            if parametric:
                point = (safeexpr.evaluate(trees["x"], {"t": value}), safeexpr.evaluate(trees["y"], {"t": value}))
            else:
                point = (value, safeexpr.evaluate(trees["y"], {"x": value}))
        except safeexpr.ExpressionError as err:
            key = "y" if not parametric else "x"
            problem((*where, key), f'formula cannot be evaluated at {variable} = {value:g}: {err} (narrow "{range_key}")')
            return None
        points.append(point)
    return tuple(points)


def _note(item: dict[str, Any], index: int, problem: Any) -> Note | None:
    where: tuple[str | int, ...] = ("notes", index)
    colour = item.get("colour", 0)
    if "arrow" in item:
        if "text" in item or "at" in item:
            problem(where, "a note is either text (text and at) or an arrow: split it into two notes")
            return None
        return Note(arrow=_points(item["arrow"]), colour=colour)
    if "text" not in item or "at" not in item:
        problem(where, 'a note needs "text" and "at: [x, y]" (or "arrow: [[x1, y1], [x2, y2]]")')
        return None
    return Note(
        text=item["text"], at=(float(item["at"][0]), float(item["at"][1])), anchor=item.get("anchor", "start"), colour=colour
    )

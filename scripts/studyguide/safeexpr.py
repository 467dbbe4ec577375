"""Arithmetic formulas in figure files (`y: "1 / (1 + exp(-x))"`), parsed and evaluated safely.

A figure file comes through pull requests like a question file, so its formulas are never
given to `eval`: they are parsed with `ast`, and only numbers, the named variables,
arithmetic, comparisons inside `max`/`min` and a fixed list of math functions are accepted.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping

FUNCTIONS: dict[str, Callable[..., float]] = {
    "abs": abs,
    "sqrt": math.sqrt,
    "exp": math.exp,
    "log": math.log,
    "log2": math.log2,
    "log10": math.log10,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "atan": math.atan,
    "sinh": math.sinh,
    "cosh": math.cosh,
    "tanh": math.tanh,
    "erf": math.erf,
    "erfc": math.erfc,
    "max": max,
    "min": min,
}
CONSTANTS = {"pi": math.pi, "e": math.e}
_BINARY: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_UNARY: dict[type, Callable[[float], float]] = {ast.UAdd: operator.pos, ast.USub: operator.neg}
MAX_LENGTH = 300


class ExpressionError(ValueError):
    """Why a formula is refused or cannot be evaluated, in words for the author."""


def parse(text: str, variables: tuple[str, ...]) -> ast.expr:
    """The formula's syntax tree, or `ExpressionError` naming what is not allowed."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"formula longer than {MAX_LENGTH} characters: shorten it")
    try:
        tree = ast.parse(text.replace("^", "**"), mode="eval").body
    except SyntaxError as err:
        raise ExpressionError(f"not a formula ({err.msg})") from None
    for node in ast.walk(tree):
        _check(node, variables)
    return tree


def _check(node: ast.AST, variables: tuple[str, ...]) -> None:
    allowed_names = (*variables, *CONSTANTS, *FUNCTIONS)
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ExpressionError(f"only numbers may appear, not {node.value!r}")
    elif isinstance(node, ast.Name):
        if node.id not in allowed_names:
            names = ", ".join(variables)
            raise ExpressionError(f'unknown name "{node.id}": use {names}, pi, e or one of {", ".join(FUNCTIONS)}')
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
            raise ExpressionError(f"only these functions may be called: {', '.join(FUNCTIONS)}")
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise ExpressionError("only + - * / and ** (or ^) are allowed")
    elif isinstance(node, ast.UnaryOp):
        if type(node.op) not in _UNARY:
            raise ExpressionError("only + - * / and ** (or ^) are allowed")
    elif not isinstance(node, ast.Load | ast.operator | ast.unaryop):
        raise ExpressionError(f"{type(node).__name__.lower()} is not allowed in a formula")


def evaluate(tree: ast.expr, values: Mapping[str, float]) -> float:
    """The formula's value; `ExpressionError` when it is undefined there (log(0), 1/0, overflow)."""
    try:
        result = _eval(tree, values)
    except (ValueError, ZeroDivisionError, OverflowError, TypeError, KeyError) as err:
        raise ExpressionError(str(err)) from None
    if isinstance(result, complex) or not math.isfinite(result):
        raise ExpressionError("the value is not a finite real number")
    return float(result)


def _eval(node: ast.expr, values: Mapping[str, float]) -> float:
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id in values:
            return values[node.id]
        return CONSTANTS[node.id]
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values), _eval(node.right, values)
        if isinstance(node.op, ast.Pow) and abs(right) > 1000:
            raise OverflowError("exponent too large")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_eval(node.operand, values))
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        return FUNCTIONS[node.func.id](*(_eval(arg, values) for arg in node.args))
    raise TypeError(f"unexpected {type(node).__name__}")

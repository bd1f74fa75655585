"""JSON from outside (request bodies, exchange messages), parsed within bounds.

`json.loads` alone lets a small body cost a lot or fail in ways a caller does not
expect: nesting deeper than the interpreter's recursion limit raises RecursionError,
an integer of more than 4,300 digits ValueError, `1e999` becomes infinity and `NaN`
is accepted. `loads` refuses all of these with JsonInputError (a ValueError with the
reason), and nesting deeper than MAX_DEPTH, and integers longer than MAX_DIGITS.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 32  # objects and arrays inside each other
MAX_DIGITS = 30  # digits of an integer (a 64-bit integer has 19)


class JsonInputError(json.JSONDecodeError):
    """The text is not JSON within the bounds; `reason` says why."""

    def __init__(self, reason: str, text: str = "", pos: int = 0) -> None:
        super().__init__(reason, text, pos)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise JsonInputError(f"an integer has more than {MAX_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonInputError(f"the number {text[:40]} is out of range")
    return value


def _constant(name: str) -> Any:
    raise JsonInputError(f"{name} is not a JSON number")


def loads(data: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """The value of `data`, or JsonInputError (also for text that is not JSON at all)."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise JsonInputError("the body is not UTF-8 text") from exc
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except JsonInputError:
        raise
    except RecursionError:
        raise JsonInputError(f"nested deeper than {max_depth} levels") from None
    except json.JSONDecodeError as exc:
        raise JsonInputError(f"not valid JSON: {exc}", text, exc.pos) from None
    except ValueError as exc:
        raise JsonInputError(f"not valid JSON: {exc}") from None
    if depth(value, max_depth) > max_depth:
        raise JsonInputError(f"nested deeper than {max_depth} levels")
    return value


def depth(value: Any, stop: int = MAX_DEPTH) -> int:
    """Nesting depth of objects and arrays (a scalar is 0); stops counting past `stop`."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            level += 1
            deepest = max(deepest, level)
            if deepest > stop:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level) for child in children)
    return deepest

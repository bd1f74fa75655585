"""Fast JSON text of a verdict: the same text json.dumps(..., ensure_ascii=False) gives.

Most of a verdict is static per designation (requirement texts, clauses, the parsed
designation), so those fragments are encoded once and cached; only the per-sample values
go through the encoder. Tests check the output equals json.dumps of judge()'s dict.
"""

from __future__ import annotations

import json
from functools import lru_cache

_encode = json.JSONEncoder(ensure_ascii=False).encode
_STATIC = ("requirement", "requirement_en", "clause")
_INF = float("inf")


@lru_cache(maxsize=8192)
def _static_fragment(requirement: object, requirement_en: object, clause: object) -> str:
    return ", ".join(
        f"{_encode(k)}: {_encode(v)}"
        for k, v in zip(_STATIC, (requirement, requirement_en, clause), strict=True)
    )


@lru_cache(maxsize=4096)
def _string(value: str) -> str:
    return _encode(value)


def _value(value: object) -> str:
    if value is None:
        return "null"
    if type(value) is float:
        # json.dumps writes NaN / Infinity for the non-finite (a huge reading's value_20c)
        return float.__repr__(value) if -_INF < value < _INF else _encode(value)
    if type(value) is str:
        return _string(value)
    return _encode(value)


def _item(item: dict[str, object]) -> str:
    parts = []
    static_done = False
    for key, value in item.items():
        if key in _STATIC:
            if not static_done:
                parts.append(
                    _static_fragment(item["requirement"], item["requirement_en"], item["clause"])
                )
                static_done = True
            continue
        parts.append(f'"{key}": {_value(value)}')
    return "{" + ", ".join(parts) + "}"


def render(result: dict[str, object], designation_json: str | None = None) -> str:
    """JSON text of a judge() result; ``designation_json`` is its cached designation text."""
    parts = []
    for key, value in result.items():
        if key == "items":
            text = "[" + ", ".join(_item(i) for i in value) + "]"  # type: ignore[attr-defined]
        elif key == "designation" and designation_json is not None:
            text = designation_json
        else:
            text = _value(value) if type(value) is not list or value else "[]"
        parts.append(f'"{key}": {text}')
    return "{" + ", ".join(parts) + "}"

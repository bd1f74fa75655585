"""Loading of the packaged data files (read once, cached)."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from importlib import resources
from typing import Any

from .errors import TableError


def _read_text(name: str) -> str:
    return (
        resources.files("cablewatch.standards")
        .joinpath("data")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )


@cache
def load_json(name: str) -> dict[str, Any]:
    """A packaged JSON data file as a dict."""
    data = json.loads(_read_text(name))
    if not isinstance(data, dict):
        raise TableError(f"data/{name}: top level must be an object")
    return data


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """A packaged CSV data file as a tuple of rows keyed by column name."""
    return tuple(csv.DictReader(io.StringIO(_read_text(name))))

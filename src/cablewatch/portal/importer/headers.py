"""Find the header row of an announcement table and map its cells to standard columns.

Announcements start with a title row or two, some split the header over two rows
(a merged "标称生产企业" above "名称" and "地址"), and every region spells the
columns its own way: the spellings are data, in synonyms.json.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from cablewatch.lib.textnorm import clean_text

COLUMNS = (
    "seq",
    "product_name",
    "enterprise_name",
    "enterprise_address",
    "sampled_unit_name",
    "sampled_unit_location",
    "designation",
    "brand",
    "batch",
    "result",
    "failed_items",
    "lab_name",
    "credit_code",
    "standard",
    "remark",
)
SCAN_ROWS = 12  # the header is among the first rows of a table
_NOISE = re.compile(r"[\s:：*＊\"“”'‘’()（）\[\]【】、,，.。/／\\]")


def header_key(text: str) -> str:
    return _NOISE.sub("", clean_text(text))


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Normalised header spelling -> standard column."""
    data = json.loads((Path(__file__).with_name("synonyms.json")).read_text("utf-8"))
    table: dict[str, str] = {}
    for column, spellings in data.items():
        if column.startswith("_"):
            continue
        for spelling in [column, *spellings]:
            table.setdefault(header_key(spelling), column)
    return table


def map_cell(text: str) -> str | None:
    key = header_key(text)
    if not key:
        return None
    table = synonyms()
    if key in table:
        return table[key]
    # A longer spelling that contains a known one ("标称生产企业名称（盖章）").
    best = max((s for s in table if len(s) >= 2 and s in key), key=len, default="")
    return table[best] if best else None


def map_header(cells: list[str]) -> dict[int, str]:
    """Column index -> standard column; the first cell naming a column wins."""
    mapping: dict[int, str] = {}
    for index, text in enumerate(cells):
        column = map_cell(text)
        if column and column not in mapping.values():
            mapping[index] = column
    return mapping


def combine(top: list[str], below: list[str]) -> list[str]:
    """Two header rows as one: a merged top cell carries over the empty cells to its right."""
    if sum(1 for c in top if c) < 2:
        return below
    width = max(len(top), len(below))
    top = top + [""] * (width - len(top))
    below = below + [""] * (width - len(below))
    out: list[str] = []
    carried = ""
    for upper, lower in zip(top, below, strict=True):
        if upper:
            carried = upper
        elif not lower:
            carried = ""
        parent = upper or (carried if lower else "")
        out.append(lower if parent == lower else parent + lower)
    return out


def _score(mapping: dict[int, str]) -> int:
    return len(mapping) + (3 if "enterprise_name" in mapping.values() else 0)


def find_header(rows: list[list[str]]) -> tuple[int, int, dict[int, str]] | None:
    """(first header row index, number of header rows, mapping) among `rows`, or None."""
    best: tuple[int, int, dict[int, str]] | None = None
    best_score = 0
    for i, cells in enumerate(rows[:SCAN_ROWS]):
        # Ties go to the one-row reading: it comes first and only a strictly better score wins.
        options = [(1, map_header(cells))]
        if i + 1 < len(rows):
            options.append((2, map_header(combine(cells, rows[i + 1]))))
        for height, mapping in options:
            score = _score(mapping)
            if score > best_score:
                best, best_score = (i, height, mapping), score
    if best is None or "enterprise_name" not in best[2].values() or len(best[2]) < 3:
        return None
    return best

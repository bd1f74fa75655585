"""Turn one table row into the values of a published result, or a reason to reject it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from cablewatch import standards
from cablewatch.lib.textnorm import clean_text
from cablewatch.portal.importer.headers import map_header
from cablewatch.portal.items import item_text

_NOTE = re.compile(r"^(注|备注|说明|合计|小计|总计|共计|以下空白|以下无|本页)")
_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?!\d)")
_NONE = {"", "/", "-", "—", "——", "无", "/ ", "--"}
MAX_LEN = {
    "product_name": 200,
    "enterprise_name": 200,
    "enterprise_address": 255,
    "sampled_unit_name": 200,
    "sampled_unit_location": 255,
    "designation": 200,
    "brand": 100,
    "batch": 100,
    "failed_items": 500,
    "lab_name": 200,
    "credit_code": 18,
}


class RowRejectedError(Exception):
    """The row is not a result; the message is the reason written to the rejects file."""


@dataclass
class ParsedRow:
    values: dict[str, str]
    verdict: str
    family: str
    unparsed: bool
    year: int | None
    key: str = field(default="")


def is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def verdict_of(result: str, failed: str) -> str:
    text = result.replace(" ", "")
    if text:
        if "不合格" in text or text in {"不符合", "×", "X", "x"}:
            return "fail"
        if "合格" in text or text in {"符合", "√", "通过"}:
            return "pass"
        raise RowRejectedError(f"result not understood: {result}")
    if failed and failed not in _NONE:
        return "fail"  # announcements that list only failures have no result column
    raise RowRejectedError("no result")


@lru_cache(maxsize=8192)
def parse_family(designation: str) -> tuple[str, bool]:
    """(product family, parsed?) of a designation as written."""
    if not designation:
        return "", False
    try:
        parsed = standards.parse_designation(designation)
    except standards.StandardsError:
        return "", False
    return str(parsed.to_json().get("family", "")), True


# Columns whose values are mostly unique (batch numbers, row numbers, shops): cleaning
# them through the cached clean_text would fill its cache with values never seen again,
# so memory would grow with the file; the repeated columns (names, designations) use it.
_UNIQUE_COLUMNS = frozenset(
    {"seq", "batch", "sampled_unit_name", "sampled_unit_location", "remark"}
)
_clean_uncached = clean_text.__wrapped__


def _clean(column: str, text: str) -> str:
    return _clean_uncached(text) if column in _UNIQUE_COLUMNS else clean_text(text)


def parse_row(cells: list[str], mapping: dict[int, str], fallback_year: int | None) -> ParsedRow:
    values = {col: _clean(col, cells[i]) if i < len(cells) else "" for i, col in mapping.items()}
    filled = [c for c in cells if c.strip()]
    if len(filled) == 1 or _NOTE.match(_clean_uncached(filled[0][:8]) if filled else ""):
        raise RowRejectedError("note or subtotal row")
    for column, reason in (
        ("enterprise_name", "no enterprise name"),
        ("product_name", "no product name"),
    ):
        if not values.get(column):
            raise RowRejectedError(reason)
    try:
        verdict = verdict_of(values.get("result", ""), values.get("failed_items", ""))
    except RowRejectedError:
        # Only here, not on every row: mapping every cell would cost time and memory.
        if len(map_header(cells)) >= 3:
            raise RowRejectedError("repeated header row") from None
        raise
    if values.get("failed_items", "") in _NONE:
        values["failed_items"] = ""
    family, parsed = parse_family(values.get("designation", ""))
    for column, limit in MAX_LEN.items():
        if len(values.get(column, "")) > limit:
            values[column] = values[column][:limit]
    year_match = _YEAR.search(values.get("batch", ""))
    year = int(year_match.group(1)) if year_match else fallback_year
    row = ParsedRow(values, verdict, family, not parsed and bool(values.get("designation")), year)
    row.key = row_key(values, verdict)  # from the cells as written: stable identity
    if values.get("failed_items"):
        values["failed_items"] = item_text(values["failed_items"])[: MAX_LEN["failed_items"]]
    return row


def row_key(values: dict[str, str], verdict: str) -> str:
    """The identity of a published result: the same row from any copy of a file."""
    parts = [values.get(c, "") for c in sorted(values) if c not in {"seq", "remark"}]
    return hashlib.sha1(  # noqa: S324 (an identity key, not a security hash)
        "\x1f".join([*parts, verdict]).encode("utf-8")
    ).hexdigest()


def year_in(text: str) -> int | None:
    match = _YEAR.search(clean_text(text))
    return int(match.group(1)) if match else None

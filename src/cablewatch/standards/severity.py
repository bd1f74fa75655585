"""Grading of failed items as serious or general, by a scheme kept as data."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from os import PathLike
from pathlib import Path

from ._data import load_json
from .errors import SchemeError
from .rules import LABELS

_MAX_BOUND = 10  # a relative deviation of 1000 % is surely a typo in the scheme


class Severity(StrEnum):
    SERIOUS = "serious"
    GENERAL = "general"


@dataclass(frozen=True, slots=True)
class Threshold:
    """Deviation at or beyond ``bound`` (strictly beyond when ``strict``) grades ``severity``."""

    bound: Decimal
    strict: bool
    severity: Severity

    def reached(self, deviation: Decimal) -> bool:
        return deviation > self.bound if self.strict else deviation >= self.bound


@dataclass(frozen=True, slots=True)
class ItemGrading:
    """How one item's failure is graded: a fixed severity or thresholds on the deviation.

    The deviation is relative: measured/limit - 1 for 'over' items (resistance),
    1 - measured/limit for 'under' items (thickness, tensile, elongation).
    """

    item: str
    otherwise: Severity
    source: str
    direction: str = "over"
    thresholds: tuple[Threshold, ...] = ()
    by_material: tuple[tuple[str, tuple[Threshold, ...]], ...] = ()

    def grade(self, measured: float | None, limit: float | None, material: str) -> Severity:
        thresholds = dict(self.by_material).get(material, self.thresholds)
        if not thresholds or measured is None or not limit:
            return self.otherwise
        ratio = Decimal(repr(measured)) / Decimal(repr(limit))
        deviation = ratio - 1 if self.direction == "over" else 1 - ratio
        for threshold in thresholds:
            if threshold.reached(deviation):
                return threshold.severity
        return self.otherwise


@dataclass(frozen=True, slots=True)
class SeverityScheme:
    """A graded scheme: per item, how a failure is graded; ``default`` for unlisted items."""

    name: str
    source: str
    default: Severity
    items: tuple[tuple[str, ItemGrading], ...]

    def grade(
        self, item: str, measured: float | None, limit: float | None, material: str
    ) -> Severity:
        grading = dict(self.items).get(item)
        return grading.grade(measured, limit, material) if grading else self.default


def _severity(value: object, where: str) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        raise SchemeError(f"{where}: must be 'serious' or 'general'") from None


def _thresholds(raw: object, where: str) -> tuple[Threshold, ...]:
    if not isinstance(raw, list):
        raise SchemeError(f"{where}: must be a list")
    found = []
    for index, entry in enumerate(raw):
        here = f"{where}[{index}]"
        if not isinstance(entry, Mapping) or len({"at_least", "more_than"} & entry.keys()) != 1:
            raise SchemeError(f"{here}: needs exactly one of 'at_least' or 'more_than'")
        strict = "more_than" in entry
        bound = entry["more_than" if strict else "at_least"]
        if (
            isinstance(bound, bool)
            or not isinstance(bound, int | float)
            or not 0 <= bound < _MAX_BOUND
        ):
            raise SchemeError(f"{here}: bound must be a number in 0..10")
        found.append(
            Threshold(Decimal(repr(bound)), strict, _severity(entry.get("severity"), here))
        )
    return tuple(found)


def _grading(item: str, raw: object) -> ItemGrading:
    where = f"items.{item}"
    if item not in LABELS:
        raise SchemeError(f"{where}: unknown item")
    if not isinstance(raw, Mapping):
        raise SchemeError(f"{where}: must be an object")
    source = str(raw.get("source", ""))
    if raw.get("kind") == "fixed":
        return ItemGrading(item, _severity(raw.get("severity"), f"{where}.severity"), source)
    if raw.get("kind") != "graded":
        raise SchemeError(f"{where}.kind: must be 'fixed' or 'graded'")
    direction = raw.get("direction", "over")
    if direction not in ("over", "under"):
        raise SchemeError(f"{where}.direction: must be 'over' or 'under'")
    by_material = raw.get("by_material", {})
    if not isinstance(by_material, Mapping):
        raise SchemeError(f"{where}.by_material: must be an object")
    return ItemGrading(
        item=item,
        otherwise=_severity(raw.get("otherwise"), f"{where}.otherwise"),
        source=source,
        direction=direction,
        thresholds=_thresholds(raw.get("thresholds", []), f"{where}.thresholds"),
        by_material=tuple(
            (str(m), _thresholds(t, f"{where}.by_material.{m}")) for m, t in by_material.items()
        ),
    )


def load_severity_scheme(data: Mapping[str, object] | str | PathLike[str]) -> SeverityScheme:
    """Build a scheme from a dict or a JSON file path; raises SchemeError naming the field."""
    if isinstance(data, str | PathLike):
        try:
            data = json.loads(Path(data).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SchemeError(f"cannot read severity scheme: {exc}") from None
    if not isinstance(data, Mapping):
        raise SchemeError("scheme: must be a JSON object")
    items = data.get("items")
    if not isinstance(items, Mapping):
        raise SchemeError("items: must be an object mapping item names to gradings")
    return SeverityScheme(
        name=str(data.get("name", "")),
        source=str(data.get("source", "")),
        default=_severity(data.get("default", "general"), "default"),
        items=tuple((str(k), _grading(str(k), v)) for k, v in items.items()),
    )


@cache
def default_scheme() -> SeverityScheme:
    """The packaged scheme (data/severity_default.json)."""
    return load_severity_scheme(load_json("severity_default.json"))

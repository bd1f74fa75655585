"""The example sample of every family (src/cablewatch/standards/examples/).

A conforming example judges ``pass`` where every required item is encoded, and
``incomplete`` naming exactly the items whose requirement is not encoded otherwise (so an
example shows what a lab can judge today); a copy failing each measured item in turn
judges ``fail`` naming that item alone. The examples carry the whole catalogue (work list
plus the additions of requirements.json: ageing, hot set, structure, armour ...); with the
catalogue as the work list (the ``catalogue`` fixture stands in for a rule edition that
requires it) the same holds for every added item. ``python tools/standards_examples.py``
rewrites the examples.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import cablewatch.standards
from cablewatch.standards import judge, plan, required_items, worklist
from cablewatch.standards.rules import ItemKind, ItemSpec
from cablewatch.standards.worklist import catalogue_items

EXAMPLES = sorted(
    (Path(cablewatch.standards.__file__).parent / "examples").glob("*.json"),
    key=lambda p: p.name,
)
SAMPLES = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES}
FAMILIES_DESIGNATIONS = sorted({s["designation"] for s in SAMPLES.values()})

# families whose default work list must be wholly encoded (HIGH, MEDIUM or LOW)
COMPLETE = {
    "BV", "BV-300-500", "BVR", "BVV", "JKLYJ-10kV", "JKLYJ-1kV",
    "RV", "RV-300-500", "RVB", "RVV", "RVV-300-300", "VLV", "VV", "YJLV", "YJV", "YJV-1kV",
    "YJV22", "YJV32", "YJY",
}  # fmt: skip


def _not_encoded(designation: str) -> list[str]:
    return [s.item for s in required_items(designation) if not s.encoded or s.bound_only]


def _clear_caches() -> None:
    worklist.build_items.cache_clear()
    plan.compile_plan.cache_clear()


@pytest.fixture
def catalogue(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Judge with the whole catalogue as the work list, as a rule edition requiring it would."""
    names = {d: tuple(s.item for s in catalogue_items(d)) for d in FAMILIES_DESIGNATIONS}
    original = worklist.required_item_names

    def required(designation: Any, rule: str | None = None) -> tuple[str, ...]:
        text = next((d for d in names if worklist.parse_designation(d) == designation), None)
        return names[text] if text else original(designation, rule)

    monkeypatch.setattr(worklist, "required_item_names", required)
    _clear_caches()
    yield
    _clear_caches()


def test_there_is_an_example_for_every_family_of_issue_10() -> None:
    families = {json.loads(p.read_text(encoding="utf-8"))["designation"] for p in EXAMPLES}
    for needed in ("BVV", "RVB", "BLV", "KVVP", "BYJR", "JKLYJ", "VLV", "YC", "YZ", "RVS"):
        assert any(needed in d for d in families), needed
    assert len(EXAMPLES) >= 30


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_conforming_example_passes_or_names_what_is_not_encoded(name: str) -> None:
    sample = SAMPLES[name]
    result = judge(sample, lang="en")
    missing = _not_encoded(sample["designation"])
    if name in COMPLETE:
        assert missing == [], name
    if not missing:
        assert result["verdict"] == "pass", result
    else:
        assert result["verdict"] == "incomplete", result
        untested = [i["item"] for i in result["items"] if i["result"] == "not_tested"]
        assert untested == missing


def _break(spec: ItemSpec, measurements: dict[str, Any]) -> None:
    """Make the reading of one item fail its first limit, leaving the others as they are."""
    limit = spec.limits[0] if spec.limits else None
    if spec.kind is ItemKind.PASS_FAIL:
        measurements[spec.measurement] = "fail"
        return
    assert limit is not None
    raw = measurements[spec.measurement]
    target = raw[0] if isinstance(raw, list) else raw
    value = {
        ItemKind.RESISTANCE: limit.value * 1.1,
        ItemKind.MEAN_THICKNESS: round(limit.value - 0.06, 2),
        ItemKind.AT_LEAST: limit.value - 1
        if spec.item == "conductor_wire_count"
        else round(limit.value - 0.04, 3)
        if spec.item.endswith("thickness_min")
        else limit.value * 0.5,
        ItemKind.AT_MOST: limit.value * 2,
        ItemKind.WITHIN: -(limit.value + 5),
        ItemKind.RANGE: (limit.upper or limit.value) + 1,
    }[spec.kind]
    if spec.item == "conductor_wire_count":
        value = int(value)
    if isinstance(target, dict):
        target[spec.field or "value"] = value
    else:
        measurements[spec.measurement] = value


CASES = [
    (name, spec.item)
    for name, sample in sorted(SAMPLES.items())
    for spec in catalogue_items(sample["designation"])
    if spec.encoded and not spec.bound_only
]


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.usefixtures("catalogue")
def test_with_the_catalogue_the_example_passes_or_names_what_is_not_encoded(name: str) -> None:
    sample = SAMPLES[name]
    result = judge(sample, lang="en")
    missing = [
        s.item for s in catalogue_items(sample["designation"]) if not s.encoded or s.bound_only
    ]
    assert [i["item"] for i in result["items"]] == [
        s.item for s in catalogue_items(sample["designation"])
    ]
    assert result["verdict"] == ("incomplete" if missing else "pass"), result
    assert [i["item"] for i in result["items"] if i["result"] == "not_tested"] == missing


@pytest.mark.parametrize(("name", "item"), CASES)
@pytest.mark.usefixtures("catalogue")
def test_a_copy_failing_one_item_fails_naming_it(name: str, item: str) -> None:
    sample = copy.deepcopy(SAMPLES[name])
    spec = next(s for s in catalogue_items(sample["designation"]) if s.item == item)
    _break(spec, sample["measurements"])
    result = judge(sample, lang="en")
    assert result["verdict"] == "fail", (item, result["errors"])
    assert result["failed"] == [item]


def test_the_examples_are_what_the_generator_writes() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[3] / "tools"))
    from standards_examples import FAMILIES, conforming_measurements

    assert set(FAMILIES) == set(SAMPLES)
    for name, designation in FAMILIES.items():
        assert SAMPLES[name]["measurements"] == conforming_measurements(designation), name

"""No dead ends (issue 10 item 8): an item the engine cannot judge may be judged by the
analyst against a named clause with a reason, confirmed by the reviewer, and shown as
judged by hand. Nothing else may bypass the engine."""

from __future__ import annotations

from typing import Any

import pytest

from cablewatch.base.errors import DomainError
from cablewatch.base.models import User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import Sample
from cablewatch.spotcheck.services import results
from tests.integration.spotcheck.helpers import Cast, drawn_plan, first_task, make_cast, sample_for

pytestmark = pytest.mark.django_db

# KVV control cables: the sheath table of GB/T 9330 is not encoded in the engine.
DESIGNATION = "KVV 450/750V 4×1.5"
MEASURED: dict[str, Any] = {
    "conductor_resistance": {"value": 12.0, "temperature_c": 20.0},
    "insulation_thickness": {"mean": 0.9, "min": 0.8},
    "sheath_thickness": {"mean": 1.4, "min": 1.2},
    "insulation_tensile_strength": 15.0,
    "insulation_elongation": 180.0,
    "voltage_test": "pass",
    "marking": "pass",
}
CLAUSE = "GB/T 9330-2020 表"
HAND = {
    "sheath_thickness_mean": {
        "result": "pass",
        "clause": CLAUSE,
        "reason": "标称 1.2 mm, 平均 1.4 修约 1.4 ≥ 1.2",
    },
    "sheath_thickness_min": {
        "result": "pass",
        "clause": CLAUSE,
        "reason": "0.85×1.2−0.1=0.92 mm, 最薄 1.2 ≥ 0.92",
    },
}


@pytest.fixture
def setup(alice: User, shaanxi_maker: Enterprise) -> tuple[Cast, Sample]:
    cast = make_cast(alice)
    return cast, sample_for(first_task(drawn_plan(cast)), designation=DESIGNATION)


def test_without_a_hand_judgement_the_sample_cannot_be_approved(setup: tuple) -> None:
    cast, sample = setup
    results.submit_results(actor=cast.analyst, sample=sample, measurements=MEASURED)
    with pytest.raises(DomainError) as refused:
        results.approve_results(actor=cast.reviewer, sample=sample)
    assert refused.value.code == "no_verdict"
    assert "护套平均厚度" in refused.value.message  # the item by its name, not its key


def test_a_hand_judgement_confirmed_by_the_reviewer_gives_the_verdict(setup: tuple) -> None:
    cast, sample = setup
    results.submit_results(actor=cast.analyst, sample=sample, measurements=MEASURED, manual=HAND)
    with pytest.raises(DomainError) as refused:
        results.approve_results(actor=cast.reviewer, sample=sample)
    assert refused.value.code == "confirm_hand"
    version = results.approve_results(actor=cast.reviewer, sample=sample, confirm_hand=True)
    sample.refresh_from_db()
    assert sample.verdict == "pass" and sample.final
    judged = {i["item"]: i for i in version.verdict["items"]}
    assert judged["sheath_thickness_mean"]["judged_by"] == "hand"
    assert judged["sheath_thickness_mean"]["manual"]["clause"] == CLAUSE
    assert "judged_by" not in judged["conductor_resistance"]
    report = sample.reports.get().content
    by_item = {i["item"]: i for i in report["items"]}
    assert by_item["sheath_thickness_min"]["judged_by"] == "hand"
    assert "judged_by" not in by_item["marking"]


def test_a_hand_pass_does_not_lift_an_engine_fail(setup: tuple) -> None:
    cast, sample = setup
    high = {**MEASURED, "conductor_resistance": {"value": 12.5, "temperature_c": 20.0}}
    results.submit_results(actor=cast.analyst, sample=sample, measurements=high, manual=HAND)
    results.approve_results(actor=cast.reviewer, sample=sample, confirm_hand=True)
    sample.refresh_from_db()
    assert sample.verdict == "fail" and sample.failed_items == ["conductor_resistance"]


def test_a_hand_fail_fails_the_sample(setup: tuple) -> None:
    cast, sample = setup
    hand = {**HAND, "sheath_thickness_min": {**HAND["sheath_thickness_min"], "result": "fail"}}
    results.submit_results(actor=cast.analyst, sample=sample, measurements=MEASURED, manual=hand)
    results.approve_results(actor=cast.reviewer, sample=sample, confirm_hand=True)
    sample.refresh_from_db()
    assert sample.verdict == "fail" and sample.failed_items == ["sheath_thickness_min"]


@pytest.mark.parametrize(
    ("manual", "path"),
    [
        ({"conductor_resistance": {"result": "pass", "clause": "x", "reason": "y"}}, "manual."),
        ({"sheath_thickness_mean": {"result": "pass", "clause": CLAUSE, "reason": " "}}, "reason"),
        ({"sheath_thickness_mean": {"result": "ok", "clause": CLAUSE, "reason": "r"}}, "result"),
        ({"flame_test": {"result": "pass", "clause": "x", "reason": "y"}}, "manual."),
    ],
)
def test_nothing_else_bypasses_the_engine(setup: tuple, manual: dict, path: str) -> None:
    cast, sample = setup
    with pytest.raises(DomainError) as refused:
        results.submit_results(
            actor=cast.analyst, sample=sample, measurements=MEASURED, manual=manual
        )
    assert path in str(refused.value.field)
    assert not sample.results.exists()

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

YJV = "YJV 0.6/1kV 1×95"
MEASURED: dict[str, Any] = {
    "conductor_resistance": {"value": 0.19, "temperature_c": 20.0},
    "insulation_thickness": {"mean": 1.2, "min": 1.0},
    "sheath_thickness": {"mean": 1.6, "min": 1.4},
    "insulation_tensile_strength": 15.0,
    "insulation_elongation": 250.0,
    "voltage_test": "pass",
    "marking": "pass",
}
CLAUSE = "GB/T 12706.1-2020 附录A"
HAND = {
    "sheath_thickness_mean": {
        "result": "pass",
        "clause": CLAUSE,
        "reason": "假想直径 D=14.6 mm, 标称 0.035×14.6+1.0=1.5 mm, 平均 1.6 修约 1.6 ≥ 1.5",
    },
    "sheath_thickness_min": {
        "result": "pass",
        "clause": CLAUSE,
        "reason": "0.85×1.5−0.1=1.18 mm, 最薄 1.4 ≥ 1.18",
    },
}


@pytest.fixture
def setup(alice: User, shaanxi_maker: Enterprise) -> tuple[Cast, Sample]:
    cast = make_cast(alice)
    return cast, sample_for(first_task(drawn_plan(cast)), designation=YJV)


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


def test_an_engine_fail_stands_against_a_hand_pass(setup: tuple) -> None:
    cast, sample = setup
    thin = {**MEASURED, "sheath_thickness": {"mean": 1.2, "min": 1.0}}  # below the 1.4 floor
    results.submit_results(actor=cast.analyst, sample=sample, measurements=thin, manual=HAND)
    results.approve_results(actor=cast.reviewer, sample=sample, confirm_hand=True)
    sample.refresh_from_db()
    assert sample.verdict == "fail" and "sheath_thickness_mean" in sample.failed_items


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

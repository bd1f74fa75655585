"""Helpers and fixtures shared by the enforcement and sharing tests: a synthetic
final spot-check result (the event payload contract), and the people who act on it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from cablewatch.base.events import Event, publish
from cablewatch.base.models import Agency, Role, User
from cablewatch.registry.models import Enterprise
from tests.conftest import make_agency, make_user


def result_payload(enterprise: Enterprise, sample_id: str = "S-1", **extra: Any) -> dict[str, Any]:
    return {
        "sample_id": sample_id,
        "report_number": f"R-{sample_id}",
        "verdict": "fail",
        "failed_items": ["导体电阻"],
        "severity": "serious",
        "designation": "BV 450/750V 1×2.5",
        "product_family": "BV",
        "brand": "",
        "batch_number": "B1",
        "production_date": "2026-10-01",
        "enterprise_id": enterprise.pk,
        "enterprise_name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "enterprise_division": enterprise.division_id,
        "sampled_unit_name": enterprise.name,
        "sampled_unit_address": "",
        "sampled_division": enterprise.division_id,
        "site_kind": "market",
        "lab_name": "lab",
        "plan_id": 1,
        "plan_division": "610000",
        "result_date": "2026-11-20",
        "retest": False,
        **extra,
    }


def publish_result(enterprise: Enterprise, sample_id: str = "S-1", **extra: Any) -> None:
    with transaction.atomic():
        publish(
            Event(
                "spotcheck.result.final",
                result_payload(enterprise, sample_id, **extra),
                division_code=enterprise.division_id,
            )
        )


@pytest.fixture
def police(agencies: dict[str, Agency]) -> Agency:
    return make_agency("t-police", "police", "610100")


@pytest.fixture
def enforcer(agencies: dict[str, Agency]) -> User:
    """Enforcement officer of Xi'an."""
    return make_user("enforcer", Role.ENFORCEMENT, agencies["enforcement"])


@pytest.fixture
def gd_enforcer(agencies: dict[str, Agency]) -> User:
    return make_user("gd-enf", Role.ENFORCEMENT, make_agency("t-gd-enf", "enforcement", "440000"))

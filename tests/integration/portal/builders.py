"""Tiny builders: a final spot-check result arriving as the event, a published row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from cablewatch.base.events import Event, publish
from cablewatch.portal.models import PublishedResult
from cablewatch.registry.models import Enterprise


def final_result(sample_id: int, enterprise: Enterprise, **extra: Any) -> None:
    payload: dict[str, Any] = {
        "sample_id": sample_id,
        "report_number": f"R-{sample_id}",
        "verdict": "pass",
        "failed_items": [],
        "severity": None,
        "designation": "BV 450/750V 1×2.5",
        "product_family": "BV",
        "brand": "秦川",
        "batch_number": "B1",
        "production_date": "2026-01-05",
        "enterprise_id": enterprise.pk,
        "enterprise_name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "enterprise_division": enterprise.division_id,
        "sampled_unit_name": "西安建材市场",
        "sampled_unit_address": "陕西省西安市",
        "sampled_division": "610100",
        "site_kind": "market",
        "lab_name": "陕西省产品质量监督检验研究院",
        "plan_id": 1,
        "plan_division": "610000",
        "result_date": "2026-03-01",
        "retest": False,
        "plan_name": "2026 陕西省电线电缆监督抽查",
        **extra,
    }
    if "retest_deadline" not in payload:  # a failure's window closed before the tests' day
        failing = payload["verdict"] == "fail" and not payload["retest"]
        payload["retest_deadline"] = "2026-03-05" if failing else None
    with transaction.atomic():
        publish(Event("spotcheck.result.final", payload, division_code=payload["plan_division"]))


def published(enterprise: Enterprise | None = None, **extra: Any) -> PublishedResult:
    n = PublishedResult.objects.count() + 1
    values: dict[str, Any] = {
        "product_name": "电线",
        "enterprise_name": enterprise.name if enterprise else "某电缆厂",
        "designation": "BV 2.5",
        "verdict": "pass",
        "source": "imported",
        "source_label": "测试局",
        "row_key": f"k{n}",
        "enterprise": enterprise,
        "division_code": enterprise.division_id if enterprise else "610100",
        "year": 2025,
        "published_on": dt.date(2026, 1, 1),
        "product_family": "BV",
        **extra,
    }
    row = PublishedResult(**values)
    row.fill_keys()
    row.save()
    return row

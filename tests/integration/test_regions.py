"""The one region rule (`within`, and `in_region` as a filter), checked against the
division table's parent links, with the municipalities whose codes end in 0000."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cablewatch.base.models import ApiToken, Division
from cablewatch.base.models.regions import in_region, scope_prefix, within
from cablewatch.registry.models import Enterprise
from cablewatch.sharing.routing import targets
from tests.conftest import make_agency, make_user

pytestmark = pytest.mark.django_db

KNOWN = [
    # code, region, within?
    ("500000", "500000", True),  # Chongqing itself
    ("500100", "500000", True),
    ("510100", "500000", False),  # Chengdu, Sichuan: not Chongqing though both start with 5
    ("510000", "500000", False),
    ("110100", "110000", True),  # Beijing
    ("120100", "110000", False),
    ("120100", "120000", True),  # Tianjin
    ("130100", "120000", False),  # Hebei
    ("310100", "310000", True),  # Shanghai
    ("320100", "310000", False),
    ("610112", "610000", True),  # Shaanxi, a province
    ("610112", "610100", True),
    ("610300", "610100", False),
    ("610000", "610100", False),  # the province is not within its city
    ("440606", "610000", False),
    ("440606", "000000", True),
    ("abcdef", "000000", False),
    ("61", "610000", False),
]


@pytest.mark.parametrize(("code", "region", "expected"), KNOWN)
def test_it_knows_which_division_lies_within_which(code: str, region: str, expected: bool) -> None:
    assert within(code, region) is expected


def test_the_municipalities_scope_by_two_digits() -> None:
    assert [scope_prefix(c) for c in ("110000", "120000", "310000", "500000")] == [
        "11",
        "12",
        "31",
        "50",
    ]
    assert scope_prefix("500100") == "5001" and scope_prefix("000000") == ""


def ancestors(division: Division) -> set[str]:
    found = {division.code}
    while division.parent is not None:
        division = division.parent
        found.add(division.code)
    return found


def test_within_and_its_filter_agree_with_the_parent_links_for_every_pair() -> None:
    divisions = list(Division.objects.select_related("parent__parent__parent"))
    for region in divisions:
        expected = {d.code for d in divisions if region.code in ancestors(d)}
        assert {d.code for d in divisions if within(d.code, region.code)} == expected
        filtered = set(
            Division.objects.filter(in_region("code", region.code)).values_list("code", flat=True)
        )
        assert filtered == expected, region.code


def failed_result(home: str, plan: str) -> dict[str, Any]:
    return {
        "verdict": "fail",
        "enterprise_division": home,
        "plan_division": plan,
        "enterprise_name": "蜀川电缆有限公司",
        "report_number": "R-1",
        "credit_code": "-",
    }


def test_a_sichuan_enterprise_failing_a_chongqing_plan_reaches_its_home_regulator() -> None:
    sichuan = make_agency("t-sc", "regulator", "510000")
    chongqing = make_agency("t-cq", "regulator", "500000")
    found = [
        agency
        for agency, *_rest in targets("spotcheck.result.final", failed_result("510100", "500000"))
    ]
    assert sichuan in found and chongqing not in found
    inside = [
        a for a, *_rest in targets("spotcheck.result.final", failed_result("500100", "500000"))
    ]
    assert inside == []  # a Chongqing enterprise in a Chongqing plan: no one elsewhere to tell


@pytest.mark.parametrize("path", ["/api/v1/enterprises", "/api/v1/tracing/projects"])
def test_the_api_division_filter_takes_a_municipality_and_refuses_junk(
    path: str, make_enterprise: Any
) -> None:
    make_enterprise("渝州电缆有限公司", "500000")
    make_enterprise("蓉城电缆有限公司", "510100")
    admin = make_user("cq-admin", "administrator", make_agency("t-n", "regulator", "000000"))
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(admin, 't')[1]}"}
    ok = Client().get(f"{path}?division=500000", **headers)
    assert ok.status_code == 200
    if path == "/api/v1/enterprises":
        names = {e["name"] for e in ok.json()["items"]}
        assert names == {"渝州电缆有限公司"}
        assert Enterprise.objects.count() == 2
    for junk in ("5", "abc", "５００１００", "x" * 300):
        bad = Client().get(f"{path}?division={junk}", **headers)
        assert bad.status_code == 422, junk  # a query parameter that fails validation
        assert bad["Content-Type"] == "application/problem+json"

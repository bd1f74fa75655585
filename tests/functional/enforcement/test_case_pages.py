from __future__ import annotations

from decimal import Decimal

import pytest

from cablewatch.base.models import User
from cablewatch.enforcement import services
from cablewatch.enforcement.models import Case
from cablewatch.registry.models import Enterprise
from tests.conftest import login
from tests.enforcement_support import publish_result

pytestmark = pytest.mark.django_db


def test_the_officer_sees_the_case_with_its_range(
    shaanxi_maker: Enterprise, enforcer: User
) -> None:
    publish_result(shaanxi_maker)
    case = Case.objects.get()
    client = login(enforcer)
    assert case.number in client.get("/enforcement/cases/").content.decode()
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "第四十九条" in page and "form-file" in page


def test_an_officer_of_another_region_gets_404(
    shaanxi_maker: Enterprise, gd_enforcer: User
) -> None:
    publish_result(shaanxi_maker)
    case = Case.objects.get()
    client = login(gd_enforcer)
    assert client.get(f"/enforcement/cases/{case.pk}/").status_code == 404
    assert client.post(f"/enforcement/cases/{case.pk}/file/").status_code == 404
    assert case.number not in client.get("/enforcement/cases/").content.decode()


def test_an_enterprise_user_gets_404(shaanxi_maker: Enterprise, maker_user: User) -> None:
    assert login(maker_user).get("/enforcement/cases/").status_code == 404


def test_a_supervision_officer_may_look_but_not_act(
    shaanxi_maker: Enterprise, alice: User, agencies: object
) -> None:
    publish_result(shaanxi_maker)
    case = Case.objects.get()
    client = login(alice)
    assert client.get(f"/enforcement/cases/{case.pk}/").status_code == 200
    assert client.post(f"/enforcement/cases/{case.pk}/file/").status_code == 404


def test_a_decision_outside_the_range_asks_for_a_reason(
    shaanxi_maker: Enterprise, enforcer: User
) -> None:
    publish_result(shaanxi_maker)
    case = services.file_case(actor=enforcer, case=Case.objects.get())
    services.update_figures(
        actor=enforcer, case=case, sold_value=Decimal(1000), unsold_value=Decimal(0),
        illegal_income=Decimal(0),
    )  # fmt: skip
    services.serve_notice(actor=enforcer, case=case)
    client = login(enforcer)
    url = f"/enforcement/cases/{case.pk}/decide/"
    response = client.post(url, {"fine": "10", "decision": "fine", "reason": ""})
    assert response.status_code == 200
    assert 'data-field="reason"' in response.content.decode()
    response = client.post(url, {"fine": "10", "decision": "fine", "reason": "poverty"})
    assert response.status_code == 302
    assert Case.objects.get().fine == Decimal(10)


def test_the_transfer_list_groups_cases(shaanxi_maker: Enterprise, enforcer: User) -> None:
    publish_result(shaanxi_maker)
    services.flag_transfer(actor=enforcer, case=Case.objects.get(), basis="sales")
    page = login(enforcer).get("/enforcement/transfers/").content.decode()
    assert Case.objects.get().number in page


def test_the_history_page_shows_failed_samples(shaanxi_maker: Enterprise, enforcer: User) -> None:
    publish_result(shaanxi_maker, "S-9")
    page = login(enforcer).get(f"/enforcement/enterprises/{shaanxi_maker.pk}/history/")
    assert "R-S-9" in page.content.decode()


def test_the_cases_api_is_scoped_by_region(
    shaanxi_maker: Enterprise, enforcer: User, gd_enforcer: User
) -> None:
    from cablewatch.base.models import ApiToken

    publish_result(shaanxi_maker)
    case = Case.objects.get()
    _t, mine = ApiToken.issue(enforcer, "t")
    _t, theirs = ApiToken.issue(gd_enforcer, "t")
    client = login(enforcer)
    items = client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {mine}").json()["items"]
    assert [i["id"] for i in items] == [case.pk]
    other = client.get(f"/api/v1/cases/{case.pk}", HTTP_AUTHORIZATION=f"Bearer {theirs}")
    assert other.status_code == 404

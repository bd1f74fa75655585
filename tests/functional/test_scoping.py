"""Who sees what: every denial a regulator relies on, on the pages and in the API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cablewatch.base.models import ApiToken
from tests.conftest import login


def detail(enterprise) -> str:  # type: ignore[no-untyped-def]
    return reverse("registry:enterprise-detail", args=[enterprise.pk])


def test_an_officer_sees_an_enterprise_of_their_province(alice, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    response = login(alice).get(detail(shaanxi_maker))
    assert response.status_code == 200
    assert shaanxi_maker.name in response.content.decode()


def test_a_sibling_provinces_officer_gets_404_not_403(bob, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    assert login(bob).get(detail(shaanxi_maker)).status_code == 404


def test_a_city_officer_does_not_see_the_rest_of_the_province(xavier, make_enterprise) -> None:  # type: ignore[no-untyped-def]
    baoji = make_enterprise("宝鸡电缆厂", "610300")
    xian = make_enterprise("西安电缆厂", "610112")
    client = login(xavier)
    assert client.get(detail(xian)).status_code == 200
    assert client.get(detail(baoji)).status_code == 404


def test_the_national_officer_sees_every_region(carol, shaanxi_maker, guangdong_maker) -> None:  # type: ignore[no-untyped-def]
    client = login(carol)
    assert client.get(detail(shaanxi_maker)).status_code == 200
    assert client.get(detail(guangdong_maker)).status_code == 200


def test_the_list_shows_only_the_officers_region(alice, shaanxi_maker, guangdong_maker) -> None:  # type: ignore[no-untyped-def]
    page = login(alice).get(reverse("registry:enterprise-list")).content.decode()
    assert shaanxi_maker.name in page
    assert guangdong_maker.name not in page


def test_an_enterprise_user_reads_only_their_own_enterprise(
    maker_user, shaanxi_maker, make_enterprise
) -> None:  # type: ignore[no-untyped-def]
    neighbour = make_enterprise("隔壁电缆有限公司", "610112")
    client = login(maker_user)
    assert client.get(detail(shaanxi_maker)).status_code == 200
    assert client.get(detail(neighbour)).status_code == 404
    assert client.get(reverse("registry:enterprise-list")).status_code == 404


def test_an_enterprise_user_does_not_see_the_audit_trail(maker_user, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    page = login(maker_user).get(detail(shaanxi_maker)).content.decode()
    assert 'id="history"' not in page


@pytest.mark.parametrize(
    "name", ["registry:enterprise-list", "registry:certificate-list", "base:home", "base:tokens"]
)
def test_an_anonymous_user_is_sent_to_sign_in(name: str, db: None) -> None:
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("base:login"))


def test_an_anonymous_user_reaches_the_public_pages(db: None) -> None:
    assert Client().get(reverse("portal:home")).status_code == 200
    assert Client().get("/api/v1/openapi.json").status_code == 200


def test_only_administrators_reach_the_admin_site(alice, admin_user) -> None:  # type: ignore[no-untyped-def]
    assert login(alice).get("/admin/").status_code == 302
    assert login(admin_user).get("/admin/").status_code == 200


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _token, raw = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_api_hides_a_sibling_provinces_enterprise(bob, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(f"/api/v1/enterprises/{shaanxi_maker.pk}", **bearer(bob))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_api_lists_only_the_callers_region(alice, shaanxi_maker, guangdong_maker) -> None:  # type: ignore[no-untyped-def]
    body = Client().get("/api/v1/enterprises", **bearer(alice)).json()
    names = {item["name"] for item in body["items"]}
    assert shaanxi_maker.name in names
    assert guangdong_maker.name not in names


def test_the_api_refuses_an_anonymous_caller(shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/enterprises")
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_a_revoked_token_no_longer_works(alice) -> None:  # type: ignore[no-untyped-def]
    token, raw = ApiToken.issue(alice, "old")
    token.revoked = True
    token.save()
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401


def test_an_enterprise_user_cannot_read_another_enterprise_through_the_api(
    maker_user,
    make_enterprise,  # type: ignore[no-untyped-def]
) -> None:
    neighbour = make_enterprise("隔壁电缆有限公司", "610112")
    response = Client().get(f"/api/v1/enterprises/{neighbour.pk}", **bearer(maker_user))
    assert response.status_code == 404


def test_a_lab_user_sees_nothing_of_the_registry(agencies, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    from cablewatch.base.models import Role
    from tests.conftest import make_user

    analyst = make_user("lab-analyst", Role.LAB_ANALYST, agencies["lab"])
    client = login(analyst)
    assert client.get(reverse("registry:enterprise-list")).status_code == 404
    assert client.get(detail(shaanxi_maker)).status_code == 404
    body = Client().get("/api/v1/enterprises", **bearer(analyst)).json()
    assert body["items"] == []

"""The public portal: no login, published results only, search as people type."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from cablewatch.registry.models import Enterprise
from cablewatch.registry.services import update_enterprise
from tests.integration.portal.builders import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(
    make_enterprise: Callable[..., Enterprise], shaanxi_maker: Enterprise
) -> dict[str, Enterprise]:
    qin = shaanxi_maker  # 秦川电缆有限公司
    update_enterprise(actor=None, enterprise=qin, data={"name": "秦川智能电缆集团有限公司"})
    qin.refresh_from_db()
    gd = make_enterprise("顺德电线有限公司", "440606")
    published(qin, verdict="fail", failed_items="导体电阻", year=2024)
    published(qin, year=2025, designation="YJV 0.6/1kV 3×95", product_family="YJV")
    published(gd, year=2025)
    return {"qin": qin, "gd": gd}


def test_the_home_page_shows_figures_and_svg_charts(dataset: dict[str, Enterprise]) -> None:
    response = Client().get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<svg") >= 4
    assert "导体电阻" in body
    assert 'href="/verify/"' in body


@pytest.mark.parametrize(
    "query",
    ["秦川智能", "秦川電纜", "秦川电缆有限公司", "秦(qín)川", "ｑｉｎ秦川"[-2:]],
)
def test_search_finds_current_and_former_names_however_typed(
    dataset: dict[str, Enterprise], query: str
) -> None:
    body = Client().get("/search/", {"q": query}).content.decode()
    assert body.count('class="badge fail"') == 1
    assert "顺德" not in body


def test_search_by_credit_code_designation_region_year_and_result(
    dataset: dict[str, Enterprise],
) -> None:
    client = Client()
    code = dataset["gd"].credit_code or ""
    assert "顺德电线" in client.get("/search/", {"q": code}).content.decode()
    body = client.get("/search/", {"designation": "yjv 0.6/1kv 3*95"}).content.decode()
    assert "YJV 0.6/1kV 3×95" in body and "顺德" not in body
    body = client.get("/search/", {"region": "440000"}).content.decode()
    assert "顺德电线" in body and "秦川" not in body
    body = client.get("/search/", {"year": "2024", "verdict": "fail"}).content.decode()
    assert "导体电阻" in body and "顺德" not in body


def test_a_bad_filter_value_shows_an_error_and_no_rows(dataset: dict[str, Enterprise]) -> None:
    body = Client().get("/search/", {"year": "abc"}).content.decode()
    assert 'class="errorlist"' in body
    assert "秦川" not in body.split('data-test="results"')[1]


def test_the_enterprise_page_lists_results_certificates_and_a_trend(
    dataset: dict[str, Enterprise], certificate: object
) -> None:
    qin = dataset["qin"]
    body = Client().get(f"/enterprises/{qin.pk}/").content.decode()
    assert "秦川智能电缆集团有限公司" in body
    assert "秦川电缆有限公司" in body  # former name
    assert "2022010105000001" in body
    assert "<svg" in body


def test_an_enterprise_without_published_results_has_no_public_page(
    make_enterprise: Callable[..., Enterprise],
) -> None:
    quiet = make_enterprise("安静电缆有限公司")
    assert Client().get(f"/enterprises/{quiet.pk}/").status_code == 404
    assert Client().get("/enterprises/999999/").status_code == 404


def test_the_pages_come_in_english(dataset: dict[str, Enterprise]) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/search/").content.decode()
    assert "Search published results" in body

"""The API answers hostile and malformed requests with problem+json, never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from cablewatch.base.models import ApiToken, User
from cablewatch.registry.models import Enterprise

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def token(user: User) -> dict[str, str]:
    _t, raw = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def send(method: str, url: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
    data = body if isinstance(body, str | bytes) or body is None else json.dumps(body)
    call = getattr(Client(), method)
    if data is None:
        return call(url, **(headers or {}))
    return call(url, data, content_type="application/json", **(headers or {}))


def is_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


@pytest.mark.parametrize("url", ["/api/v1/enterprises", "/api/v1/tracing/projects"])
@pytest.mark.parametrize("value", ["61", "610112", "abc", "0" * 40])
def test_the_division_filter_answers(carol: User, url: str, value: str) -> None:
    response = send("get", f"{url}?division={value}", headers=token(carol))
    assert response.status_code in (200, 422), response.content[:300]
    if response.status_code == 422:
        is_problem(response, 422)


def test_the_division_filter_finds_the_region(
    carol: User, shaanxi_maker: Enterprise, guangdong_maker: Enterprise
) -> None:
    body = send("get", "/api/v1/enterprises?division=61", headers=token(carol)).json()
    assert [e["id"] for e in body["items"]] == [shaanxi_maker.pk]


@pytest.mark.parametrize(
    "field", ["name", "kind", "address", "division", "status", "legal_representative"]
)
def test_a_patch_with_null_is_refused_with_the_field(
    alice: User, shaanxi_maker: Enterprise, field: str
) -> None:
    response = send("patch", f"/api/v1/enterprises/{shaanxi_maker.pk}", {field: None}, token(alice))
    body = is_problem(response, 422)
    assert body["errors"][0]["field"] == field


def test_a_patch_with_a_null_credit_code_clears_it(alice: User, shaanxi_maker: Enterprise) -> None:
    response = send(
        "patch", f"/api/v1/enterprises/{shaanxi_maker.pk}", {"credit_code": None}, token(alice)
    )
    assert response.status_code == 200
    assert response.json()["credit_code"] is None


@pytest.mark.parametrize("length", [1e20, 1e308])
def test_a_huge_movement_length_is_refused(alice: User, length: Any) -> None:
    body = {
        "kind": "commission",
        "batch": "urn:epc:class:lgtin:1.2.B1",
        "length_m": length,
        "date": "2026-01-01",
    }
    response = send("post", "/api/v1/tracing/movements", body, token(alice))
    is_problem(response, 422)


@pytest.mark.parametrize("url", ["/api/v1/tracing/movements", "/api/v1/penalty"])
def test_a_number_beyond_a_double_is_not_json_within_bounds(alice: User, url: str) -> None:
    """1e400 parses as infinity in Python: the body parser refuses it (400)."""
    text = '{"length_m": 1e400, "sold_value": 1e400}'
    is_problem(send("post", url, text, token(alice)), 400)


@pytest.mark.parametrize("quantity", [1e20, 1e308])
def test_a_huge_epcis_quantity_is_a_reject_not_a_500(alice: User, quantity: float) -> None:
    event = {
        "type": "ObjectEvent",
        "action": "ADD",
        "bizStep": "commissioning",
        "eventTime": "2026-01-01T00:00:00Z",
        "eventTimeZoneOffset": "+08:00",
        "quantityList": [
            {"epcClass": "urn:epc:class:lgtin:6901234.00001.B1", "quantity": quantity, "uom": "MTR"}
        ],
    }
    doc = {"type": "EPCISDocument", "schemaVersion": "2.0", "epcisBody": {"eventList": [event]}}
    response = send("post", "/api/v1/tracing/epcis", doc, token(alice))
    assert response.status_code < 500, response.content[:300]


@pytest.mark.parametrize("value", ["1e20", "1e308", "-1e308", "1" * 25])
def test_a_huge_penalty_figure_is_refused(value: str) -> None:
    text = '{"violation": "unsafe_product", "sold_value": ' + value + ', "unsold_value": 0}'
    response = send("post", "/api/v1/penalty", text)
    is_problem(response, 422)


@pytest.mark.parametrize("url", ["/api/v1/judge", "/api/v1/exchange/inbox"])
@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 5000 + "1" + "}" * 5000,
        '{"designation": "BV 2.5", "id": ' + "9" * 5000 + "}",
        '{"designation": "BV 2.5", "measurements": {"x": 1e999}}',
        '{"designation": "BV 2.5", "measurements": {"x": NaN}}',
    ],
)
def test_hostile_json_on_the_public_endpoints_is_a_400(url: str, text: str) -> None:
    body = is_problem(send("post", url, text), 400)
    assert body["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/certificates?holder=99999999999999999999999",
        "/api/v1/products?enterprise=-99999999999999999999999",
        "/api/v1/enterprises/99999999999999999999999",
        "/api/v1/published-results?enterprise=99999999999999999999999",
        "/api/v1/published-results?year=99999999999999999999999",
        "/api/v1/tracing/where-used?enterprise_id=99999999999999999999999",
        "/api/v1/tracing/batches?enterprise_id=99999999999999999999999",
        "/api/v1/cases/99999999999999999999999",
        "/api/v1/enterprises?cursor=OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5",
    ],
)
def test_integers_beyond_64_bits_are_refused(carol: User, url: str) -> None:
    response = send("get", url, headers=token(carol))
    assert response.status_code in (400, 404, 422), response.content[:300]
    assert response["Content-Type"] == PROBLEM


def test_an_unknown_api_path_is_a_problem() -> None:
    is_problem(send("get", "/api/v1/no-such-thing"), 404)
    is_problem(send("get", "/api/nothing"), 404)


def test_a_wrong_method_is_a_problem() -> None:
    body = is_problem(send("delete", "/api/v1/penalty"), 405)
    assert body["title"]


def test_a_body_over_the_limit_is_a_problem(settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    is_problem(send("post", "/api/v1/judge", '{"designation": "' + "x" * 2000 + '"}'), 413)


def test_a_too_long_url_is_a_problem() -> None:
    is_problem(send("get", "/api/v1/published-results?q=" + "x" * 9000), 414)


def test_an_unexpected_error_is_a_problem_not_html(monkeypatch: pytest.MonkeyPatch) -> None:
    from cablewatch.verdicts import api

    def boom(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(api, "judge", boom)
    client = Client(raise_request_exception=False)
    response = client.post(
        "/api/v1/judge", '{"designation": "BV 2.5"}', content_type="application/json"
    )
    body = is_problem(response, 500)
    assert "unexpected" not in json.dumps(body)


def test_the_schema_names_each_enum_once() -> None:
    doc = send("get", "/api/v1/openapi.json").json()
    schemas = doc["components"]["schemas"]
    assert "Kind" not in schemas and "Status" not in schemas
    assert schemas["EnterpriseKind"]["enum"] == list(Enterprise.Kind.values)
    assert schemas["EnterpriseStatus"]["enum"] == list(Enterprise.Status.values)
    from cablewatch.registry.models import Certificate
    from cablewatch.tracing.models import Project

    assert schemas["CertificateKind"]["enum"] == list(Certificate.Kind.values)
    assert schemas["CertificateStatus"]["enum"] == list(Certificate.Status.values)
    assert schemas["ProjectKind"]["enum"] == list(Project.Kind.values)

from __future__ import annotations

import json

from django.test import Client

from cablewatch.base.models import ApiToken, AuditEntry
from cablewatch.lib import creditcode
from cablewatch.registry.models import Enterprise


def api(user) -> tuple[Client, dict[str, str]]:  # type: ignore[no-untyped-def]
    _t, raw = ApiToken.issue(user, "test")
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client: Client, url: str, body: object, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_the_openapi_document_describes_the_registry(db: None) -> None:
    doc = Client().get("/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "CableWatch API"
    assert "/api/v1/enterprises" in doc["paths"]


def test_a_bad_credit_code_is_a_problem_naming_the_field(alice) -> None:  # type: ignore[no-untyped-def]
    client, headers = api(alice)
    response = post(
        client,
        "/api/v1/enterprises",
        {
            "name": "坏码电缆",
            "credit_code": "91610112MA6TABCD10",
            "kind": "manufacturer",
            "division": "610112",
        },
        headers,
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["field"] == "credit_code"
    assert not Enterprise.objects.filter(name="坏码电缆").exists()


def test_a_schema_error_names_the_field_and_reason(alice) -> None:  # type: ignore[no-untyped-def]
    client, headers = api(alice)
    response = post(
        client, "/api/v1/enterprises", {"name": "x", "kind": "spaceship", "division": "61"}, headers
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"kind", "division"} <= fields


def test_an_officer_cannot_register_outside_their_region(alice) -> None:  # type: ignore[no-untyped-def]
    client, headers = api(alice)
    response = post(
        client,
        "/api/v1/enterprises",
        {"name": "广东某厂", "kind": "manufacturer", "division": "440606"},
        headers,
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "division"


def test_create_then_rename_through_the_api_keeps_the_old_name(alice) -> None:  # type: ignore[no-untyped-def]
    client, headers = api(alice)
    code = creditcode.make("9", "1", "610112", "MA6TAP101")
    created = post(
        client,
        "/api/v1/enterprises",
        {"name": "接口电缆", "credit_code": code, "kind": "manufacturer", "division": "610112"},
        headers,
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    renamed = client.patch(
        f"/api/v1/enterprises/{pk}",
        json.dumps({"name": "接口线缆集团", "reason": "更名"}),
        content_type="application/json",
        **headers,
    )
    assert renamed.json()["former_names"] == ["接口电缆"]
    found = client.get("/api/v1/enterprises", {"q": "接口电缆"}, **headers).json()
    assert [e["id"] for e in found["items"]] == [pk]
    history = client.get(f"/api/v1/enterprises/{pk}/history", **headers).json()
    assert history[0]["reason"] == "更名"
    assert AuditEntry.objects.filter(target_id=str(pk)).count() == 2


def test_pages_of_results_follow_each_other_without_gaps(carol, make_enterprise) -> None:  # type: ignore[no-untyped-def]
    made = {make_enterprise(f"分页电缆{i}").pk for i in range(7)}
    client, headers = api(carol)
    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/enterprises", params, **headers).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert set(seen) == made
    assert len(seen) == len(made)


def test_a_forged_cursor_is_a_problem(carol) -> None:  # type: ignore[no-untyped-def]
    client, headers = api(carol)
    response = client.get("/api/v1/enterprises", {"cursor": "!!not-a-cursor"}, **headers)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "cursor"


def test_a_certificate_can_be_suspended_with_a_reason(certifier, certificate) -> None:  # type: ignore[no-untyped-def]
    client, headers = api(certifier)
    response = post(
        client,
        f"/api/v1/certificates/{certificate.pk}/status",
        {"to_status": "suspended", "changed_on": "2026-05-01", "reason": "抽查不合格"},
        headers,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "suspended"


def test_a_body_that_is_not_json_is_a_problem(alice) -> None:  # type: ignore[no-untyped-def]
    client, headers = api(alice)
    response = client.post(
        "/api/v1/enterprises", "{not json", content_type="application/json", **headers
    )
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"

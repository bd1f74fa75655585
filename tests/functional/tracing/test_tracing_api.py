from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from cablewatch.base.models import ApiToken, User
from tests.integration.tracing import epcis_builder as b

pytestmark = pytest.mark.django_db


def api(user: User) -> tuple[Client, dict[str, str]]:
    _t, raw = ApiToken.issue(user, "test")
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(user: User, url: str, body: Any) -> Any:
    client, headers = api(user)
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_an_epcis_document_posted_to_the_api_is_imported(alice: User) -> None:
    response = post(alice, "/api/v1/tracing/epcis", b.document(b.three_projects()))
    assert response.status_code == 200
    assert response.json()["imported"] == 8
    client, headers = api(alice)
    used = client.get("/api/v1/tracing/where-used", {"batch": b.BATCH}, **headers).json()
    assert used["installed_m"] == 570


def test_one_movement_at_a_time_with_the_quantity_check(alice: User) -> None:
    made = {
        "kind": "commission",
        "batch": "urn:b:9",
        "from": "urn:p:m",
        "length_m": 100,
        "date": "2021-01-01",
        "designation": "YJV 0.6/1kV 3×95+1×50",
    }
    assert post(alice, "/api/v1/tracing/movements", made).status_code == 201
    ship = {
        "kind": "ship",
        "batch": "urn:b:9",
        "from": "urn:p:m",
        "to": "urn:p:d",
        "length_m": 150,
        "date": "2021-01-02",
    }
    refused = post(alice, "/api/v1/tracing/movements", ship)
    assert refused.status_code == 400
    assert "100" in refused.json()["detail"] and "150" in refused.json()["detail"]
    ship["length_m"] = 40
    assert post(alice, "/api/v1/tracing/movements", ship).json()["held_m"] == 100


def test_where_used_by_enterprise_and_designation(alice: User) -> None:
    post(alice, "/api/v1/tracing/epcis", b.document(b.three_projects()))
    client, headers = api(alice)
    used = client.get(
        "/api/v1/tracing/where-used", {"designation": "BV 450/750 1x2.5"}, **headers
    ).json()
    assert used["batches"] == [b.BATCH] and used["installed_m"] == 570


def test_an_enterprise_user_cannot_import_or_search(maker_user: User) -> None:
    assert post(maker_user, "/api/v1/tracing/epcis", b.document([])).status_code == 403
    client, headers = api(maker_user)
    assert client.get("/api/v1/tracing/where-used", {"batch": "x"}, **headers).status_code == 403

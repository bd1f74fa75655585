from __future__ import annotations

import json

from django.test import Client

from tests.conftest import login

XIAN_CASE = {
    "designation": "YJV 0.6/1kV 3×95+1×50",
    "conductor_resistance.95.value": "0.268",
    "conductor_resistance.95.temperature_c": "20",
    "conductor_resistance.50.value": "0.380",
    "conductor_resistance.50.temperature_c": "20",
}


def test_the_judge_api_gives_the_same_verdict_as_the_cli_contract(db: None) -> None:
    sample = {
        "id": "S-1",
        "designation": "BV 450/750V 1×2.5",
        "measurements": {"conductor_resistance": {"value": 7.62, "temperature_c": 23.0}},
    }
    response = Client().post("/api/v1/judge", json.dumps(sample), content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "S-1"
    assert body["verdict"] == "fail"
    assert body["failed"] == ["conductor_resistance"]


def test_the_judge_api_answers_bad_measurements_with_an_error_verdict(db: None) -> None:
    sample = {
        "designation": "BV 450/750V 1×2.5",
        "measurements": {"insulation_thickness": {"mean": -1, "min": 0.7}},
    }
    body = (
        Client().post("/api/v1/judge", json.dumps(sample), content_type="application/json").json()
    )
    assert body["verdict"] == "error"
    assert any("insulation_thickness" in e for e in body["errors"])


def test_a_body_that_is_not_json_is_a_problem(db: None) -> None:
    response = Client().post("/api/v1/judge", "designation=BV", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "body"


def test_the_judge_page_shows_the_undersized_conductor_failing(alice) -> None:  # type: ignore[no-untyped-def]
    client = login(alice)
    form = client.get(
        "/standards/judge/", {"designation": XIAN_CASE["designation"]}
    ).content.decode()
    assert 'name="conductor_resistance.95.value"' in form
    page = client.post("/standards/judge/", XIAN_CASE).content.decode()
    assert 'data-verdict="fail"' in page
    assert "0.193" in page


def test_the_judge_page_names_where_a_designation_cannot_be_read(alice) -> None:  # type: ignore[no-untyped-def]
    page = login(alice).get("/standards/judge/", {"designation": "XYZ 1×"}).content.decode()
    assert 'data-field="designation"' in page


def test_the_judge_page_is_for_staff(maker_user, db: None) -> None:  # type: ignore[no-untyped-def]
    assert login(maker_user).get("/standards/judge/").status_code == 404
    assert Client().get("/standards/judge/").status_code == 302


def test_anyone_can_read_the_requirement_tables(db: None) -> None:
    page = Client().get("/standards/requirements/", {"designation": "BV-2.5"}).content.decode()
    assert "7.41" in page
    assert 'data-test="requirements"' in page

"""Open data downloads, the API with strict filters and a changes-since cursor, watch lists."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import openpyxl
import pytest
from django.core import mail
from django.test import Client

from cablewatch.base.models import User
from cablewatch.portal.models import WatchList
from cablewatch.portal.services.watch import add_watch_item, queue_alerts
from cablewatch.registry.models import Enterprise
from tests.conftest import login
from tests.integration.portal.builders import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(make_enterprise: Callable[..., Enterprise]) -> list[int]:
    maker = make_enterprise("秦川电缆有限公司")
    return [published(maker, verdict="fail" if i % 2 else "pass").pk for i in range(5)]


def body(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_the_whole_set_streams_as_csv_json_and_xlsx(rows: list[int]) -> None:
    client = Client()
    csv_response = client.get("/open-data/results.csv")
    assert csv_response.streaming
    lines = body(csv_response).decode("utf-8-sig").splitlines()
    assert len(lines) == 6 and lines[0].startswith("id,seq,product_name")
    data = json.loads(body(client.get("/open-data/results.json", {"verdict": "fail"})))
    assert data["schema_version"] == "1.1" and len(data["results"]) == 2
    xlsx = client.get("/open-data/results.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(body(xlsx)), read_only=True)
    assert len(list(book.worksheets[0].iter_rows(values_only=True))) == 6
    book.close()


def test_the_open_data_page_documents_schema_and_licence() -> None:
    page = Client().get("/open-data/").content.decode()
    assert "CC BY 4.0" in page and "<code>enterprise_name</code>" in page


def test_the_api_pages_and_fetches_only_what_is_new(
    rows: list[int], make_enterprise: Callable[..., Enterprise]
) -> None:
    client = Client()
    first = client.get("/api/v1/published-results", {"limit": 3}).json()
    assert len(first["items"]) == 3 and first["next_cursor"]
    rest = client.get("/api/v1/published-results", {"cursor": first["next_cursor"]}).json()
    assert len(rest["items"]) == 2 and rest["next_cursor"] is None
    mark = rest["since_cursor"]
    assert client.get("/api/v1/published-results", {"since": mark}).json()["items"] == []
    new = published(make_enterprise("新电缆有限公司"))
    fresh = client.get("/api/v1/published-results", {"since": mark}).json()
    assert [i["id"] for i in fresh["items"]] == [new.pk]


def test_the_api_refuses_an_unknown_filter(rows: list[int]) -> None:
    response = Client().get("/api/v1/published-results", {"verdcit": "fail"})
    assert response.status_code == 400
    assert "verdcit" in response.json()["detail"]


def test_the_api_filters_like_the_search(rows: list[int]) -> None:
    data = Client().get("/api/v1/published-results", {"q": "秦川電纜", "verdict": "fail"}).json()
    assert len(data["items"]) == 2
    assert Client().get("/api/v1/published-results", {"verdict": "maybe"}).status_code == 400


def test_a_watch_list_has_a_secret_feed(rows: list[int]) -> None:
    client = Client()
    response = client.post("/watch/", {"name": "我的供应商"})
    watch_list = WatchList.objects.get()
    assert response["Location"] == f"/watch/{watch_list.token}/"
    client.post(f"/watch/{watch_list.token}/", {"kind": "name", "value": "秦川電纜"})
    feed = client.get(f"/watch/{watch_list.token}/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert feed.content.decode().count("<entry>") == 5
    assert client.get("/watch/not-a-token/feed.atom").status_code == 404


def test_an_invalid_credit_code_is_not_followed(rows: list[int]) -> None:
    client = Client()
    client.post("/watch/", {"name": "x"})
    token = WatchList.objects.get().token
    page = client.post(f"/watch/{token}/", {"kind": "credit_code", "value": "123"})
    assert 'class="error"' in page.content.decode()


def test_registered_users_get_an_email_for_new_results(
    alice: User,
    make_enterprise: Callable[..., Enterprise],
    django_capture_on_commit_callbacks: object,
) -> None:
    alice.email = "alice@example.org"
    alice.save(update_fields=["email"])
    login(alice).post("/watch/", {"name": "供应商"})
    watch_list = WatchList.objects.get(owner=alice)
    add_watch_item(watch_list=watch_list, kind="designation", value="YJV 0.6/1kV 3×95")
    maker = make_enterprise("某电缆厂")
    hit = published(maker, designation="YJV-0.6/1kV-3×95+1×50")
    miss = published(maker, designation="BV 2.5")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        from django.db import transaction

        with transaction.atomic():
            queue_alerts([hit.pk, miss.pk])
    assert len(mail.outbox) == 1
    assert "某电缆厂" in mail.outbox[0].body


def test_failed_items_are_published_in_official_names_and_as_keys(
    make_enterprise: Callable[..., Enterprise],
) -> None:
    maker = make_enterprise("秦川电缆有限公司")
    published(maker, verdict="fail", failed_items="conductor_resistance、某新项目")
    (row,) = json.loads(body(Client().get("/open-data/results.json")))["results"]
    assert row["failed_items"] == "导体电阻(20 °C)、某新项目"
    assert row["failed_item_keys"] == "conductor_resistance、某新项目"


@pytest.mark.parametrize("value", ["abc", "1" * 40, "١٢", "-1"])
def test_a_forged_remove_value_is_a_bad_request_not_a_500(rows: list[int], value: str) -> None:
    client = Client(raise_request_exception=False)
    client.post("/watch/", {"name": "x"})
    token = WatchList.objects.get().token
    assert client.post(f"/watch/{token}/", {"remove": value}).status_code == 400

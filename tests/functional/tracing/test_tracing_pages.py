from __future__ import annotations

from collections.abc import Callable

import pytest

from cablewatch.base.models import Role, User
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.models import Batch, Installation, Notification, Recall, RecallItem
from tests.conftest import login, make_user
from tests.integration.tracing import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_enterprise: Callable[..., Enterprise]) -> Enterprise:
    return make_enterprise("长安轨道", "610112", kind=Enterprise.Kind.PROJECT_OWNER)


@pytest.fixture
def batch(shaanxi_maker: Enterprise, owner: Enterprise) -> Batch:
    return world.build(shaanxi_maker, owner)


@pytest.fixture
def metro(owner: Enterprise) -> User:
    return make_user("metro", Role.PROJECT_OWNER, enterprise=owner)


def test_the_batch_page_shows_where_it_went_with_a_flow_chart(alice: User, batch: Batch) -> None:
    page = login(alice).get(f"/tracing/batches/{batch.pk}/").content.decode()
    assert "地铁3号线" in page and "人民医院" in page and "顺德一中" in page
    assert "<svg" in page and "570" in page


def test_the_flow_chart_is_svg(alice: User, batch: Batch) -> None:
    response = login(alice).get(f"/tracing/batches/{batch.pk}/flow.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_search_by_maker_designation_and_period_downloads_csv(
    alice: User, batch: Batch, shaanxi_maker: Enterprise
) -> None:
    query = {
        "enterprise": shaanxi_maker.credit_code,
        "designation": "BV 450/750V 1x2.5",
        "produced_from": "2017-01-01",
        "produced_to": "2017-12-31",
    }
    page = login(alice).get("/tracing/", query).content.decode()
    assert "B2017-03" in page
    response = login(alice).get("/tracing/", {**query, "format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "urn:epc:id:sgln:hospital.b1" in text and "人民医院" in text


def test_the_installation_page_shows_the_path_back(alice: User, batch: Batch) -> None:
    inst = Installation.objects.get(location__identifier__contains="hospital")
    page = login(alice).get(f"/tracing/installations/{inst.pk}/").content.decode()
    assert page.index("秦川电缆有限公司") < page.index("10001") < page.index("20001")


def test_a_project_owner_sees_its_projects_but_not_the_batch_search(
    metro: User, batch: Batch
) -> None:
    client = login(metro)
    assert "人民医院" in client.get("/tracing/projects/").content.decode()
    assert client.get("/tracing/").status_code == 404
    assert client.get(f"/tracing/batches/{batch.pk}/").status_code == 404


def test_an_outsider_gets_404_on_project_and_installation(
    maker_user: User, bob: User, batch: Batch
) -> None:
    hospital = world.project("人民医院")
    inst = Installation.objects.get(location__identifier__contains="hospital")
    assert login(maker_user).get(f"/tracing/projects/{hospital.pk}/").status_code == 404
    assert login(maker_user).get(f"/tracing/installations/{inst.pk}/").status_code == 404
    assert login(bob).get(f"/tracing/projects/{hospital.pk}/").status_code == 404


def test_only_importers_may_import(maker_user: User, certifier: User) -> None:
    assert login(maker_user).get("/tracing/import/").status_code == 404
    assert login(certifier).get("/tracing/import/").status_code == 404


def test_a_csv_upload_imports_and_refuses_bad_rows(alice: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = (
        "kind,batch,from,to,location,length_m,date,designation,batch_number,production_date\n"
        "commission,urn:b:1,urn:p:m,,,100,2020-01-01,BV 450/750V 1×4,L1,2020-01-01\n"
        "ship,urn:b:1,urn:p:m,urn:p:d,,60,2020-01-02,,,\n"
        "ship,urn:b:1,urn:p:d,urn:p:e,,70,2020-01-03,,,\n"
        "install,urn:b:1,urn:p:d,,urn:loc:1,50,2020-01-04,,,\n"
    )
    upload = SimpleUploadedFile("moves.csv", text.encode(), content_type="text/csv")
    page = login(alice).post("/tracing/import/", {"file": upload}).content.decode()
    assert "60" in page and "70" in page
    assert Batch.objects.get(class_id="urn:b:1").installations.get().length_m == 50


def test_a_failed_result_opens_a_recall_that_notifies_and_tracks(
    alice: User, metro: User, batch: Batch, shaanxi_maker: Enterprise, owner: Enterprise
) -> None:
    world.fail_result(shaanxi_maker)
    client = login(alice)
    page = client.get("/tracing/recalls/").content.decode()
    assert "R-2017-001" in page
    from cablewatch.tracing.models import RecallSource

    source = RecallSource.objects.get()
    response = client.post(f"/tracing/recalls/sources/{source.pk}/open/")
    recall = Recall.objects.get()
    assert response.status_code == 302
    assert recall.items.filter(installation__isnull=False).count() == 3
    assert recall.items.filter(holding_party__isnull=False).count() == 4
    assert Notification.objects.filter(enterprise=owner).exists()
    item = recall.items.get(installation__location__identifier__contains="line3")
    notices = login(metro).get("/tracing/notices/").content.decode()
    assert "R-2017-001" in notices
    login(metro).post(f"/tracing/recall-items/{item.pk}/status/", {"status": "replaced"})
    assert (
        login(metro)
        .post(f"/tracing/recall-items/{item.pk}/status/", {"status": "verified"})
        .status_code
        == 404
    )
    client.post(f"/tracing/recall-items/{item.pk}/status/", {"status": "verified"})
    item.refresh_from_db()
    assert item.status == RecallItem.Status.VERIFIED
    assert Installation.objects.get(pk=item.installation_id).state == "verified"
    detail = client.get(f"/tracing/recalls/{recall.pk}/").content.decode()
    assert "地铁3号线" in detail


def test_a_passing_result_is_not_a_recall_source(shaanxi_maker: Enterprise) -> None:
    from cablewatch.tracing.models import RecallSource

    world.fail_result(shaanxi_maker, verdict="pass")
    assert not RecallSource.objects.exists()


def test_an_officer_of_another_region_cannot_see_the_recall(
    alice: User, bob: User, batch: Batch, shaanxi_maker: Enterprise
) -> None:
    world.fail_result(shaanxi_maker)
    from cablewatch.tracing.models import RecallSource
    from cablewatch.tracing.services.recalls import open_recall

    recall = open_recall(actor=alice, source=RecallSource.objects.get())
    assert login(bob).get(f"/tracing/recalls/{recall.pk}/").status_code == 404
    item = recall.items.first()
    assert item is not None
    assert (
        login(bob)
        .post(f"/tracing/recall-items/{item.pk}/status/", {"status": "replaced"})
        .status_code
        == 404
    )


def test_one_movement_typed_in_by_page_passes_the_quantity_check(alice: User) -> None:
    client = login(alice)
    made = {
        "m-kind": "commission",
        "m-batch": "urn:b:7",
        "m-from_party": "urn:p:m",
        "m-length_m": "100",
        "m-date": "2021-03-01",
        "m-designation": "BV 450/750V 1×4",
    }
    client.post("/tracing/import/", made)
    ship = {
        "m-kind": "ship",
        "m-batch": "urn:b:7",
        "m-from_party": "urn:p:m",
        "m-to_party": "urn:p:d",
        "m-length_m": "120",
        "m-date": "2021-03-02",
    }
    page = client.post("/tracing/import/", ship).content.decode()
    assert "100" in page and "120" in page
    assert Batch.objects.get(class_id="urn:b:7").holdings.count() == 1


def test_an_officer_registers_a_project_and_places_a_location_in_it(
    alice: User, batch: Batch, owner: Enterprise
) -> None:
    client = login(alice)
    response = client.post(
        "/tracing/projects/create/",
        {
            "name": "城南医院",
            "code": "P-9",
            "kind": "hospital",
            "owner": owner.pk,
            "division": "610112",
            "location": "西安",
        },
    )
    assert response.status_code == 302
    project = world.project("城南医院")
    client.post(
        f"/tracing/projects/{project.pk}/places/",
        {"identifier": "urn:epc:id:sgln:new.1", "place": "1号楼"},
    )
    assert project.locations.get().place == "1号楼"


def test_an_officer_cannot_register_a_project_outside_the_region(alice: User) -> None:
    response = login(alice).post(
        "/tracing/projects/create/",
        {"name": "广州项目", "code": "P-10", "kind": "school", "division": "440606"},
    )
    assert response.status_code == 200
    assert not world.Project.objects.filter(code="P-10").exists()


def test_the_project_api_lists_what_a_project_check_can_sample(
    alice: User, bob: User, batch: Batch
) -> None:
    from tests.functional.tracing.test_tracing_api import api

    client, headers = api(alice)
    rows = client.get("/api/v1/tracing/projects", **headers).json()["items"]
    assert {r["name"] for r in rows} == {"地铁3号线", "人民医院"}
    installed = client.get(
        f"/api/v1/tracing/projects/{rows[0]['id']}/installations", **headers
    ).json()
    assert installed[0]["batch"]["class_id"]
    client, headers = api(bob)
    assert (
        client.get(f"/api/v1/tracing/projects/{rows[0]['id']}/installations", **headers).status_code
        == 404
    )

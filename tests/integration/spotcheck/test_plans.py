"""Plans: drafts can be edited and deleted until their inputs are published; years,
counts and deadlines are checked by the service; the public index lists what is public."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cablewatch.base.errors import DomainError, FieldsError
from cablewatch.base.models import AuditEntry, Division, User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import Plan
from cablewatch.spotcheck.services import plans
from tests.conftest import login
from tests.integration.spotcheck.helpers import drawn_plan, make_cast, make_plan

pytestmark = pytest.mark.django_db


def _data(**extra: Any) -> dict[str, Any]:
    return {
        "name": "2026 陕西省电线电缆监督抽查",
        "division": Division.objects.get(code="610000"),
        "year": 2026,
        "families": [],
        "site_kinds": ["production"],
        "batches": 3,
        "sample_by": dt.date(2026, 12, 31),
        "test_by": dt.date(2027, 1, 31),
        **extra,
    }


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"year": 1900}, "year"),
        ({"year": timezone.localdate().year + 2}, "year"),
        ({"batches": 0}, "batches"),
        ({"site_kinds": []}, "site_kinds"),
        ({"site_kinds": ["moon"]}, "site_kinds"),
        ({"sample_by": dt.date(2025, 6, 30)}, "sample_by"),
        ({"test_by": dt.date(2026, 12, 1)}, "test_by"),
        ({"name": " "}, "name"),
    ],
)
def test_an_impossible_plan_is_refused_at_its_field(
    alice: User, bad: dict[str, Any], field: str
) -> None:
    cast = make_cast(alice)
    with pytest.raises(FieldsError) as caught:
        plans.create_plan(actor=alice, data=_data(**bad), labs=[cast.lab])
    assert field in caught.value.errors
    assert not Plan.objects.exists()


def test_a_plan_without_labs_is_refused(alice: User) -> None:
    with pytest.raises(FieldsError) as caught:
        plans.create_plan(actor=alice, data=_data(), labs=[])
    assert list(caught.value.errors) == ["labs"]


def test_a_draft_is_edited_with_an_audited_difference(alice: User) -> None:
    cast = make_cast(alice)
    plan = make_plan(cast)
    plans.update_plan(
        actor=alice, plan=plan, data=_data(batches=7, name="改名"), labs=[cast.lab, cast.lab2]
    )
    plan.refresh_from_db()
    assert plan.batches == 7 and plan.name == "改名" and plan.labs.count() == 2
    entry = AuditEntry.objects.get(action="spotcheck.plan.edited")
    assert entry.before["batches"] == 1 and entry.after["batches"] == 7
    assert entry.after["labs"] == sorted([cast.lab.code, cast.lab2.code])


def test_a_draft_is_deleted_and_the_deletion_audited(alice: User) -> None:
    cast = make_cast(alice)
    plan = make_plan(cast)
    pk = plan.pk
    plans.delete_plan(actor=alice, plan=plan, reason="重复录入")
    assert not Plan.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="spotcheck.plan.deleted")
    assert entry.target_id == str(pk) and entry.before["name"] == plan.name
    assert entry.reason == "重复录入"


def test_a_published_plan_can_be_neither_edited_nor_deleted(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    plan = drawn_plan(cast)
    with pytest.raises(DomainError, match=r"不能修改|cannot be edited"):
        plans.update_plan(actor=alice, plan=plan, data=_data(batches=9), labs=[cast.lab])
    with pytest.raises(DomainError, match=r"不能删除|cannot be deleted"):
        plans.delete_plan(actor=alice, plan=plan)
    assert Plan.objects.get(pk=plan.pk).batches == 1
    client = login(alice)
    response = client.post(reverse("spotcheck:plan-delete", args=[plan.pk]), follow=True)
    assert Plan.objects.filter(pk=plan.pk).exists()
    assert "不能删除" in response.content.decode()


def test_the_edit_page_keeps_what_was_typed_and_shows_each_refusal(alice: User) -> None:
    cast = make_cast(alice)
    plan = make_plan(cast)
    client = login(alice)
    post = {
        "name": "新名称",
        "division": "610000",
        "year": "1900",
        "site_kinds": ["production"],
        "batches": "0",
        "labs": [str(cast.lab.pk)],
        "sample_by": "2026-12-31",
        "test_by": "2026-12-01",
    }
    response = client.post(reverse("spotcheck:plan-edit", args=[plan.pk]), post)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"year", "batches", "test_by"}
    html = response.content.decode()
    assert 'value="新名称"' in html and 'value="1900"' in html and 'value="2026-12-01"' in html
    assert Plan.objects.get(pk=plan.pk).name != "新名称"


def test_an_officer_of_another_province_cannot_edit_or_delete(alice: User, bob: User) -> None:
    plan = make_plan(make_cast(alice))
    client = login(bob)
    assert client.get(reverse("spotcheck:plan-edit", args=[plan.pk])).status_code == 404
    assert client.post(reverse("spotcheck:plan-delete", args=[plan.pk])).status_code == 404
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_the_public_index_lists_published_plans_by_region_and_year(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    drawn = drawn_plan(cast)
    draft = make_plan(cast, name="草稿计划不公开")
    url = reverse("spotcheck:public-plans")
    html = Client().get(url).content.decode()
    assert drawn.name in html and draft.name not in html
    assert reverse("spotcheck:public-draw", args=[drawn.pk]) in html
    assert "region=61&amp;year=2026" in html
    assert drawn.name in Client().get(url, {"region": "61", "year": "2026"}).content.decode()
    assert drawn.name not in Client().get(url, {"region": "44"}).content.decode()
    assert drawn.name not in Client().get(url, {"year": "2025"}).content.decode()

"""Sampling records only what can be true; a unit that could not be sampled is recorded
with its reason, and a refusal becomes an enforcement case (拒绝监督抽查)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from cablewatch.base.errors import DomainError, FieldsError
from cablewatch.base.models import AuditEntry, User
from cablewatch.enforcement.models import Case
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import DrawTask, NotSampled, Sample
from cablewatch.spotcheck.services import sampling
from tests.conftest import login
from tests.integration.spotcheck.helpers import drawn_plan, first_task, make_cast, sample_for

pytestmark = pytest.mark.django_db


def png(size: tuple[int, int] = (4, 3)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return SimpleUploadedFile("seal.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def task(alice: User, shaanxi_maker: Enterprise) -> DrawTask:
    return first_task(drawn_plan(make_cast(alice)))


def problems_for(task: DrawTask, **bad: Any) -> dict[str, list[str]]:
    with pytest.raises(FieldsError) as caught:
        sample_for(task, **bad)
    return caught.value.errors


def test_a_true_record_is_stored_with_its_quantity_in_words(task: DrawTask) -> None:
    sample = sample_for(task)
    assert sample.quantity_value == Decimal("20") and sample.quantity_unit == "m"
    assert sample.quantity == "20 米（备样 10 米）"
    entry = AuditEntry.objects.get(action="spotcheck.sample.recorded")
    assert entry.after["quantity_value"] == "20" and entry.after["backup_seal_number"] == "F-0002"


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"sampled_at": timezone.now() + dt.timedelta(days=3 * 365)}, "sampled_at"),
        ({"production_date": timezone.localdate() + dt.timedelta(days=1)}, "production_date"),
        ({"backup_seal_number": "F-0001"}, "backup_seal_number"),
        ({"backup_seal_number": " f-0001 "}, "backup_seal_number"),
        ({"quantity_value": Decimal("-2")}, "quantity_value"),
        ({"quantity_value": Decimal("0")}, "quantity_value"),
        ({"backup_quantity": None}, "backup_quantity"),
        ({"quantity_unit": "furlong"}, "quantity_unit"),
        ({"site_kind": "market"}, "site_kind"),
        ({"site_kind": "moon"}, "site_kind"),
        ({"unit_confirmed": False}, "unit_confirmed"),
        ({"designation": "not a cable"}, "designation"),
        ({"batch_number": "  "}, "batch_number"),
    ],
)
def test_each_impossible_value_is_refused_at_its_field(
    task: DrawTask, bad: dict[str, Any], field: str
) -> None:
    assert field in problems_for(task, **bad)
    assert not Sample.objects.exists()


def test_nothing_is_sampled_or_closed_before_the_task_was_drawn(task: DrawTask) -> None:
    drawn = task.plan.drawn_at
    assert drawn is not None
    with translation.override("en"):
        problems = problems_for(task, sampled_at=drawn - dt.timedelta(hours=1))
    assert (
        list(problems) == ["sampled_at"]
        and "before the task was drawn" in problems["sampled_at"][0]
    )
    sample_for(task, sampled_at=drawn.replace(second=0, microsecond=0))  # the same minute


def test_a_production_date_after_the_sampling_day_is_refused(task: DrawTask) -> None:
    task.plan.drawn_at = timezone.now() - dt.timedelta(days=30)
    task.plan.save(update_fields=["drawn_at"])
    sampled = timezone.now() - dt.timedelta(days=10)
    problems = problems_for(
        task, sampled_at=sampled, production_date=timezone.localdate() - dt.timedelta(days=2)
    )
    assert list(problems) == ["production_date"]


def test_every_problem_is_reported_at_once_in_chinese(task: DrawTask) -> None:
    with translation.override("zh-hans"):
        problems = problems_for(
            task,
            sampled_at=timezone.now() + dt.timedelta(days=400),
            backup_seal_number="F-0001",
            quantity_value=Decimal("-2"),
            site_kind="market",
        )
    assert set(problems) == {"sampled_at", "backup_seal_number", "quantity_value", "site_kind"}
    assert problems["quantity_value"] == ["数量必须大于零。"]
    assert "本计划只在以下场所抽样：生产领域" in problems["site_kind"][0]


@given(value=st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=10**6))
@settings(max_examples=60, deadline=None)
def test_a_quantity_is_accepted_exactly_when_it_is_more_than_zero(value: Decimal) -> None:
    assert (sampling._quantity_problem(value) is None) == (value > 0)


def test_photos_must_be_real_images_within_the_limit(task: DrawTask) -> None:
    text = SimpleUploadedFile("seal.jpg", b"just some text", content_type="image/jpeg")
    assert sampling.photo_problems([png()]) == []
    assert len(sampling.photo_problems([text])) == 1
    with override_settings(SAMPLE_PHOTO_MAX_BYTES=10), translation.override("en"):
        assert sampling.photo_problems([png()]) == ["seal.png is larger than 10\xa0bytes."]
    with pytest.raises(FieldsError) as caught:
        inspector = task.inspectors.order_by("pk").first()
        assert inspector is not None
        data = {**_data(task)}
        sampling.record_sample(actor=inspector, task=task, data=data, photos=[text])
    assert list(caught.value.errors) == ["photos"]


def test_a_real_photo_is_kept_under_a_name_of_its_own_format(task: DrawTask) -> None:
    inspector = task.inspectors.order_by("pk").first()
    assert inspector is not None
    sample = sampling.record_sample(actor=inspector, task=task, data=_data(task), photos=[png()])
    photo = sample.photos.get()
    assert photo.image.name.endswith(".png") and "seal" not in photo.image.name


def _data(task: DrawTask) -> dict[str, Any]:
    return {
        "site_kind": "production",
        "sampled_unit_name": task.enterprise.name,
        "sampled_unit_address": "西安市雁塔区",
        "sampled_division": task.enterprise.division,
        "sampled_at": timezone.now(),
        "designation": "BV 450/750V 1×2.5",
        "batch_number": "20261101",
        "quantity_value": Decimal("2"),
        "quantity_unit": "coil",
        "backup_quantity": Decimal("1"),
        "seal_number": "F-0001",
        "backup_seal_number": "F-0002",
        "unit_confirmed": True,
    }


def test_the_form_shows_each_refusal_beside_its_field_and_keeps_what_was_typed(
    task: DrawTask,
) -> None:
    inspector = task.inspectors.order_by("pk").first()
    assert inspector is not None
    post = {
        "site_kind": "production",
        "sampled_unit_name": "某某线缆有限公司",
        "sampled_unit_address": "西安市雁塔区科技路 1 号",
        "sampled_division": task.enterprise.division_id,
        "sampled_at": "2030-01-01T10:30",
        "designation": "BV 450/750V 1×2.5",
        "batch_number": "B-777",
        "production_date": "2030-02-01",
        "quantity_value": "-2",
        "quantity_unit": "m",
        "backup_quantity": "10",
        "seal_number": "F-9",
        "backup_seal_number": "F-9",
        "unit_confirmed": "on",
        "photos": SimpleUploadedFile("a.jpg", b"text, not an image"),
    }
    client = login(inspector)
    response = client.post(reverse("spotcheck:task-sample", args=[task.pk]), post)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {
        "sampled_at",
        "production_date",
        "quantity_value",
        "backup_seal_number",
        "photos",
    }
    html = response.content.decode()
    assert 'data-field="backup_seal_number"' in html and "备样" in html
    for typed in ("B-777", "西安市雁塔区科技路 1 号", "2030-01-01T10:30", 'value="-2"'):
        assert typed in html
    assert not Sample.objects.exists()


def test_the_printable_record_has_both_inspectors_the_unit_and_a_qr_code(
    task: DrawTask, alice: User
) -> None:
    sample = sample_for(task)
    response = login(alice).get(reverse("spotcheck:sampling-record", args=[sample.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-test="sign-inspector"') == 2 and 'data-test="sign-unit"' in html
    assert "<svg" in html and "@media print" in html
    assert "抽样单" in html and "20 米" in html


def test_a_refusal_closes_the_task_and_opens_a_case_once(task: DrawTask) -> None:
    inspector = task.inspectors.order_by("pk").first()
    assert inspector is not None
    data = {
        "reason": "refused",
        "details": "负责人拒绝抽样并拒绝签字",
        "occurred_at": timezone.now(),
    }
    row = sampling.record_not_sampled(actor=inspector, task=task, data=data)
    case = Case.objects.get(origin=Case.Origin.REFUSAL)
    assert case.violation == "refused_inspection" and case.enterprise_id == task.enterprise_id
    assert case.origin_ref == f"refusal-{task.pk}" and "负责人拒绝抽样" in case.summary
    assert row.reason == NotSampled.Reason.REFUSED
    assert AuditEntry.objects.filter(action="spotcheck.task.not_sampled").count() == 1
    with pytest.raises(DomainError):
        sampling.record_not_sampled(actor=inspector, task=task, data=data)
    with pytest.raises(DomainError):
        sample_for(task)
    assert Case.objects.filter(origin=Case.Origin.REFUSAL).count() == 1
    officer = User.objects.get(username="alice")
    page = login(officer).get(reverse("spotcheck:plan-detail", args=[task.plan_id]))
    assert "未能抽样：拒绝监督抽查" in page.content.decode()


def test_other_reasons_close_the_task_without_a_case(task: DrawTask) -> None:
    inspector = task.inspectors.order_by("pk").first()
    assert inspector is not None
    data = {"reason": "no_stock", "details": "仓库无该型号产品", "occurred_at": timezone.now()}
    sampling.record_not_sampled(actor=inspector, task=task, data=data)
    assert not Case.objects.exists()


def test_not_sampled_needs_a_reason_details_and_a_past_time(task: DrawTask) -> None:
    inspector = task.inspectors.order_by("pk").first()
    assert inspector is not None
    bad = {"reason": "bored", "details": " ", "occurred_at": timezone.now() + dt.timedelta(days=2)}
    with pytest.raises(FieldsError) as caught:
        sampling.record_not_sampled(actor=inspector, task=task, data=bad)
    assert set(caught.value.errors) == {"reason", "details", "occurred_at"}
    client = login(inspector)
    url = reverse("spotcheck:task-not-sampled", args=[task.pk])
    response = client.post(
        url, {"reason": "moved", "details": "", "occurred_at": "2031-05-01T09:00"}
    )
    assert set(response.context["form"].errors) == {"details", "occurred_at"}
    assert "2031-05-01T09:00" in response.content.decode()
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    ok = client.post(url, {"reason": "moved", "details": "原址已为餐馆", "occurred_at": now})
    assert ok.status_code == 302 and NotSampled.objects.get().reason == "moved"

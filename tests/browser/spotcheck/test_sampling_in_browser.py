"""Sampling and plans in headless Chromium with bad input at each field: every refusal is
shown beside its field in Chinese, and nothing typed is lost."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.utils import timezone
from PIL import Image

from cablewatch.base.models import User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import Plan, Sample
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.integration.spotcheck.helpers import drawn_plan, first_task, make_cast

TYPED = {
    "sampled_unit_address": "西安市雁塔区科技路 1 号",
    "designation": "BV 450/750V 1×2.5",
    "batch_number": "B-20261101",
    "brand": "秦川",
    "seal_number": "F-9",
}


def _error(page: Any, field: str) -> str:
    return str(page.locator(f"p.error[data-field={field}]").inner_text())


def test_sampling_with_bad_input_at_each_field(
    page: Any, alice: User, shaanxi_maker: Enterprise, tmp_path: Path
) -> None:
    task = first_task(drawn_plan(make_cast(alice)))
    inspector = task.inspectors.order_by("pk").first()
    assert inspector is not None
    sign_in(page, inspector.username, PASSWORD)
    page.goto(page.base_url + "/spotcheck/tasks/")
    page.click("[data-test=record-1]")
    for name, value in TYPED.items():
        page.fill(f"input[name={name}]", value)
    page.fill("input[name=sampled_at]", "2030-01-01T10:30")
    page.fill("input[name=production_date]", "2030-02-01")
    page.fill("input[name=quantity_value]", "-2")
    page.select_option("select[name=quantity_unit]", "m")
    page.fill("input[name=backup_quantity]", "10")
    page.fill("input[name=backup_seal_number]", "f-9")
    # The page offers only the plan's site kinds; a crafted request still meets the service.
    page.evaluate(
        "() => { const s = document.querySelector('select[name=site_kind]');"
        " s.add(new Option('流通领域', 'market')); s.value = 'market'; }"
    )
    page.check("input[name=unit_confirmed]")
    text = tmp_path / "seal.jpg"
    text.write_text("not an image", encoding="utf-8")
    page.set_input_files("input[name=photos]", str(text))
    page.click("[data-test=save-sample]")

    page.wait_for_selector("p.error[data-field=sampled_at]")
    assert "晚于现在" in _error(page, "sampled_at")
    assert "生产日期不能晚于抽样日期" in _error(page, "production_date")
    assert "数量必须大于零" in _error(page, "quantity_value")
    assert "备样须单独封存" in _error(page, "backup_seal_number")
    assert "本计划只在以下场所抽样：生产领域" in _error(page, "site_kind")
    assert "不是 JPEG、PNG 或 WebP 图片" in _error(page, "photos")
    for name, value in TYPED.items():
        assert page.input_value(f"input[name={name}]") == value
    assert page.input_value("input[name=sampled_at]") == "2030-01-01T10:30"
    assert page.input_value("input[name=production_date]") == "2030-02-01"
    assert page.input_value("input[name=quantity_value]") == "-2"
    assert page.input_value("input[name=backup_seal_number]") == "f-9"
    assert not Sample.objects.exists()

    page.fill("input[name=sampled_at]", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=production_date]", "2026-11-01")
    page.fill("input[name=quantity_value]", "20")
    page.fill("input[name=backup_seal_number]", "F-10")
    page.select_option("select[name=site_kind]", "production")
    photo = tmp_path / "seal.png"
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "blue").save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    page.set_input_files("input[name=photos]", str(photo))
    page.click("[data-test=save-sample]")
    page.wait_for_selector("[data-test=sampling-record]")
    sample = Sample.objects.get()
    assert sample.batch_number == "B-20261101" and sample.photos.count() == 1

    page.click("[data-test=sampling-record]")
    record = page.locator("article[data-test=sampling-record]")
    assert page.locator("[data-test=record-qr] svg").count() == 1
    assert record.locator("[data-test=sign-inspector]").count() == 2
    assert "被抽样单位（签字、盖章）" in record.inner_text()


def _fill_plan(page: Any, lab_pk: int, **values: str) -> None:
    page.fill("input[name=name]", values.get("name", "浏览器草稿计划"))
    page.select_option("select[name=division]", "610000")
    page.fill("input[name=year]", values.get("year", "2026"))
    if not page.is_checked("input[name=site_kinds][value=production]"):
        page.check("input[name=site_kinds][value=production]")
    page.fill("input[name=batches]", values.get("batches", "2"))
    if not page.is_checked(f"input[name=labs][value='{lab_pk}']"):
        page.check(f"input[name=labs][value='{lab_pk}']")
    page.fill("input[name=sample_by]", values.get("sample_by", "2026-12-31"))
    page.fill("input[name=test_by]", values.get("test_by", "2027-01-31"))


def test_a_draft_plan_is_refused_edited_and_deleted(page: Any, alice: User) -> None:
    cast = make_cast(alice)
    sign_in(page, "alice", PASSWORD)
    page.goto(page.base_url + "/spotcheck/plans/create/")
    _fill_plan(page, cast.lab.pk, year="1900", batches="0", test_by="2026-12-01")
    page.click("[data-test=save-plan]")
    page.wait_for_selector("p.error[data-field=year]")
    assert "年度须在 2000" in _error(page, "year")
    assert "至少抽取一批次" in _error(page, "batches")
    assert "检验截止日期不能早于抽样截止日期" in _error(page, "test_by")
    assert page.input_value("input[name=name]") == "浏览器草稿计划"
    assert page.input_value("input[name=year]") == "1900"
    assert page.input_value("input[name=test_by]") == "2026-12-01"
    assert not Plan.objects.exists()

    _fill_plan(page, cast.lab.pk)
    page.click("[data-test=save-plan]")
    page.wait_for_selector("[data-test=edit-plan]")
    plan = Plan.objects.get()

    page.click("[data-test=edit-plan]")
    page.fill("input[name=batches]", "0")
    page.fill("input[name=name]", "浏览器草稿计划（修改）")
    page.click("[data-test=save-plan]")
    page.wait_for_selector("p.error[data-field=batches]")
    assert page.input_value("input[name=name]") == "浏览器草稿计划（修改）"
    page.fill("input[name=batches]", "4")
    page.click("[data-test=save-plan]")
    page.wait_for_selector("[data-test=edit-plan]")
    plan.refresh_from_db()
    assert plan.name == "浏览器草稿计划（修改）" and plan.batches == 4

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-test=delete-plan]")
    page.wait_for_selector("text=计划草稿已删除")
    assert not Plan.objects.exists()

"""A whole spot-check round in headless Chromium: plan, published seed, draw, sampling,
results entered by one lab user and approved by another, the verdict, the report
downloaded and verified on the public page, and a re-test requested by the enterprise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone

from cablewatch.base.models import User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import DrawTask, Retest, Sample
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.integration.spotcheck.helpers import FAILING, make_cast

FIELDS = {
    "conductor_resistance.value": str(FAILING["conductor_resistance"]["value"]),
    "conductor_resistance.temperature_c": "20",
    "insulation_thickness.mean": "0.82",
    "insulation_thickness.min": "0.7",
    "overall_diameter.mean": "3.5",
    "insulation_tensile_strength": "15",
    "insulation_elongation": "180",
}
CHOICES = ("voltage_test", "flame_test", "marking")


def _as(page: Any, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username, PASSWORD)


def _plan_and_draw(page: Any, lab_pk: int) -> None:
    page.goto(page.base_url + "/spotcheck/plans/create/")
    page.fill("input[name=name]", "浏览器抽查计划")
    page.select_option("select[name=division]", "610000")
    page.fill("input[name=year]", "2026")
    page.check("input[name=site_kinds][value=production]")
    page.fill("input[name=batches]", "1")
    page.check(f"input[name=labs][value='{lab_pk}']")
    page.fill("input[name=sample_by]", "2099-12-31")
    page.fill("input[name=test_by]", "2099-12-31")
    page.click("[data-test=save-plan]")
    page.fill("input[name=public_value]", "上证综指 2026-11-27 收盘 3210.55")
    page.click("[data-test=publish]")
    page.click("[data-test=draw]")
    page.wait_for_selector("[data-test=plan-status]:has-text('已抽取')")


def _sample(page: Any) -> str:
    page.goto(page.base_url + "/spotcheck/tasks/")
    page.click("[data-test=record-1]")
    page.fill("input[name=sampled_at]", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=sampled_unit_address]", "西安市雁塔区科技路 1 号")
    page.fill("input[name=designation]", "BV 450/750V 1×2.5")
    page.fill("input[name=batch_number]", "20261101")
    page.fill("input[name=quantity_value]", "20")
    page.select_option("select[name=quantity_unit]", "m")
    page.fill("input[name=backup_quantity]", "10")
    page.fill("input[name=seal_number]", "F-1")
    page.fill("input[name=backup_seal_number]", "F-2")
    page.select_option("select[name=site_kind]", "production")
    page.check("input[name=unit_confirmed]")
    page.click("[data-test=save-sample]")
    page.wait_for_selector("h1:has-text('样品')")
    return Sample.objects.get().blind_code


def _enter_and_approve(page: Any, code: str) -> None:
    _as(page, "ana")
    page.goto(page.base_url + f"/spotcheck/lab/{code}/")
    for name, value in FIELDS.items():
        page.fill(f"input[name='{name}']", value)
    for name in CHOICES:
        page.select_option(f"select[name='{name}']", "pass")
    page.click("[data-test=submit-results]")
    page.wait_for_selector("text=v1")
    _as(page, "rev")
    page.goto(page.base_url + f"/spotcheck/lab/{code}/")
    page.click("[data-test=approve]")
    page.wait_for_selector(".msg-success")


def test_a_whole_round_in_the_browser(
    page: Any, alice: User, shaanxi_maker: Enterprise, maker_user: User, tmp_path: Path
) -> None:
    cast = make_cast(alice)
    _as(page, "alice")
    _plan_and_draw(page, cast.lab.pk)
    inspector = DrawTask.objects.get().inspectors.order_by("pk").first()
    assert inspector is not None
    page.context.clear_cookies()
    page.goto(page.base_url + f"/spotcheck/plans/{DrawTask.objects.get().plan_id}/draw/")
    assert shaanxi_maker.name in page.locator("[data-test=draw-result]").inner_text()

    _as(page, inspector.username)
    code = _sample(page)
    _enter_and_approve(page, code)
    sample = Sample.objects.get()
    assert sample.verdict == "fail"

    _as(page, "alice")
    page.goto(page.base_url + f"/spotcheck/samples/{sample.pk}/")
    assert page.locator("[data-test=verdict]").inner_text() == "不合格"  # in words, not "fail"
    number = sample.reports.get().number
    with page.expect_download() as info:
        page.click(f"[data-test=report-{number}]")
    target = tmp_path / "report.pdf"
    info.value.save_as(target)

    page.context.clear_cookies()
    page.goto(page.base_url + f"/verify/{number}")
    page.set_input_files("input[name=file]", str(target))
    page.click("[data-test=verify-submit]")
    assert page.locator("[data-test=verify-outcome]").get_attribute("data-genuine") == "yes"

    _as(page, "maker")
    page.goto(page.base_url + f"/spotcheck/results/{sample.pk}/")
    page.check("input[name=items][value=conductor_resistance]")
    page.fill("textarea[name=reason]", "对导体电阻结果有异议")
    page.click("[data-test=request-retest]")
    page.wait_for_selector("[data-test=retest-status]")
    assert Retest.objects.get().lab == cast.lab2

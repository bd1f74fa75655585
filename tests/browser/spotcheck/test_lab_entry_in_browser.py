"""Lab entry in headless Chromium: bad input refused beside each field in Chinese with every
typed value kept; the live verdict beside a field (htmx); then corrected, submitted, and
approved by a second user from the per-item table."""

from __future__ import annotations

from typing import Any

from cablewatch.base.models import User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import Sample
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.integration.spotcheck.helpers import drawn_plan, first_task, make_cast, sample_for

BAD = {
    "conductor_resistance.value": "−7.2",
    "conductor_resistance.temperature_c": "20",
    "insulation_thickness.mean": "0.82",
    "insulation_thickness.min": "0.9",
    "overall_diameter.mean": "1e308",
    "insulation_tensile_strength": "很多",
    "insulation_elongation": "180",
}
REFUSED = {
    "conductor_resistance.value": "必须是 ≥ 0 的数",
    "insulation_thickness.min": "不能大于 平均值",
    "overall_diameter.mean": "不是可信的读数(最大 500 mm)。",
    "insulation_tensile_strength": "不是数字。",
}
GOOD = {
    "conductor_resistance.value": "7.9",
    "insulation_thickness.min": "0.7",
    "overall_diameter.mean": "3.5",
    "insulation_tensile_strength": "15",
}
CHOICES = ("voltage_test", "flame_test", "marking")


def _as(page: Any, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username, PASSWORD)


def _error(page: Any, name: str) -> str:
    return str(page.locator(f"[data-test='error-{name}']").inner_text())


def test_lab_entry_with_bad_input_then_corrected_and_approved(
    page: Any, alice: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    code = sample_for(first_task(drawn_plan(cast))).blind_code
    url = page.base_url + f"/spotcheck/lab/{code}/"
    _as(page, "ana")
    page.goto(url)

    page.click("[data-test=submit-results]")  # an empty form
    assert "没有录入任何内容" in page.locator("[data-test=form-errors]").inner_text()

    for name, value in BAD.items():
        page.fill(f"input[name='{name}']", value)
    for name in CHOICES:
        page.select_option(f"select[name='{name}']", "pass")
    page.click("[data-test=submit-results]")
    page.wait_for_selector("[data-test='error-conductor_resistance.value']")
    for name, message in REFUSED.items():
        assert _error(page, name) == message, name
        row = page.locator(f"tr[data-field='{name}']")  # beside its own field
        assert row.locator(f"[data-test='error-{name}']").count() == 1
    for name, value in BAD.items():
        assert page.input_value(f"input[name='{name}']") == value, name
    for name in CHOICES:
        assert page.input_value(f"select[name='{name}']") == "pass"
    assert Sample.objects.get(blind_code=code).results.count() == 0

    # corrected: the live verdict (htmx) appears beside the field as soon as it changes
    for name, value in GOOD.items():
        page.fill(f"input[name='{name}']", value)
        page.locator(f"input[name='{name}']").dispatch_event("change")
    cell = page.locator("[data-test='verdict-conductor_resistance.value']")
    cell.locator("text=不合格").wait_for()
    page.wait_for_function(
        "() => document.querySelector(\"[data-test='error-overall_diameter.mean']\")"
        ".textContent === ''"
    )
    assert set(page.locator(".field-error").all_inner_texts()) <= {""}
    page.click("[data-test=submit-results]")
    page.wait_for_selector("[data-test=four-eyes]")

    _as(page, "rev")
    page.goto(url)
    table = page.locator("[data-test=review-table]")
    row = table.locator("tr[data-item='conductor_resistance']")
    assert "7.9 Ω/km" in row.inner_text() and "≤ 7.41 Ω/km" in row.inner_text()
    assert "不合格" in row.inner_text()
    assert "不合格" in page.locator("[data-test=review-verdict]").inner_text()
    page.click("[data-test=approve]")
    page.wait_for_selector(".msg-success")
    sample = Sample.objects.get(blind_code=code)
    assert sample.final and sample.verdict == "fail"
    assert sample.failed_items == ["conductor_resistance"]

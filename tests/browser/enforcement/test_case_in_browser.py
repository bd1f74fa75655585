"""An enforcement officer's case: a failed sample (synthetic event) opens it; a decision
outside the range asks for a reason; figures at the threshold flag the transfer, and the
case cannot be closed until the police have answered."""

from __future__ import annotations

from typing import Any

from cablewatch.enforcement.models import Case
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, make_agency, make_user
from tests.enforcement_support import publish_result


def step(page: Any, name: str, **fields: str) -> None:
    form = page.locator(f"#form-{name}")
    for field, value in fields.items():
        if form.locator(f"select[name={field}]").count():
            form.locator(f"select[name={field}]").select_option(value)
        else:
            form.locator(f"[name={field}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_a_failed_sample_becomes_a_case_that_waits_for_the_police(
    page: Any, agencies: Any, shaanxi_maker: Any
) -> None:
    make_user("enforcer", "enforcement_officer", agencies["enforcement"])
    make_agency("t-police", "police", "610100", name="西安公安")
    publish_result(shaanxi_maker)
    case = Case.objects.get()

    sign_in(page, "enforcer", PASSWORD)
    page.goto(page.base_url + "/enforcement/cases/")
    page.click(f"text={case.number}")
    step(page, "file")
    step(page, "figures", sold_value="50000", unsold_value="0", illegal_income="1000")
    assert page.locator("#transfer-status").count() == 1
    step(page, "notice")

    step(page, "decide", fine="10", decision="罚款")
    assert page.locator("p.error[data-field=reason]").count() == 1
    step(page, "decide", fine="10", decision="罚款", reason="当事人主动召回")
    page.wait_for_selector("#form-execute")

    step(page, "close", outcome="结案")
    assert Case.objects.get().stage != "closed"
    assert page.locator(".errorlist, p.error").count() >= 1

    step(page, "transfer", police=str(make_police_id()), documents="移送函、调查报告")
    step(page, "respond", response="accepted")
    step(page, "close", outcome="移送公安，行政处罚已执行")
    assert Case.objects.get().stage == "closed"


def make_police_id() -> int:
    from cablewatch.base.models import Agency

    return Agency.objects.get(code="t-police").pk

"""A regulator's first session: sign in, switch language, register an enterprise
(a wrong credit code is refused with the reason), rename it, find it by the old name."""

from __future__ import annotations

from typing import Any

from cablewatch.lib import creditcode
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

GOOD = creditcode.make("9", "1", "610112", "MA6TBR001")
BAD = GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1")


def fill_enterprise(page: Any, name: str, code: str) -> None:
    page.fill("input[name=name]", name)
    page.fill("input[name=credit_code]", code)
    page.select_option("select[name=kind]", "manufacturer")
    page.select_option("select[name=division]", "610112")
    page.click("button[type=submit].primary")


def test_an_officer_registers_renames_and_finds_an_enterprise(page: Any, alice: Any) -> None:
    sign_in(page, "alice", PASSWORD)
    assert "欢迎" in page.content()

    page.click("[data-test=lang-en]")
    page.wait_for_selector("text=Welcome")

    page.goto(page.base_url + "/registry/enterprises/create/")
    fill_enterprise(page, "Qinling Cable Co.", BAD)
    error = page.locator("p.error[data-field=credit_code]")
    assert "check character" in error.inner_text()

    fill_enterprise(page, "秦岭线缆有限公司", GOOD)
    page.wait_for_selector("h1:has-text('秦岭线缆有限公司')")
    assert GOOD in page.content()

    page.click("text=Edit")
    page.fill("input[name=name]", "秦岭新材料集团有限公司")
    page.fill("input[name=reason]", "name changed at registration office")
    page.click("button[type=submit].primary")
    page.wait_for_selector("h1:has-text('秦岭新材料集团有限公司')")
    assert "秦岭线缆有限公司" in page.locator("[data-test=former-names]").inner_text()

    page.goto(page.base_url + "/registry/enterprises/")
    page.fill("input[name=q]", "秦嶺線纜")  # the old name, in traditional characters
    page.click("form.searchbar button")
    results = page.locator("[data-test=enterprise-results]").inner_text()
    assert "秦岭新材料集团有限公司" in results

"""An officer sees a failed sample arrive, opens a recall, and the project owner and
the officer carry an installation through replaced to verified."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cablewatch.base.models import Role
from cablewatch.registry.models import Enterprise
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD, make_user
from tests.integration.tracing import world


def test_an_officer_opens_a_recall_and_an_installation_is_replaced(
    page: Any, alice: Any, shaanxi_maker: Enterprise, make_enterprise: Callable[..., Enterprise]
) -> None:
    owner = make_enterprise("长安轨道", "610112", kind=Enterprise.Kind.PROJECT_OWNER)
    make_user("metro", Role.PROJECT_OWNER, enterprise=owner)
    world.build(shaanxi_maker, owner)
    world.fail_result(shaanxi_maker)

    sign_in(page, "alice", PASSWORD)
    page.goto(page.base_url + "/tracing/recalls/")
    page.click("[data-test=open-recall]")
    page.wait_for_selector("[data-test=items]")
    assert "地铁3号线" in page.inner_text("[data-test=progress-projects]")
    row = page.locator("[data-test=items] tr", has_text="line3")
    row.locator("[data-test=mark-replaced]").click()
    row = page.locator("[data-test=items] tr", has_text="line3")
    row.locator("[data-test=mark-verified]").wait_for()
    assert "已更换" in row.locator(".status").inner_text()
    row.locator("[data-test=mark-verified]").click()
    row = page.locator("[data-test=items] tr", has_text="line3")
    page.wait_for_selector("[data-test=items] tr:has-text('line3') .status:has-text('更换已验证')")
    page.goto(page.base_url + "/tracing/batches/" + str(world.Batch.objects.get().pk) + "/")
    assert page.locator("[data-test=flow] svg").count() == 1

"""A buyer checks a maker on a phone: searches in traditional characters, opens the
maker's page, downloads the open data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cablewatch.registry.models import Enterprise
from tests.integration.portal.builders import published


def test_a_buyer_searches_opens_the_maker_and_downloads(
    page: Any, make_enterprise: Callable[..., Enterprise], tmp_path: Any
) -> None:
    maker = make_enterprise("秦川电缆有限公司")
    published(maker, verdict="fail", failed_items="导体电阻", year=2024)
    published(maker, year=2025)
    published(make_enterprise("顺德电线有限公司", "440606"))
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(page.base_url + "/")
    page.fill("[data-test=q]", "秦川電纜")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_selector("[data-test=results]")
    table = page.locator("[data-test=results]").inner_text()
    assert "秦川电缆有限公司" in table and "顺德" not in table
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.click("[data-test=results] a:has-text('秦川电缆有限公司')")
    page.wait_for_selector("h1:has-text('秦川电缆有限公司')")
    assert page.locator("svg.chart").count() == 1
    assert "导体电阻" in page.content()

    page.goto(page.base_url + "/search/?q=秦川")
    with page.expect_download() as info:
        page.click(".downloads a:has-text('CSV')")
    path = tmp_path / "results.csv"
    info.value.save_as(path)
    text = path.read_text("utf-8-sig")
    assert text.count("秦川电缆有限公司") == 2

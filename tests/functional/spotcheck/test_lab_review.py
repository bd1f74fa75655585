"""The reviewer approves from a table per item: measured, limit, verdict, what changed since
the previous version, and the sample's verdict. Still four eyes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cablewatch.base.models import User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.services import results
from tests.conftest import login
from tests.integration.spotcheck.helpers import (
    FAILING,
    PASSING,
    drawn_plan,
    first_task,
    make_cast,
    sample_for,
)

pytestmark = pytest.mark.django_db


def _row(html: str, item: str) -> str:
    found = re.search(rf'<tr data-item="{item}"[^>]*>(.*?)</tr>', html, re.S)
    assert found, item
    return found.group(1)


def test_the_reviewer_sees_each_item_with_its_limit_verdict_and_changes(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    cast = make_cast(alice)
    sample = sample_for(first_task(drawn_plan(cast)))
    results.submit_results(actor=cast.analyst, sample=sample, measurements=PASSING)
    results.return_results(actor=cast.reviewer, sample=sample, note="电阻复测")
    results.submit_results(actor=cast.analyst, sample=sample, measurements=FAILING)
    html = login(cast.reviewer).get(reverse("spotcheck:lab-sample", args=[sample.blind_code]))
    page = html.content.decode()
    assert "{&#x27;" not in page and "{'" not in page  # no raw dictionary
    row = _row(page, "conductor_resistance")
    assert "导体电阻" in row and "7.9 Ω/km" in row and "≤ 7.41 Ω/km" in row
    assert "不合格" in row and "7.3 → 7.9" in row and 'class="changed"' in page
    row = _row(page, "insulation_thickness_mean")
    assert "合格" in row and "→" not in row
    verdict = re.search(r'data-test="review-verdict">.*?</p>', page, re.S)
    assert verdict and "不合格" in verdict.group(0)
    assert 'data-test="approve"' in page
    own = login(cast.analyst).get(reverse("spotcheck:lab-sample", args=[sample.blind_code]))
    assert 'data-test="approve"' not in own.content.decode()


def test_an_item_the_engine_cannot_judge_is_judged_by_hand_on_the_page(
    alice: User, shaanxi_maker: Enterprise
) -> None:
    from tests.integration.spotcheck.test_judged_by_hand import CLAUSE, DESIGNATION

    cast = make_cast(alice)
    sample = sample_for(first_task(drawn_plan(cast)), designation=DESIGNATION)
    page_url = reverse("spotcheck:lab-sample", args=[sample.blind_code])
    enter = reverse("spotcheck:lab-enter", args=[sample.blind_code])
    page = login(cast.analyst).get(page_url).content.decode()
    assert 'data-hand="sheath_thickness_mean"' in page
    assert 'data-hand="conductor_resistance"' not in page  # the engine judges that one
    typed = {
        "conductor_resistance.value": "12.0",
        "sheath_thickness.mean": "1.6",
        "sheath_thickness.min": "1.4",
        "manual.sheath_thickness_mean.result": "pass",
        "manual.sheath_thickness_mean.clause": CLAUSE,
        "manual.sheath_thickness_mean.reason": "",
    }
    refused = login(cast.analyst).post(enter, typed)
    html = refused.content.decode()
    assert refused.status_code == 422 and not sample.results.exists()
    assert 'data-test="error-manual.sheath_thickness_mean.reason">必须填写' in html
    assert f'value="{CLAUSE}"' in html  # kept
    typed["manual.sheath_thickness_mean.reason"] = "按附录A计算标称 1.5 mm"
    assert login(cast.analyst).post(enter, typed).status_code == 302
    version = sample.results.get()
    assert version.manual["sheath_thickness_mean"]["clause"] == CLAUSE
    review = login(cast.reviewer).get(page_url).content.decode()
    assert 'data-test="hand-sheath_thickness_mean"' in review
    assert 'data-test="confirm-hand"' in review and 'data-test="version-hand-1"' in review

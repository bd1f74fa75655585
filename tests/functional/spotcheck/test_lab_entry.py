"""Lab entry that helps: the engine's validation at entry, each problem beside its field in
the user's language, nothing typed lost, and the unit, limit and live verdict of each field."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cablewatch.base.errors import DomainError
from cablewatch.base.models import User
from cablewatch.registry.models import Enterprise
from cablewatch.spotcheck.models import ResultVersion, Sample
from cablewatch.spotcheck.services import results
from tests.conftest import login
from tests.integration.spotcheck.helpers import (
    PASSING,
    drawn_plan,
    first_task,
    make_cast,
    sample_for,
)

pytestmark = pytest.mark.django_db

BAD = {
    "conductor_resistance.value": "−7.2",
    "conductor_resistance.temperature_c": "20",
    "insulation_thickness.mean": "0.7",
    "insulation_thickness.min": "0.9",
    "overall_diameter.mean": "1e308",
    "insulation_tensile_strength": "很多",
    "marking": "pass",
}


def _error(html: str, name: str) -> str:
    found = re.search(rf'data-test="error-{re.escape(name)}"[^>]*>([^<]*)<', html)
    return found.group(1) if found else ""


def _value(html: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" id="[^"]*" value="([^"]*)"', html)
    return found.group(1) if found else ""


@pytest.fixture
def setup(alice: User, shaanxi_maker: Enterprise) -> tuple[object, Sample]:
    cast = make_cast(alice)
    return cast, sample_for(first_task(drawn_plan(cast)))


def test_bad_input_is_refused_beside_each_field_in_chinese_and_kept(setup: tuple) -> None:
    cast, sample = setup
    client = login(cast.analyst)
    response = client.post(reverse("spotcheck:lab-enter", args=[sample.blind_code]), BAD)
    html = response.content.decode()
    assert response.status_code == 422
    assert not ResultVersion.objects.filter(sample=sample).exists()
    assert _error(html, "conductor_resistance.value") == "必须是 ≥ 0 的数"
    assert _error(html, "insulation_thickness.min") == "不能大于 平均值"
    assert _error(html, "overall_diameter.mean").startswith("不是可信的读数")
    assert _error(html, "insulation_tensile_strength") == "不是数字。"
    assert _error(html, "insulation_thickness.mean") == ""  # 0.7 itself is fine
    for name, typed in BAD.items():
        if name != "marking":
            assert _value(html, name) == typed.replace("−", "−"), name
    assert 'value="pass" selected' in html


def test_an_empty_form_is_refused(setup: tuple) -> None:
    cast, sample = setup
    response = login(cast.analyst).post(reverse("spotcheck:lab-enter", args=[sample.blind_code]))
    assert response.status_code == 422
    assert "没有录入任何内容" in response.content.decode()
    assert not ResultVersion.objects.filter(sample=sample).exists()


def test_each_field_shows_its_unit_nominal_limit_and_live_verdict(setup: tuple) -> None:
    cast, sample = setup
    values = {"conductor_resistance.value": "7.9", "insulation_thickness.mean": "0.82"}
    response = login(cast.analyst).post(
        reverse("spotcheck:lab-enter", args=[sample.blind_code]), {**values, "action": "check"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and not ResultVersion.objects.exists()
    row = html[html.index('data-field="conductor_resistance.value"') :]
    row = row[: row.index("</tr>")]
    assert "Ω/km" in row and "≤ 7.41 Ω/km" in row and "不合格" in row
    row = html[html.index('data-field="insulation_thickness.mean"') :]
    row = row[: row.index("</tr>")]
    assert "0.8 mm" in row and "≥ 0.8 mm" in row and "合格" in row and "不合格" not in row
    assert 'data-test="live-verdict"' in html


def test_good_input_is_saved_as_the_engine_reads_it(setup: tuple) -> None:
    cast, sample = setup
    values = {"conductor_resistance.value": "7,3", "marking": "合格"}
    response = login(cast.analyst).post(
        reverse("spotcheck:lab-enter", args=[sample.blind_code]), values
    )
    assert response.status_code == 302
    version = ResultVersion.objects.get(sample=sample)
    assert version.measurements == {"conductor_resistance": {"value": 7.3}, "marking": "pass"}


def test_the_service_refuses_what_the_engine_refuses(setup: tuple) -> None:
    cast, sample = setup
    for bad in (
        {},
        {"conductor_resistance": {"value": -7.2}},
        {"overall_diameter": {"mean": 1e308}},
        {"insulation_thickness": {"mean": 0.7, "min": 0.9}},
    ):
        with pytest.raises(DomainError):
            results.submit_results(actor=cast.analyst, sample=sample, measurements=bad)
    assert not ResultVersion.objects.exists()
    results.submit_results(actor=cast.analyst, sample=sample, measurements=PASSING)


def test_an_instrument_csv_is_previewed_with_its_unknown_columns(setup: tuple) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    cast, sample = setup
    text = "样品编号,导体电阻,温度,绝缘平均厚度,绝缘最薄处厚度,仪器编号\n"
    text += f"{sample.blind_code},−7.2,20,0.7,0.9,R-17\n"
    upload = SimpleUploadedFile("r.csv", text.encode("utf-8-sig"))
    response = login(cast.analyst).post(
        reverse("spotcheck:lab-enter", args=[sample.blind_code]), {"csv": upload}
    )
    html = response.content.decode()
    assert not ResultVersion.objects.exists()
    assert 'data-test="csv-unused"' in html and "仪器编号" in html
    assert _value(html, "conductor_resistance.value") == "−7.2"
    assert _error(html, "conductor_resistance.value") == "必须是 ≥ 0 的数"
    assert _error(html, "insulation_thickness.min") == "不能大于 平均值"


def test_a_live_check_answers_only_what_stands_beside_the_fields(setup: tuple) -> None:
    cast, sample = setup
    response = login(cast.analyst).post(
        reverse("spotcheck:lab-enter", args=[sample.blind_code]),
        {**BAD, "action": "check"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not ResultVersion.objects.exists()
    assert "<input" not in html and "<select" not in html  # what is typed is never replaced
    assert 'hx-swap-oob="true"' in html
    assert _error(html, "conductor_resistance.value") == "必须是 ≥ 0 的数"


def test_the_refusals_are_in_english_for_an_english_user(setup: tuple) -> None:
    cast, sample = setup
    client = login(cast.analyst)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(reverse("spotcheck:lab-enter", args=[sample.blind_code]), BAD)
    html = response.content.decode()
    assert _error(html, "conductor_resistance.value") == "must be a number ≥ 0"
    assert _error(html, "insulation_thickness.min") == "must not exceed mean"
    assert _error(html, "insulation_tensile_strength") == "Not a number."
    assert "Nothing was saved" in html

"""A worksheet enters several samples of one designation at once, with the same checks per
cell as the single-sample form: all filled rows or none, nothing typed lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cablewatch.base.models import User
from cablewatch.spotcheck.models import ResultVersion, Sample
from tests.conftest import login
from tests.integration.spotcheck.helpers import PASSING, Cast, drawn_plan, make_cast, sample_for

pytestmark = pytest.mark.django_db
URL = reverse("spotcheck:lab-worksheet")
DESIGNATION = "BV 450/750V 1×2.5"


@pytest.fixture
def three(alice: User, make_enterprise: object) -> tuple[Cast, list[Sample]]:
    for _ in range(4):
        make_enterprise()  # type: ignore[operator]
    cast = make_cast(alice)
    plan = drawn_plan(cast, batches=3)
    samples = [sample_for(task) for task in plan.tasks.order_by("seq")[:3]]
    return cast, sorted(samples, key=lambda s: s.blind_code)


def _cells(sample: Sample, values: dict[str, str]) -> dict[str, str]:
    return {f"{sample.blind_code}|{k}": v for k, v in values.items()}


def test_the_queue_offers_a_worksheet_per_designation(three: tuple) -> None:
    cast, _samples = three
    page = login(cast.analyst).get(reverse("spotcheck:lab-queue")).content.decode()
    assert 'data-test="worksheets"' in page and "BV 450/750V 1×2.5" in page
    assert "sampled" not in page  # the status in words, not its key


def test_one_row_per_blind_code_and_one_column_per_measurement(three: tuple) -> None:
    cast, samples = three
    page = login(cast.analyst).get(URL, {"designation": DESIGNATION}).content.decode()
    for sample in samples:
        assert f'name="{sample.blind_code}|conductor_resistance.value"' in page
        assert f'name="{sample.blind_code}|marking"' in page
    assert "秦川" not in page and "测试电缆有限公司" not in page  # blind


def test_a_refused_cell_saves_nothing_and_keeps_every_row(three: tuple) -> None:
    cast, samples = three
    good = {"conductor_resistance.value": "7.3", "marking": "pass"}
    bad = {
        "conductor_resistance.value": "-7.2",
        "insulation_thickness.mean": "0.6",
        "insulation_thickness.min": "0.8",
    }
    data = {"designation": DESIGNATION, **_cells(samples[0], good), **_cells(samples[1], bad)}
    response = login(cast.analyst).post(URL, data)
    page = response.content.decode()
    assert response.status_code == 422 and not ResultVersion.objects.exists()
    code = samples[1].blind_code
    assert f'data-test="error-{code}|conductor_resistance.value">必须是 ≥ 0 的数' in page
    assert f'data-test="error-{code}|insulation_thickness.min">不能大于 平均值' in page
    assert f'name="{samples[0].blind_code}|conductor_resistance.value" ' in page
    assert 'value="7.3"' in page and 'value="-7.2"' in page


def test_filled_rows_are_submitted_and_empty_rows_left(three: tuple) -> None:
    cast, samples = three
    full = {
        "conductor_resistance.value": "7.3",
        "conductor_resistance.temperature_c": "20",
        "insulation_thickness.mean": "0.82",
        "insulation_thickness.min": "0.7",
        "overall_diameter.mean": "3.5",
        "insulation_tensile_strength": "15",
        "insulation_elongation": "180",
        "voltage_test": "pass",
        "flame_test": "pass",
        "marking": "pass",
    }
    data = {"designation": DESIGNATION, **_cells(samples[0], full), **_cells(samples[2], full)}
    response = login(cast.analyst).post(URL, data)
    assert response.status_code == 302
    saved = ResultVersion.objects.order_by("sample__blind_code")
    assert [v.sample_id for v in saved] == [samples[0].pk, samples[2].pk]
    assert saved[0].measurements == {**PASSING, "insulation_elongation": 180.0}
    assert Sample.objects.get(pk=samples[1].pk).status == Sample.Status.SAMPLED


def test_a_worksheet_csv_fills_rows_by_blind_code_and_reports_strangers(three: tuple) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    cast, samples = three
    text = "盲样编号,导体电阻,标志\n"
    text += f"{samples[0].blind_code},7.3,合格\n{samples[2].blind_code},7.9,不合格\nSZZZZZ,1,合格\n"
    upload = SimpleUploadedFile("s.csv", text.encode("utf-8"))
    response = login(cast.analyst).post(URL, {"designation": DESIGNATION, "csv": upload})
    page = response.content.decode()
    assert response.status_code == 200 and not ResultVersion.objects.exists()
    assert "SZZZZZ" in page and 'data-test="csv-problems"' in page
    assert f'name="{samples[2].blind_code}|conductor_resistance.value" value="7.9"' in page

"""The announcement import: every row imported, a duplicate or rejected with its reason."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from cablewatch.portal.importer.pipeline import ImportOptions, ImportSummary, import_announcement
from cablewatch.portal.importer.readers import UnreadableFileError
from cablewatch.portal.models import ImportRun, PublishedResult
from cablewatch.registry.models import Enterprise
from cablewatch.registry.services import update_enterprise
from tests.integration.portal import fixtures

pytestmark = pytest.mark.django_db


def run(path: Path, **extra: str) -> tuple[ImportSummary, list[list[str]]]:
    out = io.StringIO()
    summary = import_announcement(path, ImportOptions(rejects=out, **extra))
    rejects = list(csv.reader(io.StringIO(out.getvalue())))[1:]
    return summary, rejects


def test_it_imports_the_standard_layout_row_by_row(tmp_path: Path) -> None:
    summary, rejects = run(fixtures.standard_xlsx(tmp_path / "a.xlsx"), source="陕西 2024")
    outcome = {int(r[1]): r[2] for r in rejects}
    for row in PublishedResult.objects.all():
        assert row.source_sheet == "电线电缆"
        assert row.source_row is not None
        outcome[row.source_row] = "imported"
    assert outcome == fixtures.STANDARD_EXPECTED
    assert summary.contract() == {
        "rows_read": 6,
        "imported": 4,
        "duplicates": 0,
        "rejected": 2,
        "enterprises_created": 4,
        "enterprises_matched": 0,
    }


def test_it_normalises_traditional_fullwidth_and_pinyin_text(tmp_path: Path) -> None:
    run(fixtures.standard_xlsx(tmp_path / "a.xlsx"))
    shunde = PublishedResult.objects.get(source_row=5)
    assert shunde.enterprise_name == "广东顺德电线有限公司"
    assert shunde.designation == "BVV-2.5"
    assert shunde.failed_items == "conductor_resistance"  # 導體電阻 → the engine's key
    assert shunde.verdict == "fail"
    assert shunde.enterprise_address == "广东省佛山市"
    assert PublishedResult.objects.get(source_row=7).enterprise_name == "宝鸡新星电缆厂"


def test_it_maps_a_merged_two_row_header(tmp_path: Path) -> None:
    run(fixtures.standard_xlsx(tmp_path / "a.xlsx"))
    row = PublishedResult.objects.get(source_row=4)
    assert (row.enterprise_name, row.enterprise_address) == ("秦川电缆有限公司", "陕西省西安市")
    assert row.lab_name == "陕西省产品质量监督检验研究院"
    assert row.failed_items == ""
    assert row.year == 2024


def test_it_keeps_an_unparsable_designation_as_written_and_flags_it(tmp_path: Path) -> None:
    run(fixtures.standard_xlsx(tmp_path / "a.xlsx"))
    odd = PublishedResult.objects.get(source_row=9)
    assert (odd.designation, odd.designation_unparsed) == ("XQ-怪型号", True)
    good = PublishedResult.objects.get(source_row=7)
    assert (good.product_family, good.designation_unparsed) == ("YJV", False)


def test_it_is_idempotent(tmp_path: Path) -> None:
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")
    run(path)
    again, _ = run(path)
    assert again.contract()["imported"] == 0
    assert again.contract()["duplicates"] == 4
    assert again.contract()["enterprises_created"] == 0
    assert PublishedResult.objects.count() == 4


def test_it_reads_a_layout_with_only_failures_and_no_result_column(tmp_path: Path) -> None:
    summary, rejects = run(fixtures.chengdu_xlsx(tmp_path / "cd.xlsx"))
    assert (summary.imported, summary.rejected) == (2, 1)
    assert rejects[0][1:3] == ["5", "no result"]
    assert set(PublishedResult.objects.values_list("verdict", flat=True)) == {"fail"}
    assert summary.enterprises_created == 1


def test_it_reads_gb18030_csv_and_matches_a_traditional_spelling(tmp_path: Path) -> None:
    summary, rejects = run(fixtures.gb18030_csv(tmp_path / "xa.csv"), region="610100")
    assert summary.contract()["rows_read"] == 3
    assert (summary.imported, summary.rejected) == (2, 1)
    assert rejects[0][2] == "result not understood: 待定"
    assert summary.enterprises_created == 1  # 長安電纜 is 长安电缆
    assert set(PublishedResult.objects.values_list("division_code", flat=True)) == {"610100"}


def test_it_reads_every_result_table_of_an_html_page(tmp_path: Path) -> None:
    summary, rejects = run(fixtures.two_table_html(tmp_path / "page.html"))
    assert summary.contract() == {
        "rows_read": 4,
        "imported": 3,
        "duplicates": 0,
        "rejected": 1,
        "enterprises_created": 2,
        "enterprises_matched": 0,
    }
    assert rejects[0][:3] == ["table 3", "3", "note or subtotal row"]
    first = PublishedResult.objects.get(source_sheet="table 2", source_row=3)
    assert first.enterprise_address == "江苏省苏州市"


def test_it_matches_by_credit_code_then_current_or_former_name(
    tmp_path: Path, make_enterprise: Callable[..., Enterprise]
) -> None:
    qinchuan = make_enterprise("秦川电缆有限公司")
    renamed = make_enterprise("兴平线缆股份有限公司")
    update_enterprise(actor=None, enterprise=renamed, data={"name": "兴平新线缆有限公司"})
    shunde = make_enterprise("广东顺德电线有限公司", "440606")
    summary, _ = run(fixtures.standard_xlsx(tmp_path / "a.xlsx"))
    by_row = dict(PublishedResult.objects.values_list("source_row", "enterprise_id"))
    assert by_row[4] == qinchuan.pk
    assert by_row[5] == shunde.pk
    assert by_row[9] == renamed.pk  # 兴平线缆有限公司 = former 兴平线缆股份有限公司
    assert summary.enterprises_matched == 3
    assert summary.created_names == ["宝鸡新星电缆厂"]


def test_it_does_not_match_a_name_one_character_apart(
    tmp_path: Path, make_enterprise: Callable[..., Enterprise]
) -> None:
    other = make_enterprise("兴平新线缆有限公司")
    summary, _ = run(fixtures.standard_xlsx(tmp_path / "a.xlsx"))
    assert PublishedResult.objects.get(source_row=9).enterprise_id != other.pk
    assert "兴平线缆有限公司" in summary.created_names


def test_it_matches_a_former_name(
    tmp_path: Path, make_enterprise: Callable[..., Enterprise]
) -> None:
    old = make_enterprise("秦川电缆有限公司")
    update_enterprise(actor=None, enterprise=old, data={"name": "秦川智能电缆集团有限公司"})
    run(fixtures.standard_xlsx(tmp_path / "a.xlsx"))
    assert PublishedResult.objects.get(source_row=4).enterprise_id == old.pk


def test_an_unreadable_file_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip file at all")
    with pytest.raises(UnreadableFileError):
        run(path)
    assert not ImportRun.objects.exists()
    assert not PublishedResult.objects.exists()


def test_a_file_without_a_result_table_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("只是一段说明\n没有表格\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        run(path)


def test_a_repeated_header_row_is_rejected_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "pages.csv"
    path.write_text(
        "序号,产品名称,标称生产企业名称,规格型号,抽查结果\n"
        "1,电线,甲电缆有限公司,BV-2.5,合格\n"
        "序号,产品名称,标称生产企业名称,规格型号,抽查结果\n"
        "2,电线,乙电缆有限公司,BV-4,不合格\n",
        encoding="utf-8",
    )
    summary, rejects = run(path)
    assert (summary.rows_read, summary.imported, summary.rejected) == (3, 2, 1)
    assert rejects[0][1:3] == ["3", "repeated header row"]

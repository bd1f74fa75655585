from __future__ import annotations

import pytest

from cablewatch.lib.textnorm import clean_text, normalise_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("質(zhì)檢總局", "质检总局"),
        ("陝西奧凱電纜有限公司", "陕西奥凯电缆有限公司"),
        ("ＢＶ　４５０／７５０Ｖ", "BV 450/750V"),
        ("电(diàn)缆(lǎn)", "电缆"),
        ("60227 IEC 01(BV)", "60227 IEC 01(BV)"),
    ],
)
def test_it_cleans_what_copying_websites_do_to_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_it_keeps_chinese_content_in_brackets() -> None:
    assert normalise_name("华通电缆（中国）有限公司") == normalise_name("华通电缆(中国)有限公司")
    assert "中国" in normalise_name("华通电缆（中国）有限公司")


def test_names_differing_only_in_script_width_and_spaces_compare_equal() -> None:
    assert normalise_name("陝西 奧凱電纜有限公司") == normalise_name("陕西奥凯电缆有限公司")

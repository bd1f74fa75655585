"""Announcement files in the published layouts, built in the test (no binary fixtures)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

HEADER = [
    "序号",
    "产品名称",
    "标称生产企业名称",
    "标称生产企业地址",
    "被抽样单位名称",
    "被抽样单位所在地",
    "规格型号",
    "商标",
    "生产日期/批号",
    "抽查结果",
    "不合格项目",
    "承检机构",
]


def standard_xlsx(path: Path) -> Path:
    """Title row, a two-row header with merged cells, blank and subtotal rows, and
    traditional / pinyin-polluted text. Expected outcome in STANDARD_EXPECTED."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "电线电缆"
    sheet.append(["2024年陕西省电线电缆产品质量监督抽查结果"])
    sheet.merge_cells("A1:J1")
    sheet.append(
        [
            "序号",
            "产品名称",
            "标称生产企业",
            None,
            "规格型号",
            "商标",
            "生产日期/批号",
            "抽查结果",
            "不合格项目",
            "承检机构",
        ]
    )
    sheet.append([None, None, "名称", "地址", None, None, None, None, None, None])
    sheet.merge_cells("C2:D2")
    sheet.merge_cells("A2:A3")
    rows = [
        [
            1,
            "聚氯乙烯绝缘电线",
            "秦川电缆有限公司",
            "陕西省西安市",
            "BV 450/750V 1×2.5",
            "秦川",
            "2024-03-01",
            "合格",
            "/",
            "陕西省产品质量监督检验研究院",
        ],
        [
            2,
            "電線電纜",
            "廣東順德電線有限公司",
            "广东省佛山市",
            "ＢＶＶ－２．５",
            "顺德",
            "2024年2月",
            "不合格",
            "導體電阻",
            "陕西省产品质量监督检验研究院",
        ],
        [None] * 10,
        [
            3,
            "电力电缆",
            "宝(bǎo)鸡(jī)新星电缆厂",
            "陕西省宝鸡市",
            "YJV 0.6/1kV 3×95+1×50",
            "",
            "2024",
            "不合格",
            "绝缘厚度、导体电阻",
            "陕西省产品质量监督检验研究院",
        ],
        [4, "电线", "", "", "BV-4", "", "2024", "合格", "", ""],
        [5, "护套线", "兴平线缆有限公司", "陕西省咸阳市", "XQ-怪型号", "", "2024", "合格", "", ""],
        ["合计", "共5批次，不合格2批次", None, None, None, None, None, None, None, None],
    ]
    for row in rows:
        sheet.append(row)
    book.save(path)
    book.close()
    return path


# (row number in the sheet, outcome) for standard_xlsx; blank row 6 is not listed.
STANDARD_EXPECTED = {
    4: "imported",
    5: "imported",
    7: "imported",
    8: "no enterprise name",
    9: "imported",
    10: "note or subtotal row",
}


def chengdu_xlsx(path: Path) -> Path:
    """The 成都 AIC layout: no result column, only failures listed (主要不合格项目或主要问题)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["成都市工商局2018年第一季度流通领域电线电缆商品质量抽检不合格名单"])
    sheet.append(
        [
            "序号",
            "样品名称",
            "被抽查检验人",
            "标称生产企业",
            "标称商标",
            "规格",
            "主要不合格项目或主要问题",
            "生产日期或批号",
            "备注",
        ]
    )
    sheet.append(
        [
            1,
            "电线",
            "成都某五金店",
            "四川蜀光电缆有限公司",
            "蜀光",
            "BV-2.5",
            "导体电阻",
            "2018-01",
            "",
        ]
    )
    sheet.append(
        [
            2,
            "电缆",
            "成都某建材市场",
            "四川蜀光电缆有限公司",
            "蜀光",
            "RVV 3×1.5",
            "绝缘厚度",
            "2018-02",
            "",
        ]
    )
    sheet.append([3, "电线", "成都某店", "某电缆厂", "", "BV-1.5", "", "2018", ""])
    book.save(path)
    book.close()
    return path


def gb18030_csv(path: Path) -> Path:
    text = (
        "西安市质量技术监督局2013年第二季度电线电缆抽查\n"
        "受检单位,标识标注的生产单位,标识标注的产品名称,规格,检验结果,不合格项目\n"
        "西安某建材,陕西长安电缆有限公司,铜芯聚氯乙烯绝缘电线,BV 2.5,不合格,导体电阻\n"
        "西安某五金,陕西長安電纜有限公司,铜芯电线,BV 4,合格,\n"
        "西安某店,咸阳电线厂,电线,BV 1.5,待定,\n"
    )
    path.write_bytes(text.encode("gb18030"))
    return path


def two_table_html(path: Path) -> Path:
    """A web page with a layout table, then two result tables (the first with rowspan)."""
    path.write_text(
        """<html><head><meta charset="utf-8"><title>公告</title></head><body>
<table><tr><td>首页</td><td>新闻</td></tr></table>
<h2>一、生产领域</h2>
<table border="1">
<tr><th rowspan="2">序号</th><th rowspan="2">产品名称</th><th colspan="2">标称生产企业</th>
<th rowspan="2">规格型号</th><th rowspan="2">检验结论</th></tr>
<tr><th>名称</th><th>地址</th></tr>
<tr><td>1</td><td>电线</td><td>苏州吴中电缆有限公司</td><td>江苏省苏州市</td><td>BV-2.5</td><td>合格</td></tr>
<tr><td>2</td><td>电缆</td><td>苏州吴中电缆有限公司</td><td>江苏省苏州市</td><td>YJV-3×4</td><td>不合格</td></tr>
</table>
<h2>二、流通领域</h2>
<table border="1">
<tr><td>序号</td><td>样品名称</td><td>标称生产企业</td><td>规格</td><td>判定结果</td></tr>
<tr><td>1</td><td>电线</td><td>无锡远东线缆有限公司</td><td>BV-6</td><td>合格</td></tr>
<tr><td colspan="5">备注：以上结果仅对所检样品负责</td></tr>
</table></body></html>""",
        encoding="utf-8",
    )
    return path

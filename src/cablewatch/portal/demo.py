"""Demo data for the public portal: published results of the demo makers, 2022-2025,
brought in through the announcement import (as other regions' announcements are).

Idempotent: rows are generated from a fixed seed, so a second load finds every
row already stored and adds nothing.
"""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path

from cablewatch.base.demo import DemoContext
from cablewatch.portal.importer.headers import COLUMNS
from cablewatch.portal.importer.pipeline import ImportOptions, import_announcement
from cablewatch.registry.models import Enterprise

DESIGNATIONS = [
    ("聚氯乙烯绝缘电线", "BV 450/750V 1×2.5"),
    ("聚氯乙烯绝缘电线", "BV 450/750V 1×4"),
    ("聚氯乙烯绝缘软电缆", "RVV 300/500V 3×1.5"),
    ("交联聚乙烯绝缘电力电缆", "YJV 0.6/1kV 3×95+1×50"),
    ("阻燃电力电缆", "ZC-YJV22-0.6/1kV 4×95+1×50"),
    ("控制电缆", "KVV 450/750V 4×1.5"),
]
FAILS = ["导体电阻", "绝缘厚度", "绝缘最薄处厚度", "绝缘老化前抗张强度", "成束阻燃性能", "标志"]
HEADER = [
    "序号",
    "产品名称",
    "标称生产企业名称",
    "标称生产企业地址",
    "规格型号",
    "商标",
    "生产日期/批号",
    "抽查结果",
    "不合格项目",
    "承检机构",
]


def _rows(makers: list[Enterprise]) -> list[list[str]]:
    rng = random.Random(20260101)
    out = []
    for n in range(1, 301):
        maker = rng.choice(makers)
        product, designation = rng.choice(DESIGNATIONS)
        year = rng.choice([2022, 2023, 2024, 2025])
        bad = rng.random() < 0.18 + (2025 - year) * 0.03
        failed = "、".join(rng.sample(FAILS, rng.randint(1, 2))) if bad else ""
        out.append(
            [
                str(n),
                product,
                maker.name,
                maker.address,
                designation,
                "",
                f"{year}-{rng.randint(1, 12):02d}",
                "不合格" if bad else "合格",
                failed,
                "国家电线电缆产品质量检验检测中心",
            ]
        )
    return out


def load(context: DemoContext) -> None:
    del context
    makers = list(Enterprise.objects.filter(kind=Enterprise.Kind.MANUFACTURER).order_by("pk"))
    if not makers or len(COLUMNS) < len(HEADER):
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-announcements.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["各地电线电缆产品质量监督抽查结果汇总（演示数据）"])
            writer.writerow(HEADER)
            writer.writerows(_rows(makers))
        import_announcement(path, ImportOptions(source="演示：各地公告汇总"))

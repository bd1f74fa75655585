"""Demo data for the public portal: published results of the demo makers, 2022-2025,
brought in through the announcement import (as other regions' announcements are:
staged by one officer, published by a second of a superior agency), and an
announcement of this platform's own round holding some of its final results, so
that the demo has reports of both kinds: public, and not yet public.

Idempotent: rows are generated from a fixed seed and the announcement has a fixed
number, so a second load finds everything stored and adds nothing.
"""

from __future__ import annotations

import csv
import random
import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from cablewatch.base.demo import DemoContext
from cablewatch.base.models import Agency, Division, User
from cablewatch.portal.importer.headers import COLUMNS
from cablewatch.portal.importer.pipeline import sha256_of
from cablewatch.portal.models import Announcement, ImportRun
from cablewatch.portal.services import announcements, imports
from cablewatch.registry.models import Enterprise

ANNOUNCEMENT_NUMBER = "陕市监抽〔2026〕演示1号"

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
    officer = User.objects.filter(username="officer").first()  # Shaanxi province
    superior = User.objects.filter(username="national").first()  # SAMR
    if officer is None or superior is None:
        return
    _import_history(officer, superior)
    _announce_own_round(officer, superior)


def _import_history(officer: User, superior: User) -> None:
    makers = list(Enterprise.objects.filter(kind=Enterprise.Kind.MANUFACTURER).order_by("pk"))
    agency = Agency.objects.filter(code="samr").first()
    if not makers or agency is None or len(COLUMNS) < len(HEADER):
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-announcements.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["各地电线电缆产品质量监督抽查结果汇总（演示数据）"])
            writer.writerow(HEADER)
            writer.writerows(_rows(makers))
        if ImportRun.objects.filter(file_sha256=sha256_of(path)).exists():
            return
        run = imports.stage_import(actor=officer, path=path, agency=agency)
    imports.publish_import(actor=superior, run=run)


def _announce_own_round(officer: User, superior: User) -> None:
    """Announce every other eligible final result of the demo round (the passing ones:
    the failures are still inside their re-test window), leaving the rest pending."""
    if Announcement.objects.filter(number=ANNOUNCEMENT_NUMBER).exists():
        return
    division = Division.objects.get(code="610000")
    today = timezone.localdate()
    pending = announcements.select_candidates(officer, division, announcements.Selection())
    eligible = [c for c in pending if not announcements.ineligible(c, today)]
    chosen = [c.pk for c in eligible[::2]]
    if not chosen:
        return
    with transaction.atomic():
        made = announcements.generate_announcement(
            actor=officer,
            division=division,
            title="2026年陕西省电线电缆产品质量监督抽查结果公告（第一批，演示）",
            number=ANNOUNCEMENT_NUMBER,
            disclosure_date=today,
            candidate_ids=chosen,
        )
        announcements.approve_announcement(actor=superior, announcement=made)

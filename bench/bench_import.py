"""Benchmark: importing a published announcement vs a plain bulk insert of the same rows.

Run: ``python bench/bench_import.py`` (SQLite in a temporary file) or with
``DATABASE_URL=postgres://...``. Prints rows/s of (a) a plain bulk insert of the
parsed CSV rows into the same table of the same database and (b) the full import
(header detection, text normalisation, designation parsing, enterprise matching,
duplicate check, rejects), the ratio b/a (target >= 1/4), and the peak traced
memory of the import at two file sizes (it must not grow with the file).
"""

from __future__ import annotations

import csv
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _portal_setup import setup_django

QUICK = os.environ.get("BENCH_QUICK") == "1"
ROWS = 20_000 if QUICK else 100_000
SMALL = 5_000 if QUICK else 20_000
MAKERS = 2_000
KNOWN = 1_000  # makers already in the registry; the rest are created by the import
HEADER = [
    "序号",
    "产品名称",
    "标称生产企业名称",
    "标称生产企业地址",
    "被抽样单位名称",
    "规格型号",
    "商标",
    "生产日期/批号",
    "抽查结果",
    "不合格项目",
    "承检机构",
]
DESIGNATIONS = [
    "BV 450/750V 1×2.5",
    "BV-4",
    "RVV 300/500V 3×1.5",
    "YJV 0.6/1kV 3×95+1×50",
    "ZC-YJV22-0.6/1kV 4×95+1×50",
    "KVV 450/750V 4×1.5",
    "BVR 10",
    "怪型号-9",
]
PROVINCES = ["陕西省西安市", "广东省佛山市", "江苏省苏州市", "河北省石家庄市", "四川省成都市"]


def maker_name(i: int) -> str:
    return f"基准{i:05d}号电线电缆有限公司"


def write_file(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["某省电线电缆产品质量监督抽查结果"])
        writer.writerow(HEADER)
        for n in range(1, rows + 1):
            bad = rng.random() < 0.2
            name = maker_name(rng.randrange(MAKERS))
            if rng.random() < 0.05:
                name = name.replace("电线电缆", "電線電纜")  # traditional copies
            writer.writerow(
                [
                    n,
                    "电线电缆",
                    name,
                    rng.choice(PROVINCES),
                    f"某市场{n % 500}",
                    rng.choice(DESIGNATIONS),
                    "",
                    f"{rng.randint(2020, 2025)}-{n % 12 + 1:02d}/B{n}",
                    "不合格" if bad else "合格",
                    "导体电阻" if bad else "",
                    "某检验院",
                ]
            )
            if n % 1000 == 0:
                writer.writerow([f"小计：{n}批次"] + [""] * 10)


def seed_registry() -> None:
    from cablewatch.base.models import Division
    from cablewatch.registry.models import Enterprise

    division = Division.objects.get(code="610100")
    made = [
        Enterprise(name=maker_name(i), kind="manufacturer", division=division) for i in range(KNOWN)
    ]
    for e in made:
        e.name_key = e.name  # the bench names are already in normal form
    Enterprise.objects.bulk_create(made, batch_size=1000)


def reset() -> None:
    from cablewatch.portal.models import ImportRun, PublishedResult
    from cablewatch.registry.models import Enterprise

    PublishedResult.objects.all().delete()
    ImportRun.objects.all().delete()
    Enterprise.objects.filter(pk__gt=KNOWN + 10_000_000).delete()


def plain_insert(path: Path) -> float:
    """The baseline: csv.reader + bulk_create of the raw cells, nothing else."""
    from django.db import transaction

    from cablewatch.portal.models import PublishedResult

    started = time.perf_counter()
    with transaction.atomic(), path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader), next(reader)
        batch = []
        for n, c in enumerate(reader):
            if not c[1]:
                continue
            batch.append(
                PublishedResult(
                    product_name=c[1],
                    enterprise_name=c[2],
                    enterprise_address=c[3],
                    sampled_unit_name=c[4],
                    designation=c[5],
                    brand=c[6],
                    batch=c[7],
                    verdict="fail" if c[8] == "不合格" else "pass",
                    failed_items=c[9],
                    lab_name=c[10],
                    source="imported",
                    row_key=f"plain{n}",
                    enterprise_key=c[2],
                    designation_key=c[5],
                )
            )
            if len(batch) >= 2000:
                PublishedResult.objects.bulk_create(batch)
                batch = []
        PublishedResult.objects.bulk_create(batch)
    elapsed = time.perf_counter() - started
    PublishedResult.objects.all().delete()
    return elapsed


def run_import(path: Path) -> tuple[float, dict[str, int]]:
    from cablewatch.portal.importer.pipeline import ImportOptions, import_announcement

    with open(os.devnull, "w", encoding="utf-8") as rejects:
        started = time.perf_counter()
        summary = import_announcement(path, ImportOptions(source="bench", rejects=rejects))
        return time.perf_counter() - started, summary.contract()


def peak_memory(path: Path) -> float:
    reset_results()
    tracemalloc.start()
    run_import(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def reset_results() -> None:
    from cablewatch.portal.models import ImportRun, PublishedResult

    PublishedResult.objects.all().delete()
    ImportRun.objects.all().delete()


def main() -> int:
    vendor = setup_django()
    seed_registry()
    folder = Path(tempfile.mkdtemp(prefix="cw-bench-import-"))
    big, small = folder / "big.csv", folder / "small.csv"
    write_file(big, ROWS, 1)
    write_file(small, SMALL, 2)
    print(f"database: {vendor}; file: {ROWS} result rows (+{ROWS // 1000} subtotal rows)")
    base = plain_insert(big)
    took, counts = run_import(big)
    print(f"plain bulk insert : {ROWS / base:10.0f} rows/s ({base:.1f} s)")
    print(f"import            : {counts['rows_read'] / took:10.0f} rows/s ({took:.1f} s) {counts}")
    print(f"ratio import/plain: {base / took * counts['rows_read'] / ROWS:.2f} (target >= 0.25)")
    again, counts2 = run_import(big)
    print(
        f"re-import (all duplicates): {counts2['rows_read'] / again:.0f} rows/s, "
        f"imported={counts2['imported']} duplicates={counts2['duplicates']}"
    )
    small_peak, big_peak = peak_memory(small), peak_memory(big)
    print(
        f"peak traced memory: {SMALL} rows {small_peak:.1f} MB, {ROWS} rows {big_peak:.1f} MB "
        f"(ratio {big_peak / small_peak:.2f}; flat means ~1)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

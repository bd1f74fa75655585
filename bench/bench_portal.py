"""Benchmark: public search, enterprise page and API latency on a national-scale record.

Run: ``python bench/bench_portal.py`` (SQLite in a temporary file) or with
``DATABASE_URL=postgres://...``. Builds 200,000 published results of 10,000
enterprises (BENCH_QUICK=1: 20,000 of 2,000), then times each page kind in-process
through Django's test client and prints p50/p95 per kind and overall, with the
ratio of p95 to the 200 ms target (<= 1 meets it) and to a primary-key lookup
of one result measured the same way (the floor of any request).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _portal_setup import setup_django

QUICK = os.environ.get("BENCH_QUICK") == "1"
RESULTS = 20_000 if QUICK else 200_000
MAKERS = 2_000 if QUICK else 10_000
REPEAT = 15 if QUICK else 30
TARGET_MS = 200.0
DESIGNATIONS = [
    ("BV 450/750V 1×2.5", "BV"),
    ("RVV 300/500V 3×1.5", "RVV"),
    ("YJV 0.6/1kV 3×95+1×50", "YJV"),
    ("KVV 450/750V 4×1.5", "KVV"),
]
REGIONS = ["610112", "610300", "440606", "440300", "320582", "130528", "510100", "420100"]
WORDS = "华通金源秦川恒昌远东宏达正泰新光永固鑫盛瑞丰长城九州天虹汇能明辉安达中缆"


def maker_name(i: int) -> str:
    rng = random.Random(i)
    return "".join(rng.sample(WORDS, 3)) + f"{i}电缆有限公司"


def build() -> list[int]:
    from cablewatch.base.models import Division
    from cablewatch.lib.textnorm import normalise_name
    from cablewatch.portal.models import PublishedResult
    from cablewatch.portal.models.results import designation_key
    from cablewatch.registry.models import Enterprise

    divisions = {d.code: d for d in Division.objects.filter(code__in=REGIONS)}
    makers = []
    for i in range(MAKERS):
        e = Enterprise(
            name=maker_name(i), kind="manufacturer", division=divisions[REGIONS[i % len(REGIONS)]]
        )
        e.name_key = normalise_name(e.name)
        makers.append(e)
    Enterprise.objects.bulk_create(makers, batch_size=2000)
    ids = list(Enterprise.objects.values_list("pk", "name", "division_id"))
    rng = random.Random(7)
    batch = []
    for n in range(RESULTS):
        pk, name, division = rng.choice(ids)
        designation, family = rng.choice(DESIGNATIONS)
        bad = rng.random() < 0.2
        batch.append(
            PublishedResult(
                product_name="电线电缆",
                enterprise_name=name,
                enterprise_key=normalise_name(name),
                designation=designation,
                designation_key=designation_key(designation),
                product_family=family,
                verdict="fail" if bad else "pass",
                failed_items="导体电阻" if bad else "",
                source="imported",
                row_key=f"b{n}",
                enterprise_id=pk,
                division_code=division,
                year=2018 + n % 8,
            )
        )
        if len(batch) == 5000:
            PublishedResult.objects.bulk_create(batch)
            batch = []
    PublishedResult.objects.bulk_create(batch)
    return [pk for pk, _n, _d in ids]


def timed(client: object, url: str, params: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    response = client.get(url, params or {})  # type: ignore[attr-defined]
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return (time.perf_counter() - started) * 1000


def main() -> int:
    vendor = setup_django()
    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    enterprise_ids = build()
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"database: {vendor}; {RESULTS} results of {MAKERS} enterprises "
        f"built in {time.perf_counter() - started:.0f} s"
    )
    client = Client()
    rng = random.Random(3)
    kinds = {
        "name part": lambda: ("/search/", {"q": maker_name(rng.randrange(MAKERS))[:5]}),
        "name traditional": lambda: (
            "/search/",
            {"q": "電纜有限公司" + str(rng.randrange(MAKERS))},
        ),
        "family+year": lambda: (
            "/search/",
            {"family": "YJV", "year": str(2018 + rng.randrange(8))},
        ),
        "region+fail": lambda: ("/search/", {"region": rng.choice(REGIONS), "verdict": "fail"}),
        "designation": lambda: ("/search/", {"designation": "yjv 0.6/1kv 3*95"}),
        "enterprise page": lambda: (f"/enterprises/{rng.choice(enterprise_ids)}/", None),
        "api page": lambda: ("/api/v1/published-results", {"region": rng.choice(REGIONS)}),
        "home": lambda: ("/", None),
    }
    timed(client, "/api/v1/published-results", {"limit": "1"})
    floor = [timed(client, "/api/v1/published-results", {"limit": "1"}) for _ in range(REPEAT)]
    floor_p95 = statistics.quantiles(floor, n=20)[-1]
    everything: list[float] = []
    for kind, make in kinds.items():
        timed(client, *make())  # warm caches and plans
        samples = [timed(client, *make()) for _ in range(REPEAT)]
        everything += samples
        p95 = statistics.quantiles(samples, n=20)[-1]
        print(
            f"{kind:18s} p50 {statistics.median(samples):7.1f} ms  p95 {p95:7.1f} ms  "
            f"p95/target {p95 / TARGET_MS:5.2f}"
        )
    p95 = statistics.quantiles(everything, n=20)[-1]
    print(
        f"{'all pages':18s} p95 {p95:.1f} ms; p95/target {p95 / TARGET_MS:.2f} (<= 1 meets "
        f"200 ms); p95/one-row floor ({floor_p95:.1f} ms) {p95 / floor_p95:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: the spot-check draw and the supervisor's sample list.

1. Drawing 500 tasks from 10,000 weighted enterprises and a pool of 1,000 inspectors
   (with exclusions) with the published SHA-256 draw, against `random.sample` of the
   same counts (the unweighted, unpublishable baseline).
2. The supervisor's sample list with 200,000 samples (BENCH_QUICK=1: 20,000): p95 of the
   page and of its API through the Django test client, against a bare ORM fetch of the
   same 50 rows. Uses DATABASE_URL (PostgreSQL when set; SQLite otherwise) in a
   throw-away test database.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
QUICK = os.environ.get("BENCH_QUICK") == "1"


def _time(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def bench_draw() -> None:
    from cablewatch.spotcheck.draw import draw

    rng = random.Random(7)
    candidates = [(i, float(rng.choice([1, 1, 1, 2, 3, 6]))) for i in range(1, 10_001)]
    pool = list(range(1, 1001))
    exclusions = {i: rng.sample(pool, 3) for i in range(1, 10_001, 7)}

    def published() -> None:
        draw("bench-seed", candidates, pool, exclusions, tasks=500, labs=["a", "b"])

    def baseline() -> None:
        r = random.Random("bench-seed")
        for _ in r.sample(range(10_000), 500):
            r.sample(pool, 2)

    repeat = 3 if QUICK else 7
    ours = statistics.median(_time(published, repeat))
    base = statistics.median(_time(baseline, repeat))
    print(
        f"draw 500 of 10,000 / 1,000 inspectors: {ours * 1000:.1f} ms "
        f"(random.sample baseline {base * 1000:.2f} ms) -> ratio {ours / base:.1f}x the baseline"
    )


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()


def _populate(n_samples: int) -> object:
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from cablewatch.base.models import Agency, Role, User
    from cablewatch.base.reference import ensure_reference_data
    from cablewatch.registry.models import Enterprise
    from cablewatch.spotcheck.models import DrawTask, Plan, Sample

    ensure_reference_data()
    sx = Agency.objects.create(code="b-sx", name="b-sx", kind="regulator", division_id="610000")
    lab = Agency.objects.create(code="b-lab", name="b-lab", kind="lab", division_id="610100")
    officer = User.objects.create_user("b-officer", agency=sx)
    officer.groups.add(Group.objects.get(name=Role.SUPERVISION))
    divisions = ["610112", "610113", "610300", "440606", "320582"]
    Enterprise.objects.bulk_create(
        Enterprise(
            name=f"企业{i}", name_key=f"企业{i}", kind="manufacturer", division_id=divisions[i % 5]
        )
        for i in range(10_000)
    )
    ents = list(Enterprise.objects.values_list("pk", "division_id"))
    now = timezone.now()
    batch = 10_000
    for start in range(0, n_samples, batch):
        plan = Plan.objects.create(
            name=f"p{start}",
            division_id="610000",
            year=2026,
            batches=batch,
            sample_by=now.date(),
            test_by=now.date(),
            status="drawn",
        )
        count = min(batch, n_samples - start)
        tasks = DrawTask.objects.bulk_create(
            DrawTask(
                plan=plan,
                seq=k + 1,
                enterprise_id=ents[(start + k) % 10_000][0],
                lab=lab,
                weight=1.0,
            )
            for k in range(count)
        )
        Sample.objects.bulk_create(
            Sample(
                task=t,
                plan_division_id=("610000" if k % 2 else "440000"),
                enterprise_id=t.enterprise_id,
                lab=lab,
                blind_code=f"B{start + k:09d}",
                site_kind="production",
                sampled_unit_name="u",
                sampled_unit_address="a",
                sampled_division_id="610112",
                sampled_at=now - dt_minutes(start + k),
                designation="BV 450/750V 1×2.5",
                batch_number="b",
                quantity="1",
                seal_number="s",
                backup_seal_number="s2",
                recorded_by=officer,
                status="final",
                final=True,
                verdict="fail" if k % 9 == 0 else "pass",
            )
            for k, t in enumerate(tasks)
        )
        print(f"  {start + count} samples", file=sys.stderr, flush=True)
    return officer


def _ok(status: int) -> None:
    if status != 200:
        raise RuntimeError(f"HTTP {status}")


def dt_minutes(n: int) -> object:
    import datetime as dt

    return dt.timedelta(minutes=n)


def bench_list() -> None:
    _setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from cablewatch.spotcheck.models import Sample

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    old = setup_databases(verbosity=0, interactive=False)
    try:
        n = 20_000 if QUICK else 200_000
        started = time.perf_counter()
        officer = _populate(n)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"populated {n} samples in {time.perf_counter() - started:.0f} s on {connection.vendor}"
        )
        client = Client()
        client.force_login(officer)  # type: ignore[arg-type]
        repeat = 30 if QUICK else 60

        def page() -> None:
            _ok(client.get("/spotcheck/samples/?page=3").status_code)

        def api() -> None:
            _ok(client.get("/api/v1/spotcheck/samples?limit=50").status_code)

        def bare() -> None:
            list(
                Sample.objects.filter(
                    plan_division_id__gte="610000", plan_division_id__lte="619999"
                )
                .order_by("-sampled_at", "-pk")[100:150]
                .values()
            )

        for fn in (page, api, bare):
            fn()  # warm up
        results = {
            name: _p95(_time(fn, repeat))
            for name, fn in (("page", page), ("api", api), ("bare", bare))
        }
        for name in ("page", "api"):
            print(
                f"sample list {name}: p95 {results[name] * 1000:.1f} ms "
                f"-> ratio {results[name] / results['bare']:.1f}x a bare ORM fetch "
                f"of the same rows (p95 {results['bare'] * 1000:.1f} ms)"
            )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    bench_draw()
    bench_list()

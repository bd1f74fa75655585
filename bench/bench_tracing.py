"""Benchmark: where-used over a national-scale movement log, and EPCIS import.

Run: ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/cw_x python bench/bench_tracing.py``
(``make bench``). The data set goes into its own database, ``<name>_bench_tracing``
(PostgreSQL; created if missing) or a temporary SQLite file, never the one named.
Full size: 10 million movements, 100,000 batches, 20,000 projects, written with COPY.
BENCH_QUICK=1 uses 200,000 movements; BENCH_MOVEMENTS=N sets any size; on SQLite the
default is 1 million; BENCH_REUSE=1 measures again on a data set already generated.

Prints p50/p95 latency of where-used for one batch and for an enterprise + designation
+ period, each as a RATIO to a single indexed lookup (a batch by its identifier)
measured in the same run, and EPCIS import throughput as a ratio to plain ORM inserts.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

QUICK = os.environ.get("BENCH_QUICK") == "1"
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
# The national size is a PostgreSQL figure; SQLite (the demo engine) is measured at 1 million.
FULL = 10_000_000 if ON_POSTGRES else 1_000_000
MOVEMENTS = int(os.environ.get("BENCH_MOVEMENTS") or (200_000 if QUICK else FULL))
PER_BATCH = 100  # movements per batch: 100,000 batches at 10 million
PROJECTS = max(200, MOVEMENTS // 500)  # 20,000 at 10 million
PLACES_PER_PROJECT = 10
MAKERS, DISTRIBUTORS, INSTALLERS = 2_000, 8_000, 5_000
DESIGNATIONS = [
    "BV 450/750V 1×2.5",
    "BV 450/750V 1×4",
    "YJV 0.6/1kV 3×95+1×50",
    "RVV 300/500V 3×1.5",
    "ZC-YJV22 0.6/1kV 4×95+1×50",
]
SAMPLES = 50 if QUICK else 200
T0 = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def _bench_database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") + "_bench_tracing"
        _ensure_pg_database(parts, name)
        return urlunsplit(parts._replace(path="/" + name))
    path = Path(tempfile.mkdtemp(prefix="cw-bench-tracing-")) / "bench.sqlite3"
    return f"sqlite:///{path}"


def _ensure_pg_database(parts: Any, name: str) -> None:
    import psycopg

    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


os.environ["DATABASE_URL"] = _bench_database()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cablewatch.settings")
os.environ.setdefault("CABLEWATCH_VAR_DIR", tempfile.mkdtemp(prefix="cw-bench-var-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from cablewatch.tracing.models import Batch, Movement  # noqa: E402
from cablewatch.tracing.queries import (  # noqa: E402
    batches_matching,
    where_used_json,
    where_used_rows,
)
from cablewatch.tracing.services import epcis  # noqa: E402

TABLES = [
    "tracing_installation",
    "tracing_holding",
    "tracing_movement",
    "tracing_location",
    "tracing_batch",
    "tracing_project",
    "tracing_party",
]


def _rows_for_batch(
    rng: random.Random, state: dict[str, Any]
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """One batch's history: made, shipped to distributors, on to installers, installed."""
    b = state["batch"]
    maker = 1 + (b % MAKERS)
    length = 100_000
    when = T0 + dt.timedelta(days=b % 1500)
    yield (
        "batch",
        (
            b,
            f"urn:epc:class:lgtin:{maker:07d}.{b % 97:05d}.L{b}",
            maker,
            maker,
            DESIGNATIONS[b % len(DESIGNATIONS)],
            DESIGNATIONS[b % len(DESIGNATIONS)],
            DESIGNATIONS[b % len(DESIGNATIONS)].split()[0],
            f"L{b}",
            when.date(),
            length,
            when,
        ),
    )
    holdings: dict[int, list[int]] = {maker: [length, length]}
    yield from _movement(
        state, b, kind="commission", src=None, dst=maker, place=None, length=length, when=when
    )
    budget = PER_BATCH - 1
    dists = rng.sample(range(MAKERS + 1, MAKERS + DISTRIBUTORS + 1), 3)
    inst = rng.sample(range(MAKERS + DISTRIBUTORS + 1, MAKERS + DISTRIBUTORS + INSTALLERS + 1), 9)
    for i, d in enumerate(dists):
        yield from _ship(state, b, src=maker, dst=d, length=30_000, when=when, holdings=holdings)
        for k in inst[i * 3 : (i + 1) * 3]:
            yield from _ship(state, b, src=d, dst=k, length=9_000, when=when, holdings=holdings)
    budget -= 12
    for n in range(budget):
        k = inst[n % 9]
        place = rng.randrange(PROJECTS * PLACES_PER_PROJECT) + 1
        yield from _install(state, b, src=k, place=place, length=100, when=when, holdings=holdings)
    for party, (received, balance) in holdings.items():
        state["holding"] += 1
        yield "holding", (state["holding"], b, party, received, balance)


def _movement(
    state: dict[str, Any],
    b: int,
    *,
    kind: str,
    src: int | None,
    dst: int | None,
    place: int | None,
    length: int,
    when: dt.datetime,
) -> Iterator[tuple[str, Any]]:
    state["movement"] += 1
    yield (
        "movement",
        (state["movement"], b, kind, src, dst, place, length, when, None, None, None, False),
    )


def _ship(
    state: dict[str, Any],
    b: int,
    *,
    src: int,
    dst: int,
    length: int,
    when: dt.datetime,
    holdings: dict[int, list[int]],
) -> Iterator[tuple[str, Any]]:
    holdings[src][1] -= length
    held = holdings.setdefault(dst, [0, 0])
    held[0] += length
    held[1] += length
    yield from _movement(
        state, b, kind="ship", src=src, dst=dst, place=None, length=length, when=when
    )


def _install(
    state: dict[str, Any],
    b: int,
    *,
    src: int,
    place: int,
    length: int,
    when: dt.datetime,
    holdings: dict[int, list[int]],
) -> Iterator[tuple[str, Any]]:
    holdings[src][1] -= length
    yield from _movement(
        state, b, kind="install", src=src, dst=None, place=place, length=length, when=when
    )
    state["installation"] += 1
    yield (
        "installation",
        (state["installation"], b, place, src, state["movement"], length, when, "installed"),
    )


COLUMNS = {
    "batch": (
        "tracing_batch",
        "id, class_id, maker_id, enterprise_id, designation, "
        "designation_raw, family, batch_number, production_date, length_m, created",
    ),
    "movement": (
        "tracing_movement",
        "id, batch_id, kind, from_party_id, to_party_id, "
        "location_id, length_m, moved_at, event_id, confirm_event_id, received_at, "
        "by_receipt",
    ),
    "holding": ("tracing_holding", "id, batch_id, party_id, received_m, balance_m"),
    "installation": (
        "tracing_installation",
        "id, batch_id, location_id, installer_id, movement_id, length_m, installed_at, state",
    ),
}


def _reference_rows() -> Iterator[tuple[str, tuple[Any, ...]]]:
    now = T0
    for e in range(1, MAKERS + 1):
        yield (
            "enterprise",
            (
                e,
                f"基准电缆厂{e}",
                f"基准电缆厂{e}",
                "manufacturer",
                "",
                "610112",
                "active",
                "",
                now,
                now,
            ),
        )
    for p in range(1, MAKERS + DISTRIBUTORS + INSTALLERS + 1):
        yield "party", (p, f"urn:epc:id:pgln:{p:07d}.00000", "", p if p <= MAKERS else None)
    for j in range(1, PROJECTS + 1):
        yield "project", (j, f"工程{j}", f"P{j}", None, "", "610112", "metro", now)
        for k in range(PLACES_PER_PROJECT):
            loc = (j - 1) * PLACES_PER_PROJECT + k + 1
            yield "location", (loc, f"urn:epc:id:sgln:{j}.{k}", j, f"站{k}")


REFERENCE_COLUMNS = {
    "enterprise": (
        "registry_enterprise",
        "id, name, name_key, kind, address, division_id, "
        "status, legal_representative, created, updated",
    ),
    "party": ("tracing_party", "id, identifier, name, enterprise_id"),
    "project": (
        "tracing_project",
        "id, name, code, owner_id, location, division_id, kind, created",
    ),
    "location": ("tracing_location", "id, identifier, project_id, place"),
}


def _all_rows() -> Iterator[tuple[str, tuple[Any, ...]]]:
    yield from _reference_rows()
    rng = random.Random(7)
    state = {"batch": 0, "movement": 0, "holding": 0, "installation": 0}
    for b in range(1, MOVEMENTS // PER_BATCH + 1):
        state["batch"] = b
        yield from _rows_for_batch(rng, state)


def generate() -> None:
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        _load_postgres()
    else:
        _load_sqlite()
    print(
        f"generated {Movement.objects.count():,} movements, {Batch.objects.count():,} batches,"
        f" {PROJECTS:,} projects in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def _load_postgres() -> None:
    """Write each table as COPY text to a temporary file, drop the secondary indexes and
    constraints, COPY the files in, rebuild the indexes, ANALYZE."""
    from tqdm import tqdm

    spec = {**REFERENCE_COLUMNS, **COLUMNS}
    tables = [t for t, _c in spec.values()]
    folder = Path(tempfile.mkdtemp(prefix="cw-bench-copy-"))
    files = {kind: (folder / f"{kind}.tsv").open("w", encoding="utf-8") for kind in spec}
    for kind, row in tqdm(
        _all_rows(),
        total=int(MOVEMENTS * 2.0),
        file=sys.stderr,
        mininterval=2,
        unit="row",
        desc="generate",
    ):
        files[kind].write("\t".join(_text(v) for v in row) + "\n")
    for handle in files.values():
        handle.close()
    with connection.cursor() as cur:
        cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        constraints = _drop_unique_constraints(cur, tables)
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
            "AND indexname NOT LIKE '%%_pkey'",
            [tables],
        )
        indexes = list(cur.fetchall())
        for name, _def in indexes:
            cur.execute(f'DROP INDEX IF EXISTS "{name}"')
        for kind, (table, columns) in tqdm(spec.items(), file=sys.stderr, desc="copy"):
            with (
                (folder / f"{kind}.tsv").open("rb") as source,
                cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
            ):
                while data := source.read(1 << 20):
                    copy.write(data)
            (folder / f"{kind}.tsv").unlink()
        for _name, definition in tqdm(indexes, file=sys.stderr, desc="indexes"):
            cur.execute(definition)
        for sql in constraints:
            cur.execute(sql)
        for table in tables:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        cur.execute("ANALYZE")
    folder.rmdir()


def _text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _drop_unique_constraints(cur: Any, tables: list[str]) -> list[str]:
    cur.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid::regclass::text = ANY(%s) AND contype IN ('u', 'f', 'c')",
        [tables],
    )
    restore = []
    for table, name, definition in cur.fetchall():
        cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        # Foreign keys and checks come back unvalidated: the generator keeps them, and
        # validating 10 million rows would double the load time.
        later = "" if definition.startswith("UNIQUE") else " NOT VALID"
        restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}{later}')
    return restore


def _load_sqlite() -> None:
    buffers: dict[str, list[tuple[Any, ...]]] = {}
    spec = {**REFERENCE_COLUMNS, **COLUMNS}
    with transaction.atomic(), connection.cursor() as cur:
        for kind, row in _all_rows():
            buffers.setdefault(kind, []).append(row)
            if len(buffers[kind]) >= 5000:
                _flush(cur, spec[kind], buffers.pop(kind))
        for kind, rows in buffers.items():
            _flush(cur, spec[kind], rows)


def _flush(cur: Any, spec: tuple[str, str], rows: list[tuple[Any, ...]]) -> None:
    table, columns = spec
    marks = ", ".join(["%s"] * len(columns.split(",")))
    cur.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def timed(fn: Callable[[], Any], n: int) -> tuple[float, float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def measure_queries() -> None:
    rng = random.Random(11)
    top = Batch.objects.order_by("-id").values_list("id", flat=True).first() or 1
    ids = [rng.randrange(1, top + 1) for _ in range(SAMPLES)]
    classes = dict(Batch.objects.filter(id__in=ids).values_list("id", "class_id"))
    pick = iter(ids * 3)

    def lookup() -> None:
        Batch.objects.get(class_id=classes[next(pick)])

    def one_batch() -> None:
        where_used_json(Batch.objects.get(class_id=classes[next(pick)]))

    def by_enterprise() -> None:
        b = next(pick)
        start = (T0 + dt.timedelta(days=b % 1500)).date()
        found = batches_matching(
            enterprise_id=1 + (b % MAKERS),
            designation=DESIGNATIONS[b % len(DESIGNATIONS)],
            produced_from=start - dt.timedelta(days=60),
            produced_to=start + dt.timedelta(days=60),
        )
        where_used_rows(found.values("pk"))

    base50, base95 = timed(lookup, SAMPLES)
    print(
        f"baseline: one indexed lookup (batch by identifier) p50 {base50:.2f} ms, "
        f"p95 {base95:.2f} ms"
    )
    for name, fn in (
        ("where-used, one batch", one_batch),
        ("where-used, enterprise + designation + 4 months", by_enterprise),
    ):
        p50, p95 = timed(fn, SAMPLES)
        print(
            f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms; ratio to the lookup "
            f"p50 {p50 / base50:.1f}x, p95 {p95 / base95:.1f}x",
            flush=True,
        )


def measure_import() -> None:
    n_batches = 40 if QUICK else 200
    events: list[dict[str, Any]] = []
    for i in range(n_batches):
        cls = f"urn:epc:class:lgtin:9999999.00001.IMP{i}-{time.time_ns()}"
        events.append(_event("commissioning", cls, dst="urn:bench:maker", qty=1000))
        events.append(_event("shipping", cls, src="urn:bench:maker", dst="urn:bench:dist", qty=600))
        for k in range(8):
            events.append(
                _event(
                    "installing", cls, src="urn:bench:dist", qty=50, place=f"urn:bench:place:{k}"
                )
            )
    started = time.perf_counter()
    result = epcis.import_events(events)
    rate = result.imported / (time.perf_counter() - started)
    batch = Batch.objects.order_by("-id").first()
    if batch is None or result.rejects:
        raise SystemExit(f"import refused events: {result.rejects[:3]}")
    started = time.perf_counter()
    with transaction.atomic():
        for _ in range(len(events)):
            Movement.objects.create(batch=batch, kind="ship", length_m=Decimal(1), moved_at=T0)
    base = len(events) / (time.perf_counter() - started)
    print(
        f"EPCIS import: {rate:,.0f} events/s; baseline plain ORM insert {base:,.0f} rows/s; "
        f"ratio {rate / base:.2f}"
    )


def _event(
    step: str, cls: str, *, qty: int, src: str = "", dst: str = "", place: str = ""
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "ObjectEvent",
        "eventTime": "2024-01-01T00:00:00Z",
        "action": "OBSERVE",
        "bizStep": step,
        "quantityList": [{"epcClass": cls, "quantity": qty, "uom": "MTR"}],
    }
    if src:
        event["sourceList"] = [{"type": "owning_party", "source": src}]
    if dst:
        event["destinationList"] = [{"type": "owning_party", "destination": dst}]
    if place:
        event["bizLocation"] = {"id": place}
    return event


def main() -> int:
    print(f"database: {connection.vendor}; {MOVEMENTS:,} movements", flush=True)
    call_command("migrate", verbosity=0)
    have = Movement.objects.count()
    if os.environ.get("BENCH_REUSE") == "1" and have >= MOVEMENTS:
        print(f"reusing {have:,} movements already generated")
    else:
        generate()
    measure_queries()
    measure_import()
    return 0


if __name__ == "__main__":
    sys.exit(main())

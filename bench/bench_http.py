"""Pages and API over real HTTP on loopback: p95 latency under concurrent load.

DESIGN's quality bar: p95 under 200 ms on PostgreSQL with a national-scale data set,
measured with a load generator on loopback. This builds the portal data set of
bench_portal.py (200,000 published results, 10,000 enterprises; BENCH_QUICK=1: 20,000),
starts `cablewatch serve` (gunicorn) against the same database on a free loopback port,
and drives it with CLIENTS concurrent httpx clients. Figures are p95 per kind, the ratio
of p95 to the 200 ms target, and the ratio to a static file served by the same stack.
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
from _portal_setup import setup_django
from bench_portal import MAKERS, REGIONS, build, maker_name

QUICK = os.environ.get("BENCH_QUICK") == "1"
CLIENTS = 4
PER_CLIENT = 10 if QUICK else 25
TARGET_MS = 200.0
Request = tuple[str, dict[str, str] | None]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int) -> subprocess.Popen[bytes]:
    cli = [sys.executable, "-m", "cablewatch.cli", "serve", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        cli, env=os.environ.copy(), stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/base/favicon.svg", timeout=1)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the server did not start")


def load(base: str, make: Callable[[], Request]) -> list[float]:
    """CLIENTS clients at once, each sending PER_CLIENT requests one after another."""

    def one_client(seed: int) -> list[float]:
        times = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(PER_CLIENT):
                url, params = make()
                started = time.perf_counter()
                response = client.get(url, params=params)
                if response.status_code != 200:
                    raise RuntimeError(f"{url}: HTTP {response.status_code}")
                times.append((time.perf_counter() - started) * 1000)
        return times

    with ThreadPoolExecutor(CLIENTS) as pool:
        return [t for part in pool.map(one_client, range(CLIENTS)) for t in part]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    vendor = setup_django()
    enterprise_ids = build()
    if vendor == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(5)
    kinds: dict[str, Callable[[], Request]] = {
        "static file (floor)": lambda: ("/static/base/favicon.svg", None),
        "home": lambda: ("/", None),
        "search name part": lambda: ("/search/", {"q": maker_name(rng.randrange(MAKERS))[:5]}),
        "search traditional": lambda: (
            "/search/",
            {"q": "電纜有限公司" + str(rng.randrange(MAKERS))},
        ),
        "search region+fail": lambda: (
            "/search/",
            {"region": rng.choice(REGIONS), "verdict": "fail"},
        ),
        "enterprise page": lambda: (f"/enterprises/{rng.choice(enterprise_ids)}/", None),
        "api published-results": lambda: (
            "/api/v1/published-results",
            {"region": rng.choice(REGIONS)},
        ),
    }
    try:
        print(f"database: {vendor}; {CLIENTS} concurrent clients on loopback, gunicorn")
        floor = 0.0
        for kind, make in kinds.items():
            load(base, make)  # warm the workers' caches
            times = load(base, make)
            value = p95(times)
            floor = floor or value
            print(
                f"{kind:24s} p50 {statistics.median(times):7.1f} ms  p95 {value:7.1f} ms  "
                f"p95/target {value / TARGET_MS:5.2f}  p95/static {value / floor:6.1f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())

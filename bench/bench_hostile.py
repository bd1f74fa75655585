"""Benchmark: hostile announcement files (issue 13) against an ordinary one, same run.

Run: ``python bench/bench_hostile.py``. Each file is imported by the installed
``cablewatch import-announcement`` in its own process (a migrated SQLite database in a
temporary folder); the figures are wall time, the process's peak memory (ru_maxrss)
and the exit code. The baseline is an ordinary 1,000-row csv: a refused hostile file
should cost about what starting the command costs (a ratio near 1), not grow with what
the file claims to hold. Before the limits, the probe measured: the colspan file 75 s
and 485 MB, the nested tables over 5 minutes, the zip bomb over 10 minutes, the shared
strings 574 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.portal import hostile_files  # noqa: E402

EXE = Path(sys.executable).with_name("cablewatch")


def ordinary_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("序号,产品名称,标称生产企业名称,规格型号,抽查结果\n")
        for n in range(1000):
            out.write(f"{n},电线,企业{n % 50}电缆有限公司,BV-{n % 90 + 1},合格\n")
    return path


def run(path: Path, env: dict[str, str]) -> tuple[int, float, float, str]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(EXE), "import-announcement", str(path), "--json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    err = process.stderr.read() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    reason = err.strip().splitlines()[-1].split(": ", 2)[-1] if err.strip() else ""
    return process.returncode, seconds, usage.ru_maxrss / 1024, reason


def in_process(files: list[tuple[str, Path]]) -> None:
    """The reading step alone, in this process: time and tracemalloc peak until refused."""
    import tracemalloc

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cablewatch.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    import django

    django.setup()
    from cablewatch.portal.importer.readers import UnreadableFileError, read_rows

    print(f"\n{'reading step alone':36} {'ms':>8} {'peak MB':>8}")
    for label, path in files:
        tracemalloc.start()
        started = time.perf_counter()
        try:
            for _row in read_rows(path):
                pass
        except UnreadableFileError:
            pass
        ms = (time.perf_counter() - started) * 1000
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{label:36} {ms:>8.1f} {peak / 2**20:>8.1f}")


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="cw-bench-hostile-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "CABLEWATCH_VAR_DIR": str(folder / "var"),
        "DJANGO_SETTINGS_MODULE": "cablewatch.settings",
        "SECRET_KEY": "bench-only-not-secret",
    }
    env.pop("CABLEWATCH_TESTING", None)
    subprocess.run([str(EXE), "migrate", "-v0"], env=env, check=True)
    files = [
        ("ordinary 1,000-row csv (baseline)", ordinary_csv(folder / "ordinary.csv")),
        ("colspan=3000000 html", hostile_files.wide_colspan_html(folder / "colspan.html")),
        ("10,000 nested tables", hostile_files.nested_tables_html(folder / "nested.html")),
        ("xlsx zip bomb (300 MB unpacked)", hostile_files.zip_bomb_xlsx(folder / "bomb.xlsx")),
        ("1.5 M shared strings", hostile_files.shared_strings_xlsx(folder / "strings.xlsx")),
        ("forged zip sizes", hostile_files.lying_zip_xlsx(folder / "lying.xlsx")),
        ("2.5 M addressed empty cells", hostile_files.many_cells_xlsx(folder / "cells.xlsx")),
    ]
    base_s = base_mb = 0.0
    print(f"{'file':36} {'bytes':>9} {'exit':>4} {'s':>6} {'MB':>6} {'x time':>6} {'x mem':>6}")
    for label, path in files:
        code, seconds, mb, reason = run(path, env)
        if not base_s:
            base_s, base_mb = seconds, mb
        print(
            f"{label:36} {path.stat().st_size:>9} {code:>4} {seconds:>6.2f} {mb:>6.0f}"
            f" {seconds / base_s:>6.2f} {mb / base_mb:>6.2f}  {reason[:90]}"
        )
    in_process(files)
    return 0


if __name__ == "__main__":
    sys.exit(main())

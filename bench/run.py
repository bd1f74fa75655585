"""`make bench`: run every benchmark in this folder, one process each.

Each bench_*.py prints its own figures as ratios against a baseline measured in
the same process. BENCH_QUICK=1 shrinks every data set (for a smoke run).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    names = argv or sorted(p.stem for p in HERE.glob("bench_*.py"))
    failed = []
    for name in names:
        script = HERE / f"{name.removesuffix('.py')}.py"
        print(f"\n=== {script.name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], env=os.environ.copy(), check=False)
        print(f"=== {script.name}: exit {result.returncode}, {time.perf_counter() - started:.1f} s")
        if result.returncode != 0:
            failed.append(script.name)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

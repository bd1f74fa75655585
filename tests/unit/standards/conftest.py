"""Under mutmut (which forks every mutant from one warmed process) the engine's caches
would keep what the unmutated code compiled: start each test from empty caches there."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _fresh_engine_caches() -> Iterator[None]:
    if os.environ.get("MUTANT_UNDER_TEST"):
        from cablewatch.standards import plan, rules, tables, worklist

        for cached in (
            plan.compile_plan,
            plan._parsed,
            worklist.build_items,
            rules.required_item_names,
            tables.max_resistance,
        ):
            cached.cache_clear()
    yield

"""Loading the GB/T 2260 division list from the data file shipped in the package."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "divisions.csv"


def read_divisions(path: Path = DATA_FILE) -> Iterator[dict[str, str]]:
    """Rows of the data file, parents before children (the file is written that way)."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def upsert_divisions(division_model: Any, path: Path = DATA_FILE) -> int:
    """Create or update every division in the file; returns the number of rows read.

    Takes the model as an argument so a migration can pass its historical model.
    """
    count = 0
    for row in read_divisions(path):
        division_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "name_en": row["name_en"],
                "level": row["level"],
                "parent_id": row["parent"] or None,
            },
        )
        count += 1
    return count

"""Import one published announcement file: every row is imported, a duplicate, or rejected.

One pass over the file, in one transaction (a crash imports nothing), inserting
in batches; duplicates are found by each row's identity key against the rows
already stored (earlier batches of this file included), so memory stays flat.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from cablewatch.base.models import User
from cablewatch.portal.importer.headers import SCAN_ROWS, find_header
from cablewatch.portal.importer.matching import EnterpriseMatcher
from cablewatch.portal.importer.readers import Row, UnreadableFileError, read_rows
from cablewatch.portal.importer.rows import (
    ParsedRow,
    RowRejectedError,
    is_blank,
    parse_row,
    year_in,
)
from cablewatch.portal.models import ImportRun, PublishedResult

BATCH = 2000


@dataclass
class ImportSummary:
    rows_read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    enterprises_created: int = 0
    enterprises_matched: int = 0
    created_names: list[str] = field(default_factory=list)
    run_id: int = 0

    def contract(self) -> dict[str, int]:
        return {
            "rows_read": self.rows_read,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "enterprises_created": self.enterprises_created,
            "enterprises_matched": self.enterprises_matched,
        }


@dataclass
class ImportOptions:
    source: str = ""
    region: str = ""
    actor: User | None = None
    rejects: TextIO | None = None
    progress: Callable[[int], object] | None = None
    display_name: str = ""
    run: ImportRun | None = None  # a staged run being published (else a new run)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tables(rows: Iterator[Row]) -> Iterator[tuple[str, list[Row], Iterator[Row]]]:
    """Split the row stream by sheet/table: (name, first rows buffered, the rest)."""
    pending: Row | None = None
    source = iter(rows)
    while True:
        first = pending or next(source, None)
        pending = None
        if first is None:
            return
        name = first[0]
        head = [first]
        for row in source:
            if row[0] != name:
                pending = row
                break
            head.append(row)
            if len(head) >= SCAN_ROWS:
                break

        def rest(name: str = name) -> Iterator[Row]:
            nonlocal pending
            if pending is not None:
                return
            for row in source:
                if row[0] != name:
                    pending = row
                    return
                yield row

        yield name, head, rest()


def import_announcement(path: Path, options: ImportOptions) -> ImportSummary:
    """Import `path`; raises UnreadableFileError (and imports nothing) if it cannot be read."""
    rows = read_rows(path)
    with transaction.atomic():
        run = options.run or ImportRun.objects.create(
            file_name=options.display_name or path.name,
            file_sha256=sha256_of(path),
            source_label=options.source,
            region=options.region,
            actor=options.actor,
        )
        job = _Job(path, options, run)
        job.run(rows)
        run.counts = job.summary.contract()
        run.created_enterprises = job.summary.created_names
        run.save(update_fields=["counts", "created_enterprises"])
    job.summary.run_id = run.pk
    return job.summary


class _Job:
    def __init__(self, path: Path, options: ImportOptions, run: ImportRun) -> None:
        self.path, self.options, self.run_row = path, options, run
        self.summary = ImportSummary()
        self.matcher = EnterpriseMatcher(
            actor=options.actor, region=options.region, source=options.source or path.name
        ).load()
        self.fallback_year = year_in(options.source) or year_in(path.stem)
        self.today = timezone.localdate()
        self.batch: list[tuple[str, int, ParsedRow]] = []
        self.batch_keys: set[str] = set()
        self.writer = csv.writer(options.rejects) if options.rejects else None
        if self.writer:
            self.writer.writerow(["sheet", "row", "reason", "cells"])

    def run(self, rows: Iterator[Row]) -> None:
        found = False
        for name, head, rest in tables(rows):
            header = find_header([cells for _s, _n, cells in head])
            if header is None:
                for _row in rest:  # a sheet without a result table (notes, a cover)
                    pass
                continue
            found = True
            start, height, mapping = header
            for sheet, number, cells in chain(head[start + height :], rest):
                self._row(sheet or name, number, cells, mapping)
        if not found:
            raise UnreadableFileError("no table with announcement columns found")
        self._flush()
        self.summary.enterprises_created = len(self.matcher.created)
        self.summary.created_names = [n for _pk, n in self.matcher.created]
        self.summary.enterprises_matched = len(self.matcher.matched)

    def _row(self, sheet: str, number: int, cells: list[str], mapping: dict[int, str]) -> None:
        if is_blank(cells):
            return
        self.summary.rows_read += 1
        if self.options.progress and self.summary.rows_read % 1000 == 0:
            self.options.progress(1000)
        try:
            parsed = parse_row(cells, mapping, self.fallback_year)
        except RowRejectedError as reason:
            self.summary.rejected += 1
            if self.writer:
                self.writer.writerow([sheet, number, str(reason), *cells])
            return
        if parsed.key in self.batch_keys:
            self.summary.duplicates += 1
            return
        self.batch.append((sheet, number, parsed))
        self.batch_keys.add(parsed.key)
        if len(self.batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self.batch:
            return
        keys = [p.key for _s, _n, p in self.batch]
        stored = set(
            PublishedResult.objects.filter(row_key__in=keys).values_list("row_key", flat=True)
        )
        new = [self._result(s, n, p) for s, n, p in self.batch if p.key not in stored]
        PublishedResult.objects.bulk_create(new, batch_size=500)
        self.summary.imported += len(new)
        self.summary.duplicates += len(self.batch) - len(new)
        self.batch, self.batch_keys = [], set()

    def _result(self, sheet: str, number: int, row: ParsedRow) -> PublishedResult:
        v = row.values
        enterprise_id = self.matcher.match(
            v["enterprise_name"], v.get("credit_code", ""), v.get("enterprise_address", "")
        )
        result = PublishedResult(
            **{k: v.get(k, "") for k in _TEXT_COLUMNS},
            verdict=row.verdict,
            product_family=row.family,
            designation_unparsed=row.unparsed,
            division_code=self.options.region or self.matcher.divisions.get(enterprise_id, ""),
            source=PublishedResult.Source.IMPORTED,
            source_label=self.options.source[:200],
            source_file=self.run_row.file_name[:255],
            source_sheet=sheet[:100],
            source_row=number,
            row_key=row.key,
            import_run=self.run_row,
            seq=_int(v.get("seq", "")),
            enterprise_id=enterprise_id,
            year=row.year,
            published_on=self.today,  # imported rows carry no date; the import date stands in
        )
        result.fill_keys()
        return result


_TEXT_COLUMNS = (
    "product_name",
    "enterprise_name",
    "enterprise_address",
    "sampled_unit_name",
    "sampled_unit_location",
    "designation",
    "brand",
    "batch",
    "failed_items",
    "lab_name",
    "credit_code",
)


def _int(text: str) -> int:
    return int(text) if text.isdigit() and len(text) < 9 else 0

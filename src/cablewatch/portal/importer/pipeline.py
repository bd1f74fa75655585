"""Import one published announcement file: every row is imported, a duplicate, or rejected.

Two steps, so that a file that cannot be read imports nothing and yet no transaction
is held open while a large file is read (on SQLite that would block every other
writer for the whole import):

1. Read: every row is read and parsed, rejected rows are written to the rejects file,
   and the parsed rows are staged in a temporary file. Nothing is written to the
   database; an unreadable or oversized file (readers.Limits) stops here.
2. Apply: the staged rows are written in chunks of BATCH rows, each chunk in its own
   short transaction, and the ImportRun records how far it got (rows_done of
   rows_total, status). Rows are idempotent (each row's identity key is unique), so a
   run that was interrupted is completed by importing the same file again; a row that
   another import stored first, even at the same moment, counts as a duplicate.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from cablewatch.base.models import User
from cablewatch.lib.sheets import csv_writer
from cablewatch.portal.importer.headers import SCAN_ROWS, find_header
from cablewatch.portal.importer.matching import EnterpriseMatcher
from cablewatch.portal.importer.readers import LIMITS, Limits, Row, UnreadableFileError, read_rows
from cablewatch.portal.importer.rows import (
    ParsedRow,
    RowRejectedError,
    is_blank,
    parse_row,
    year_in,
)
from cablewatch.portal.models import ImportRun, ImportStatus, PublishedResult

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
    rejects: IO[str] | None = None
    progress: Callable[[int], object] | None = None
    display_name: str = ""
    limits: Limits = LIMITS
    on_chunk: Callable[[int, int], object] | None = None  # (rows written, rows to write)


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


def import_announcement(
    path: Path, options: ImportOptions, run: ImportRun | None = None
) -> ImportSummary:
    """Import `path`; raises UnreadableFileError (and imports nothing) if it cannot be read.

    `run` is the record of a queued import (the web upload); without it one is made
    once the file has been read."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as staged:
        if run is not None:
            _progress(run, ImportStatus.READING)
        reading = _Reading(path, options, staged)
        reading.run(read_rows(path, options.limits))
        staged.seek(0)
        if run is None:
            run = ImportRun.objects.create(
                file_name=options.display_name or path.name,
                file_sha256=sha256_of(path),
                source_label=options.source,
                region=options.region,
                actor=options.actor,
                progress=ImportStatus.WRITING,
                rows_total=reading.staged,
            )
        else:
            ImportRun.objects.filter(pk=run.pk).update(file_sha256=sha256_of(path))
            _progress(run, ImportStatus.WRITING, rows_total=reading.staged)
        job = _Apply(path, options, run, reading.summary)
        job.run(staged, reading.staged)
    summary = job.summary
    ImportRun.objects.filter(pk=run.pk).update(
        counts=summary.contract(),
        created_enterprises=summary.created_names,
        progress=ImportStatus.DONE,
        finished=timezone.now(),
    )
    summary.run_id = run.pk
    return summary


def _progress(run: ImportRun, status: str, **fields: Any) -> None:
    ImportRun.objects.filter(pk=run.pk).update(progress=status, **fields)


class _Reading:
    """Step 1: read and parse every row; rejected rows to the rejects file, the others
    staged as JSON lines. Writes nothing to the database."""

    def __init__(self, path: Path, options: ImportOptions, staged: IO[str]) -> None:
        self.options, self.out = options, staged
        self.summary = ImportSummary()
        self.fallback_year = year_in(options.source) or year_in(path.stem)
        self.staged = 0
        self.writer = csv_writer(options.rejects) if options.rejects else None
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
        record = [sheet, number, parsed.values, parsed.verdict, parsed.family]
        record += [parsed.unparsed, parsed.year, parsed.key]
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.staged += 1


def _staged_rows(lines: IO[str]) -> Iterator[tuple[str, int, ParsedRow]]:
    for line in lines:
        sheet, number, values, verdict, family, unparsed, year, key = json.loads(line)
        yield sheet, number, ParsedRow(values, verdict, family, unparsed, year, key)


class _Apply:
    """Step 2: write the staged rows, BATCH at a time, each batch in its own transaction."""

    RETRIES = 3

    def __init__(
        self, path: Path, options: ImportOptions, run: ImportRun, summary: ImportSummary
    ) -> None:
        self.path, self.options, self.run_row = path, options, run
        self.summary = summary
        self.matcher = self._matcher()
        self.today = timezone.localdate()

    def _matcher(self) -> EnterpriseMatcher:
        options = self.options
        return EnterpriseMatcher(
            actor=options.actor, region=options.region, source=options.source or self.path.name
        ).load()

    def run(self, staged: IO[str], total: int) -> None:
        rows = _staged_rows(staged)
        done = 0
        while batch := list(islice(rows, BATCH)):
            self._write(batch)
            done += len(batch)
            ImportRun.objects.filter(pk=self.run_row.pk).update(rows_done=done)
            if self.options.on_chunk:
                self.options.on_chunk(done, total)
        self.summary.enterprises_created = len(self.matcher.created)
        self.summary.created_names = [n for _pk, n in self.matcher.created]
        self.summary.enterprises_matched = len(self.matcher.matched)

    def _write(self, batch: list[tuple[str, int, ParsedRow]]) -> None:
        for attempt in range(self.RETRIES):
            try:
                with transaction.atomic():
                    imported, duplicates = self._flush(batch)
            except IntegrityError:
                # Another import stored a maker (a credit code) at the same moment:
                # forget what this one made in the rolled-back batch and match again.
                if attempt == self.RETRIES - 1:
                    raise
                self._reload()
                continue
            self.summary.imported += imported
            self.summary.duplicates += duplicates
            return

    def _reload(self) -> None:
        created, matched = self.matcher.created, self.matcher.matched
        self.matcher = self._matcher()
        known = set(self.matcher.divisions)
        self.matcher.created = [(pk, name) for pk, name in created if pk in known]
        self.matcher.matched = {pk for pk in matched if pk in known}

    def _flush(self, batch: list[tuple[str, int, ParsedRow]]) -> tuple[int, int]:
        """(imported, duplicates) of one batch."""
        unique: dict[str, tuple[str, int, ParsedRow]] = {}
        for sheet, number, parsed in batch:
            unique.setdefault(parsed.key, (sheet, number, parsed))
        keys = list(unique)
        stored = set(
            PublishedResult.objects.filter(row_key__in=keys).values_list("row_key", flat=True)
        )
        new = [self._result(s, n, p) for s, n, p in unique.values() if p.key not in stored]
        # A row another import stores between the query above and this insert is skipped
        # here, not an error; what this run stored is counted by its import_run.
        PublishedResult.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        imported = PublishedResult.objects.filter(
            row_key__in=[r.row_key for r in new], import_run=self.run_row
        ).count()
        return imported, len(batch) - imported

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

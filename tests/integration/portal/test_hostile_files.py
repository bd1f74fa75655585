"""Hostile and oversized announcement files are refused quickly, as a whole (exit 2).

The files are made by hostile_files.py in the test's folder. Each test runs under a
generous deadline (a guard against a hang, not a timing assertion); time and peak
memory are measured by bench/bench_hostile.py.
"""

from __future__ import annotations

import io
import signal
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cablewatch.portal.importer import pipeline
from cablewatch.portal.importer.pipeline import ImportOptions, import_announcement
from cablewatch.portal.importer.readers import Limits, UnreadableFileError, read_rows
from cablewatch.portal.models import ImportRun, PublishedResult
from tests.integration.portal import fixtures, hostile_files

pytestmark = pytest.mark.django_db

DEADLINE_S = 120


class DeadlineError(Exception):
    pass


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    def expired(_signum: int, _frame: Any) -> None:
        raise DeadlineError(f"still running after {DEADLINE_S} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(DEADLINE_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True)
def _officer(request: pytest.FixtureRequest) -> None:
    """The CLI stages as an officer for an agency of the list (a database is needed)."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        request.getfixturevalue("alice")


def cli(*args: str) -> tuple[int, str]:
    """`import-announcement FILE …` staged by alice for the Shaanxi bureau."""
    out = StringIO()
    staging = ["--agency", "t-sx", "--by", "alice"] if args and args[0][:1] != "-" else []
    try:
        call_command("import_announcement", *args, *staging, stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue()


@pytest.mark.parametrize(
    ("make", "name", "reason"),
    [
        (hostile_files.wide_colspan_html, "colspan.html", "colspan 3000000"),
        (hostile_files.nested_tables_html, "nested.html", "nesting of html elements"),
        (hostile_files.zip_bomb_xlsx, "bomb.xlsx", "unpacked size"),
        (hostile_files.shared_strings_xlsx, "strings.xlsx", "shared strings"),
        (hostile_files.lying_zip_xlsx, "lying.xlsx", "not a readable xlsx"),
        (hostile_files.many_cells_xlsx, "cells.xlsx", "cells more than 2000000"),
    ],
)
def test_a_hostile_file_exits_2_with_the_reason_and_imports_nothing(
    tmp_path: Path, make: Callable[[Path], Path], name: str, reason: str
) -> None:
    path = make(tmp_path / name)
    code, message = cli(str(path), "--json")
    assert code == 2
    assert reason in message
    assert not PublishedResult.objects.exists()
    assert not ImportRun.objects.exists()
    assert not path.with_name(path.name + ".rejects.csv").exists()


def test_the_probes_colspan_file_is_small(tmp_path: Path) -> None:
    assert hostile_files.wide_colspan_html(tmp_path / "c.html").stat().st_size < 1024


def test_a_declared_dimension_is_not_trusted(tmp_path: Path) -> None:
    """A sheet declaring A1:XFD1048576 is read by its cells, not padded to that size."""
    rows = list(read_rows(hostile_files.huge_dimension_xlsx(tmp_path / "d.xlsx")))
    assert rows == [("Sheet", 1, ["x"])]


@pytest.mark.parametrize(
    ("limits", "make", "reason"),
    [
        (Limits(rows=100), lambda p: hostile_files.many_rows_csv(p, 150), "rows more than 100"),
        (Limits(cells=400), lambda p: hostile_files.many_rows_csv(p, 150), "cells more than 400"),
        (Limits(cells_per_row=50), lambda p: hostile_files.wide_csv(p, 60), "cells in row 2"),
        (Limits(line_chars=40), lambda p: hostile_files.wide_csv(p, 60), "characters in a line"),
        (Limits(file_bytes=100), lambda p: hostile_files.many_rows_csv(p, 10), "size"),
    ],
)
def test_each_limit_is_checked_while_reading(
    tmp_path: Path, limits: Limits, make: Callable[[Path], Path], reason: str
) -> None:
    path = make(tmp_path / "f.csv")
    with pytest.raises(UnreadableFileError, match=reason):
        list(read_rows(path, limits))


def test_rowspan_and_cells_of_an_html_row_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text('<table><tr><td rowspan="5000">a</td></tr></table>', "utf-8")
    with pytest.raises(UnreadableFileError, match="rowspan 5000"):
        list(read_rows(path))
    path.write_text('<table><tr><td colspan="30">a</td><td colspan="30">b</td></tr></table>')
    with pytest.raises(UnreadableFileError, match="cells in row 1 of table 1"):
        list(read_rows(path, Limits(cells_per_row=50)))


def test_a_page_of_ordinary_depth_and_spans_reads_as_before(tmp_path: Path) -> None:
    rows = list(read_rows(fixtures.two_table_html(tmp_path / "p.html")))
    maker = "标称生产企业"
    assert rows[1] == ("table 2", 1, ["序号", "产品名称", maker, maker, "规格型号", "检验结论"])
    assert rows[2] == ("table 2", 2, ["序号", "产品名称", "名称", "地址", "规格型号", "检验结论"])


def test_a_gb2312_page_without_a_declared_charset_is_read(tmp_path: Path) -> None:
    path = tmp_path / "p.htm"
    path.write_bytes("<table><tr><td>电线电缆</td></tr></table>".encode("gb18030"))
    assert list(read_rows(path)) == [("table 1", 1, ["电线电缆"])]


# The write side: short transactions, a concurrent import, an interrupted one.


def _rows_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("序号,产品名称,标称生产企业名称,规格型号,抽查结果\n")
        for n in range(rows):
            out.write(f"{n},电线,企业{n % 7}电缆有限公司,BV-{n % 90 + 1},合格\n")
    return path


@pytest.mark.django_db(transaction=True)
def test_rows_are_written_in_short_transactions_not_one_for_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite one transaction over the whole file blocked every other writer."""
    monkeypatch.setattr(pipeline, "BATCH", 100)
    seen: list[tuple[int, int, bool]] = []

    def on_chunk(done: int, total: int) -> None:
        seen.append((done, total, connection.in_atomic_block))

    summary = import_announcement(
        _rows_csv(tmp_path / "a.csv", 250), ImportOptions(on_chunk=on_chunk)
    )
    assert summary.imported == 250
    assert seen == [(100, 250, False), (200, 250, False), (250, 250, False)]
    run = ImportRun.objects.get()
    assert (run.progress, run.rows_done, run.rows_total) == ("done", 250, 250)


def test_an_unreadable_file_found_late_still_imports_nothing(tmp_path: Path) -> None:
    path = _rows_csv(tmp_path / "a.csv", 300)
    with pytest.raises(UnreadableFileError, match="rows more than 200"):
        import_announcement(path, ImportOptions(limits=Limits(rows=200)))
    assert not PublishedResult.objects.exists()
    assert not ImportRun.objects.exists()


def test_the_loser_of_two_concurrent_imports_counts_duplicates_not_a_traceback(
    tmp_path: Path,
) -> None:
    """The other import stores the same rows between this one's check and its insert."""
    path = _rows_csv(tmp_path / "a.csv", 20)
    raced: list[int] = []

    def winner_first(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        head = sql.split("(", maxsplit=1)[0]
        if not raced and head.startswith("INSERT") and '"portal_publishedresult"' in head:
            raced.append(1)
            import_announcement(path, ImportOptions(rejects=io.StringIO()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(winner_first):
        summary = import_announcement(path, ImportOptions(rejects=io.StringIO()))
    assert raced
    assert (summary.imported, summary.duplicates, summary.rejected) == (0, 20, 0)
    assert PublishedResult.objects.count() == 20


def test_an_interrupted_import_leaves_no_rejects_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = fixtures.standard_xlsx(tmp_path / "a.xlsx")  # has rejected rows

    def crash(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt  # as a kill would, after the rejects were written

    monkeypatch.setattr(pipeline._Apply, "run", crash)
    with pytest.raises(KeyboardInterrupt):
        cli(str(path))
    assert not (tmp_path / "a.xlsx.rejects.csv").exists()
    assert list(tmp_path.iterdir()) == [path]

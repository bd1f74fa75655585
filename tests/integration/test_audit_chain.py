from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from cablewatch.base.audit import record_change, verify_chain
from cablewatch.base.models import AuditEntry, AuditHead
from cablewatch.registry import services
from cablewatch.registry.models import Enterprise


def tamper(sql: str, params: list[object] | None = None) -> None:
    """Change audit rows behind the application's back, as a database superuser could:
    on PostgreSQL that means bypassing the append-only trigger first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params or [])
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


@pytest.fixture
def three_changes(shaanxi_maker: Enterprise, alice) -> Enterprise:  # type: ignore[no-untyped-def]
    services.update_enterprise(actor=alice, enterprise=shaanxi_maker, data={"address": "一路1号"})
    services.update_enterprise(actor=alice, enterprise=shaanxi_maker, data={"address": "二路2号"})
    return shaanxi_maker


def test_every_change_is_chained_to_the_one_before(three_changes: Enterprise) -> None:
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.hash
    assert list(verify_chain()) == []


def test_an_update_records_who_what_before_and_after(three_changes: Enterprise, alice) -> None:  # type: ignore[no-untyped-def]
    last = AuditEntry.objects.order_by("-seq").first()
    assert last is not None
    assert last.actor == alice
    assert last.action == "registry.enterprise.changed"
    assert last.before == {"address": "一路1号"}
    assert last.after == {"address": "二路2号"}


def test_verify_names_the_entry_edited_behind_the_applications_back(
    three_changes: Enterprise,
) -> None:
    victim = AuditEntry.objects.order_by("seq")[1]
    tamper(
        "UPDATE base_auditentry SET reason = %s WHERE seq = %s", ["nothing happened", victim.seq]
    )
    problems = list(verify_chain())
    assert problems[0].seq == victim.seq
    assert "edited" in problems[0].reason


def test_verify_notices_a_deleted_entry(three_changes: Enterprise) -> None:
    tamper("DELETE FROM base_auditentry WHERE seq = 2")
    problems = list(verify_chain())
    assert problems[0].seq == 2
    assert "missing" in problems[0].reason


def test_verify_notices_the_tail_cut_off(three_changes: Enterprise) -> None:
    last = AuditEntry.objects.order_by("-seq").first()
    assert last is not None
    tamper("DELETE FROM base_auditentry WHERE seq = %s", [last.seq])
    assert [p.seq for p in verify_chain()] == [last.seq]


def test_the_command_exits_1_and_names_the_broken_entry(three_changes: Enterprise, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    tamper("UPDATE base_auditentry SET actor_label = 'mallory' WHERE seq = 1")
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    assert exc.value.returncode == 1
    assert "entry 1" in capsys.readouterr().err


def test_a_change_rolled_back_leaves_no_audit_entry(shaanxi_maker: Enterprise) -> None:
    count = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_change(actor=None, action="test.thing", target=shaanxi_maker, after={"a": 1})
        raise RuntimeError("boom")
    assert AuditEntry.objects.count() == count
    assert list(verify_chain()) == []


@pytest.mark.django_db(transaction=True)
def test_writing_outside_a_transaction_is_refused(shaanxi_maker: Enterprise) -> None:
    with pytest.raises(RuntimeError, match="atomic"):
        record_change(actor=None, action="test.thing", target=shaanxi_maker)


CREATE_ONE = (
    "from cablewatch.registry.services import create_enterprise;"
    "from cablewatch.base.models import Division;"
    "create_enterprise(actor=None, data={'name': 'A', 'kind': 'manufacturer',"
    " 'division': Division.objects.get(code='610100')})"
)


@pytest.mark.slow
def test_the_cli_reports_tampering_in_a_database_named_by_database_url(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    db = tmp_path / "db.sqlite3"
    env = {
        "DATABASE_URL": f"sqlite:///{db}",
        "CABLEWATCH_VAR_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "x",
    }
    cli = [sys.executable, "-m", "cablewatch.cli"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*cli, "shell", "-c", CREATE_ONE], env=env, check=True)
    ok = subprocess.run(
        [*cli, "audit", "verify"], env=env, capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0, ok.stderr
    assert "1 entries" in ok.stdout
    with sqlite3.connect(db) as conn:
        conn.execute('UPDATE base_auditentry SET after = \'{"name": "B"}\' WHERE seq = 1')
    bad = subprocess.run(
        [*cli, "audit", "verify"], env=env, capture_output=True, text=True, check=False
    )
    assert bad.returncode == 1
    assert "entry 1" in bad.stderr


def test_verify_walks_the_chain_across_batches(three_changes: Enterprise) -> None:
    tamper("UPDATE base_auditentry SET reason = 'x' WHERE seq = 3")
    assert [p.seq for p in verify_chain(batch_size=2)] == [3]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_to_change_an_audit_entry(three_changes: Enterprise) -> None:
    from django.db import DatabaseError

    for sql in (
        "UPDATE base_auditentry SET reason = 'x' WHERE seq = 1",
        "DELETE FROM base_auditentry WHERE seq = 1",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(sql)
    assert list(verify_chain()) == []
    assert AuditHead.objects.get(pk=1).last_seq == 3

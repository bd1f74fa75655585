"""Signed checkpoints outside the database catch what the chain alone cannot: a cut
tail with the head moved back, a wipe of every entry, and a rewrite whose hashes were
all recomputed (each verifies as an intact chain)."""

from __future__ import annotations

import json
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from cablewatch.base.audit import verify_chain
from cablewatch.base.checkpoints import log_path, verify_against_checkpoints, write_checkpoint
from cablewatch.base.models import AuditCheckpoint, AuditEntry, AuditHead
from cablewatch.registry import services
from cablewatch.registry.models import Enterprise
from tests.integration.test_audit_chain import tamper


@pytest.fixture
def five_changes(shaanxi_maker: Enterprise, alice) -> Enterprise:  # type: ignore[no-untyped-def]
    for n in range(4):
        services.update_enterprise(
            actor=alice, enterprise=shaanxi_maker, data={"address": f"{n}路{n}号"}
        )
    assert AuditEntry.objects.count() == 5
    return shaanxi_maker


def problems() -> list[str]:
    return [p.reason for p in [*verify_chain(), *verify_against_checkpoints()]]


def move_head_to(seq: int, hash_: str) -> None:
    tamper("UPDATE base_audithead SET last_seq = %s, last_hash = %s", [seq, hash_])


def test_a_checkpoint_signs_the_head_and_is_logged_outside_the_database(
    five_changes: Enterprise,
) -> None:
    made = write_checkpoint()
    head = AuditHead.objects.get(pk=1)
    assert (made.seq, made.hash) == (5, head.last_hash)
    line = json.loads(log_path().read_text(encoding="utf-8").splitlines()[-1])
    assert line["seq"] == 5 and line["hash"] == head.last_hash and line["signature"]
    assert AuditCheckpoint.objects.get().seq == 5
    assert problems() == []


def test_a_cut_tail_with_the_head_moved_back_is_named(five_changes: Enterprise) -> None:
    write_checkpoint()
    third = AuditEntry.objects.get(seq=3)
    tamper("DELETE FROM base_auditentry WHERE seq > 3")
    move_head_to(3, third.hash)
    assert list(verify_chain()) == []  # the chain alone sees nothing
    found = problems()
    assert found == [found[0]] and "entries 4–5 were cut from the end" in found[0]


def test_a_wipe_of_every_entry_and_the_head_is_named(five_changes: Enterprise) -> None:
    write_checkpoint()
    tamper("DELETE FROM base_auditentry")
    tamper("DELETE FROM base_audithead")
    assert list(verify_chain()) == []
    assert any("all entries are gone" in p for p in problems())


def test_a_rewrite_with_recomputed_hashes_is_named(five_changes: Enterprise) -> None:
    write_checkpoint()
    prev = AuditEntry.objects.get(seq=1).hash
    for entry in AuditEntry.objects.filter(seq__gte=2).order_by("seq"):
        if entry.seq == 2:
            entry.reason = "nothing happened"
        entry.prev_hash = prev
        new_hash = entry.compute_hash()
        tamper(
            "UPDATE base_auditentry SET reason = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            [entry.reason, prev, new_hash, entry.seq],
        )
        prev = new_hash
    move_head_to(5, prev)
    assert list(verify_chain()) == []  # consistent rewrite: the chain checks out
    assert any("entry 5 differs from the checkpoint" in p for p in problems())


def test_entries_appended_after_a_checkpoint_are_fine(five_changes: Enterprise, alice) -> None:  # type: ignore[no-untyped-def]
    write_checkpoint()
    services.update_enterprise(actor=alice, enterprise=five_changes, data={"address": "新址"})
    assert problems() == []


def test_a_forged_checkpoint_line_is_named_not_trusted(five_changes: Enterprise) -> None:
    write_checkpoint()
    path = log_path()
    line = json.loads(path.read_text(encoding="utf-8"))
    line["seq"] = 2  # claims the chain was shorter: would hide a cut
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert any("signature does not match" in p for p in problems())


def test_the_commands_write_and_check_checkpoints(five_changes: Enterprise, capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("audit", "checkpoint")
    assert "entry 5" in capsys.readouterr().out
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    tamper("DELETE FROM base_auditentry WHERE seq = 5")
    move_head_to(4, AuditEntry.objects.get(seq=4).hash)
    with pytest.raises(CommandError) as exc:
        call_command("audit", "verify")
    assert exc.value.returncode == 1
    assert "cut from the end" in capsys.readouterr().err


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_the_application_role_cannot_truncate_disable_or_rewrite_after_hardening(
    five_changes: Enterprise,
) -> None:
    import psycopg

    from cablewatch.base.dbroles import harden_audit_tables

    app_role = f"cw_app_{uuid.uuid4().hex[:8]}"
    owner = f"cw_owner_{uuid.uuid4().hex[:8]}"
    settings_dict = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{app_role}" LOGIN')
        cursor.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{app_role}"')
        cursor.execute(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{app_role}"')
    try:
        harden_audit_tables(app_role, owner_role=owner)
        conninfo = psycopg.conninfo.make_conninfo(
            dbname=settings_dict["NAME"],
            host=settings_dict["HOST"] or "127.0.0.1",
            port=settings_dict["PORT"] or 5432,
            user=app_role,
        )
        with psycopg.connect(conninfo, autocommit=True) as app:
            for statement in (
                "TRUNCATE base_auditentry",
                "ALTER TABLE base_auditentry DISABLE TRIGGER USER",
                "UPDATE base_auditentry SET reason = 'x'",
                "DELETE FROM base_auditentry",
                "DROP TABLE base_auditentry",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    app.execute(statement)
            count = app.execute("SELECT count(*) FROM base_auditentry").fetchone()
            assert count == (5,)
        with transaction.atomic():
            services.update_enterprise(  # the application itself still appends
                actor=None, enterprise=five_changes, data={"address": "加固之后"}
            )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'REASSIGN OWNED BY "{owner}" TO CURRENT_USER')
            cursor.execute(f'DROP OWNED BY "{owner}"')
            cursor.execute(f'DROP OWNED BY "{app_role}"')
            cursor.execute(f'DROP ROLE "{owner}"')
            cursor.execute(f'DROP ROLE "{app_role}"')
    assert list(verify_chain()) == []

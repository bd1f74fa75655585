"""On PostgreSQL, refuse UPDATE and DELETE of audit entries in the database itself.

The hash chain makes a rewrite detectable; this trigger makes it impossible for the
application's own database role. Only someone who can bypass triggers (a superuser
setting session_replication_role) can still edit rows, and `cablewatch audit verify`
then names the entry. SQLite (the embedded demo database) is left without it because
Django's test flush there deletes rows one table at a time.
"""

from __future__ import annotations

from django.db import migrations

# "%%" because the schema editor passes parameters, so psycopg reads "%" as a placeholder.
CREATE = """
CREATE OR REPLACE FUNCTION cablewatch_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only (%% refused)', TG_OP;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS base_auditentry_append_only ON base_auditentry;
CREATE TRIGGER base_auditentry_append_only BEFORE UPDATE OR DELETE ON base_auditentry
    FOR EACH ROW EXECUTE FUNCTION cablewatch_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS base_auditentry_append_only ON base_auditentry;
DROP FUNCTION IF EXISTS cablewatch_audit_append_only();
"""


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("base", "0003_divisions_roles_audit_head")]
    operations = [migrations.RunPython(forwards, backwards)]

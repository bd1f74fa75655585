"""On PostgreSQL, trigram indexes make `name contains …` searches use an index.

Other databases skip this; SQLite handles the demo and test sizes by scanning.
"""

from __future__ import annotations

from django.db import migrations

INDEXES = [
    ("registry_enterprise", "registry_enterprise_name_trgm"),
    ("registry_enterprisename", "registry_enterprisename_name_trgm"),
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (name_key gin_trgm_ops)"
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]

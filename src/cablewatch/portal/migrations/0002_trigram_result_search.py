"""On PostgreSQL, trigram indexes make the public name search (`contains`) use an index.

Other databases skip this; SQLite scans, which is fine at demo and test sizes.
"""

from __future__ import annotations

from django.db import migrations

INDEXES = [
    ("portal_publishedresult", "portal_pr_enterprise_key_trgm", "enterprise_key"),
    ("portal_publishedresult", "portal_pr_designation_key_trgm", "designation_key"),
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_published_results_and_announcements")]
    operations = [migrations.RunPython(forwards, backwards)]

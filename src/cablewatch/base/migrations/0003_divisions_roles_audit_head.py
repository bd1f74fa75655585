"""Load the GB/T 2260 divisions from the package's data file, create one group
per role, and create the audit chain's head row."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import migrations

DIVISIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "divisions.csv"
ROLES = [
    "supervision_officer",
    "inspector",
    "lab_analyst",
    "lab_reviewer",
    "enforcement_officer",
    "certification_officer",
    "enterprise_user",
    "project_owner",
    "administrator",
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    division = apps.get_model("base", "Division")
    with DIVISIONS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            division.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "name_en": row["name_en"],
                    "level": row["level"],
                    "parent_id": row["parent"] or None,
                },
            )
    group = apps.get_model("auth", "Group")
    for role in ROLES:
        group.objects.get_or_create(name=role)
    apps.get_model("base", "AuditHead").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0002_user_links_and_audit_relations"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

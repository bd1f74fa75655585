"""Reference data every database needs: divisions, one group per role, the audit head.

Migrations load it; tests that flush the database (browser tests with a live
server) call `ensure_reference_data` to put it back.
"""

from __future__ import annotations

from django.contrib.auth.models import Group

from cablewatch.base.divisions import upsert_divisions
from cablewatch.base.models import AuditHead, Division, Role


def ensure_reference_data() -> None:
    if not Division.objects.exists():
        upsert_divisions(Division)
    if Group.objects.count() < len(Role.values):
        for role in Role.values:
            Group.objects.get_or_create(name=role)
    AuditHead.objects.get_or_create(pk=1)

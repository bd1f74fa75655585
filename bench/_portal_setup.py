"""Shared set-up for the portal benchmarks: Django against DATABASE_URL, migrated."""

from __future__ import annotations

import os
import tempfile


def setup_django() -> str:
    """Configure Django (a temporary SQLite file unless DATABASE_URL is set); return its name."""
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="cw-bench-portal-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("CABLEWATCH_VAR_DIR", tempfile.mkdtemp(prefix="cw-bench-var-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cablewatch.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor

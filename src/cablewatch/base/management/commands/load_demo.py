from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cablewatch.base.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo data set (idempotent: a second run adds nothing)."

    def handle(self, *args: Any, **options: Any) -> None:
        context = load_demo()
        self.stdout.write(f"demo data loaded; {len(context.roles)} demo users")

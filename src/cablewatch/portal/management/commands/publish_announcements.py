"""`cablewatch publish-announcements`: publish approved announcements whose date has come.

Run it daily (cron or the task worker's schedule); approval publishes at once
when the disclosure date is today or past.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cablewatch.portal.services.announcements import publish_due_announcements


class Command(BaseCommand):
    help = "Publish approved announcements whose disclosure date has come."

    def handle(self, *args: Any, **options: Any) -> None:
        for announcement in publish_due_announcements():
            self.stdout.write(f"published {announcement}")

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cablewatch.base import services
from cablewatch.base.models import User


class Command(BaseCommand):
    help = "API tokens: `token issue USERNAME [--name TEXT]` prints a new token for that user."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="make a token and print it (shown only once)")
        issue.add_argument("username")
        issue.add_argument("--name", default="cli", help="what the token is for")

    def handle(self, *args: Any, **o: Any) -> None:
        user = User.objects.filter(username=o["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"username: no active user {o['username']}")
        name = o["name"].strip()[:64]
        if not name:
            raise CommandError("name: must not be empty")
        token, raw = services.issue_token(actor=None, user=user, name=name)
        self.stdout.write(raw)
        self.stderr.write(
            f"token {token.hint}… for {user.username}, expires {token.expires:%Y-%m-%d}"
        )

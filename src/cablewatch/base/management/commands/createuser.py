from __future__ import annotations

import getpass
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cablewatch.base import services
from cablewatch.base.models import Agency, Role, User


class Command(BaseCommand):
    help = "Create a user with roles, bound to an agency or an enterprise."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--role", action="append", default=[], choices=Role.values, help="repeat for several"
        )
        parser.add_argument("--agency", help="the agency's short code")
        parser.add_argument("--enterprise", help="credit code of the user's enterprise")
        parser.add_argument("--name", default="", help="display name")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="omit to be asked (never put it in scripts)")
        parser.add_argument("--superuser", action="store_true")

    def handle(self, *args: Any, **o: Any) -> None:
        if User.objects.filter(username=o["username"]).exists():
            raise CommandError(f"username: {o['username']} already exists")
        agency = self._agency(o["agency"])
        enterprise = self._enterprise(o["enterprise"])
        password = o["password"] or getpass.getpass("Password: ")
        if not password:
            raise CommandError("password: must not be empty")
        user = services.create_user(
            actor=None,
            data={
                "username": o["username"],
                "email": o["email"],
                "agency": agency,
                "enterprise": enterprise,
                "display_name": o["name"],
                "is_superuser": o["superuser"],
                "is_staff": o["superuser"],
            },
            password=password,
            roles=o["role"],
        )
        self.stdout.write(f"created {user.username} with roles {', '.join(o['role']) or '-'}")

    def _agency(self, code: str | None) -> Agency | None:
        if not code:
            return None
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise CommandError(f"agency: no agency with code {code}")
        return agency

    def _enterprise(self, code: str | None) -> Any:
        if not code:
            return None
        # The enterprise model through the user's link: base does not import registry.
        enterprise_model: Any = User._meta.get_field("enterprise").related_model
        enterprise = enterprise_model.objects.filter(credit_code=code.upper()).first()
        if enterprise is None:
            raise CommandError(f"enterprise: no enterprise with credit code {code}")
        return enterprise

from __future__ import annotations

import signal
import subprocess
import sys
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cablewatch.base.demo import read_demo_logins
from cablewatch.base.models import Role


class Command(BaseCommand):
    help = "Start the web server and the task worker together and print the demo logins."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")

    def handle(self, *args: Any, **o: Any) -> None:
        self.stdout.write(_("Demo logins (username / password), by role:"))
        logins = read_demo_logins()
        for role, label in Role.choices:
            rows = [login for login in logins if login["role"] == role]
            if rows:
                self.stdout.write(f"  {label}")
            for login in rows:
                who = login.get("who", "")
                self.stdout.write(f"    {login['username']:<16} {login['password']:<14} {who}")
        self.stdout.write(_("Serving on http://%(bind)s/ ; press Ctrl-C to stop.") % o)
        self.stdout.flush()
        cli = [sys.executable, "-m", "cablewatch.cli"]
        worker = subprocess.Popen([*cli, "worker"])
        web = subprocess.Popen([*cli, "serve", "--bind", o["bind"]])

        def stop(signum: int, frame: FrameType | None) -> None:
            for proc in (web, worker):
                proc.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            web.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for proc in (web, worker):
                proc.terminate()
            for proc in (web, worker):
                proc.wait(timeout=15)

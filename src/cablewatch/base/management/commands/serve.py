from __future__ import annotations

import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with gunicorn (a production WSGI server)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))

    def handle(self, *args: Any, **o: Any) -> None:
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "cablewatch.wsgi:application",
            "--bind",
            o["bind"],
            "--workers",
            str(o["workers"]),
            "--threads",
            str(o["threads"]),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "10",
            # Longer request lines reach the application, whose API answers an overlong
            # URL with problem+json (api/middleware.py MAX_URL_LENGTH); 8190 is the most.
            "--limit-request-line",
            "8190",
        ]
        os.execv(sys.executable, argv)

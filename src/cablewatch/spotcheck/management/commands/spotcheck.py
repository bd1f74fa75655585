"""`cablewatch spotcheck redraw PLAN_ID|--all`: recompute draws from their published inputs."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cablewatch.spotcheck.models import Plan
from cablewatch.spotcheck.services.plans import redraw_differences


class Command(BaseCommand):
    help = "Spot-check tools. redraw: recompute a plan's draw and compare it with the stored one."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        redraw = sub.add_parser("redraw", help="recompute and compare draws")
        redraw.add_argument("plan", nargs="?", type=int, help="plan id")
        redraw.add_argument("--all", action="store_true", help="every drawn plan")

    def handle(self, *args: Any, **options: Any) -> None:
        drawn = Plan.objects.filter(status=Plan.Status.DRAWN).order_by("pk")
        if options["all"]:
            selected = list(drawn)
        elif options["plan"] is not None:
            selected = list(Plan.objects.filter(pk=options["plan"]))
            if not selected:
                raise CommandError(f"no plan {options['plan']}", returncode=1)
        else:
            raise CommandError("give a plan id or --all", returncode=2)
        failed = False
        for plan in selected:
            problems = redraw_differences(plan)
            if problems:
                failed = True
                for problem in problems:
                    self.stdout.write(f"differs: {problem}")
            else:
                self.stdout.write(f"plan {plan.pk}: match")
        if failed:
            raise CommandError("the recomputed draw differs from the stored one", returncode=1)

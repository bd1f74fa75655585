"""`cablewatch`: the one command for everything.

`cablewatch judge` and `cablewatch compile-messages` run without Django (fast
start, no database). Every other command is a Django management command: dashes
in the name become underscores (`load-demo` runs `load_demo`), and a group such
as `cablewatch audit verify` is one command with a sub-command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

ALIASES = {"worker": "db_worker"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "judge":
        from cablewatch.judge_cli import main as judge_main

        return judge_main(args[1:])
    if args and args[0] == "compile-messages":
        from cablewatch.lib.messages import compile_all

        return compile_all()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cablewatch.settings")
    from django.core.management import execute_from_command_line

    if args and not args[0].startswith("-"):
        args[0] = ALIASES.get(args[0], args[0].replace("-", "_"))
    execute_from_command_line(["cablewatch", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())

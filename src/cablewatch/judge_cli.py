"""`cablewatch judge [FILE|-] [--lang en]`: judge samples with the standards engine.

Reads one JSON object or JSON Lines and writes one verdict per sample. Exit 0
when every sample could be judged, 1 when any could not, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _write(text: str) -> None:
    sys.stdout.write(text)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="cablewatch judge", description=__doc__)
    parser.add_argument("file", nargs="?", default="-", help="input file, or - for stdin")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of texts")
    args = parser.parse_args(argv)
    from cablewatch.standards.batch import judge_stream

    out = sys.stdout
    if args.file == "-":
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
        ok = judge_stream(sys.stdin, _write, lang=args.lang)
    else:
        try:
            handle = open(args.file, encoding="utf-8-sig", errors="replace")  # noqa: SIM115
        except OSError as exc:
            print(f"cablewatch judge: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 2
        with handle:
            ok = judge_stream(handle, _write, lang=args.lang)
    out.flush()
    return 0 if ok else 1

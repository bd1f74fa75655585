"""Compile the gettext catalogues (.po -> .mo) with polib.

Django's compilemessages needs GNU gettext's msgfmt, which a fresh machine with
only python3 and make does not have; polib is pure Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def catalogues(root: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(root.glob("*/locale/*/LC_MESSAGES/*.po"))


def compile_all(root: Path = PACKAGE_DIR) -> int:
    """Write a .mo beside every .po that is newer than its .mo; 1 if any fails to parse."""
    status = 0
    for po_path in catalogues(root):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        try:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        except (OSError, ValueError) as exc:
            print(f"{po_path}: {exc}", file=sys.stderr)
            status = 1
    return status

"""Fill Simplified Chinese msgstr entries from a JSON glossary {english: chinese}.

Usage: .venv/bin/python tools/translate.py APP GLOSSARY.json
Sets the catalogue headers, drops fuzzy guesses, and lists any entry still untranslated.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "src" / "cablewatch"


def fill(app: str, glossary: dict[str, str]) -> list[str]:
    path = ROOT / app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    po.metadata.update(
        {
            "Language": "zh_Hans",
            "Plural-Forms": "nplurals=1; plural=0;",
            "Content-Type": "text/plain; charset=UTF-8",
        }
    )
    missing = []
    for entry in po:
        if "fuzzy" in entry.flags:
            # makemessages guessed from a similar old message: never keep a guess.
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            entry.msgstr = ""
            entry.msgstr_plural = {0: ""} if entry.msgid_plural else {}
        if entry.msgid_plural:
            if not entry.msgstr_plural.get(0):
                if entry.msgid in glossary:
                    entry.msgstr_plural = {0: glossary[entry.msgid]}
                else:
                    missing.append(entry.msgid)
        elif not entry.msgstr:
            if entry.msgid in glossary:
                entry.msgstr = glossary[entry.msgid]
            else:
                missing.append(entry.msgid)
    po.save(str(path))
    return missing


if __name__ == "__main__":
    missing = fill(sys.argv[1], json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    for msgid in missing:
        print("untranslated:", msgid)
    sys.exit(1 if missing else 0)

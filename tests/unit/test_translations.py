"""Every user-facing text exists in Simplified Chinese (the default) and English."""

from __future__ import annotations

import polib
import pytest

from cablewatch.lib.messages import catalogues

CATALOGUES = catalogues()


def test_every_app_with_text_has_a_chinese_catalogue() -> None:
    assert {p.parts[-5] for p in CATALOGUES} >= {"base", "registry", "portal"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_message_is_translated_and_none_is_fuzzy(path) -> None:  # type: ignore[no-untyped-def]
    po = polib.pofile(str(path))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_placeholders_survive_translation(path) -> None:  # type: ignore[no-untyped-def]
    import re

    pattern = re.compile(r"%\(\w+\)[sd]")
    for entry in polib.pofile(str(path)).translated_entries():
        translations = (
            [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        )
        for text in translations:
            assert set(pattern.findall(text)) == set(pattern.findall(entry.msgid)), entry.msgid

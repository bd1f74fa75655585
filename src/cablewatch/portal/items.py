"""Failed items in one vocabulary, whatever their source: the standards engine's item
keys (`conductor_resistance`), so that a platform result and an imported announcement
naming the same item 导体电阻 count as one item in statistics and charts. A name the
vocabulary does not know is kept as written. Pages show them with `|labels:"item"`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from cablewatch.base import vocabulary

SEPARATORS = re.compile(r"[、,，;；]")


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return vocabulary.item_key(name) or name


def item_keys(names: Iterable[str] | str) -> list[str]:
    """Each item once, as the engine's key when known (else the cleaned name), in order."""
    if isinstance(names, str):
        names = SEPARATORS.split(names)
    out: dict[str, None] = {}
    for name in names:
        text = name.strip()
        if text:
            out[_key(text)] = None
    return list(out)


def item_text(names: Iterable[str] | str) -> str:
    """The stored form: keys joined by 、 (the announcements' separator)."""
    return "、".join(item_keys(names))

"""Normalise Chinese text the way people and copying websites mangle it.

Published announcements reach us converted to traditional characters, with
full-width Latin letters and digits, and sometimes with pinyin inserted after
characters (`質(zhì)檢總局`). Search and import compare names after folding
all of these, so `normalise_name` is the single definition of "the same name".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")

# A parenthesised run of lower-case pinyin (with or without tone marks) right
# after a CJK character. Upper-case content such as "01(BV)" or "(LTD)" is kept.
_PINYIN_NOTE = re.compile(
    r"(?<=[\u3400-\u9fff])\s*[(（]\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń\s]{1,12}[1-5]?\s*[)）]"
)
_SPACES = re.compile(r"\s+")
_NAME_NOISE = re.compile(r"[\s·•・\-—_'\"“”‘’]")


def to_halfwidth(text: str) -> str:
    """Full-width ASCII and the ideographic space become their half-width forms."""
    return unicodedata.normalize("NFKC", text)


def strip_pinyin(text: str) -> str:
    return _PINYIN_NOTE.sub("", text)


def to_simplified(text: str) -> str:
    return str(_T2S.convert(text))


@lru_cache(maxsize=65536)
def clean_text(text: str) -> str:
    """Half-width, no pinyin notes, simplified characters, single spaces."""
    text = strip_pinyin(to_halfwidth(text))
    return _SPACES.sub(" ", to_simplified(text)).strip()


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """The comparison key of an enterprise name: cleaned, no punctuation noise, ( ) unified."""
    text = clean_text(name).replace("（", "(").replace("）", ")")
    return _NAME_NOISE.sub("", text).casefold()

"""The fonts documents embed: Noto Sans CJK SC (a GB 2312 subset, SIL OFL 1.1, see
OFL.txt), so that every viewer shows the same glyphs. Built by tools/make_cjk_font.py."""

from __future__ import annotations

from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "NotoSansSC"
FILE = "NotoSansSC-Subset.ttf"


def register() -> str:
    """Register the font with reportlab once; its name for setFont and paragraph styles.

    reportlab embeds only the glyphs a document uses (a subset per document)."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = resources.files("cablewatch.base.fonts").joinpath(FILE)
        with resources.as_file(path) as real:
            pdfmetrics.registerFont(TTFont(FONT, str(real)))
    return FONT

"""Build the report font: Noto Sans CJK SC Regular, cut to GB 2312 and the symbols reports
use, with its outlines converted to TrueType so that reportlab can embed it.

    python tools/make_cjk_font.py [SOURCE.ttc] [OUT.ttf]

Needs fontTools (`pip install fonttools`) and the font from Debian's fonts-noto-cjk
(/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc). The font is under the SIL Open
Font License 1.1 (src/cablewatch/base/fonts/OFL.txt); the output is committed, so the
platform needs neither at run time. Same source, same fontTools: same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUT = Path(__file__).resolve().parent.parent / "src/cablewatch/base/fonts/NotoSansSC-Subset.ttf"
FAMILY = "Noto Sans CJK SC"
EXTRA = "Ω°²³×·—–‘’“”…‰℃μ±≤≥≈√∶①②③④⑤⑥⑦⑧⑨⑩■□●○◆◇★☆→←↑↓№"


def gb2312() -> str:
    """Every character of GB 2312 (symbols and both levels of hanzi)."""
    chars = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


# Latin, Greek, punctuation, letterlike symbols, arrows, mathematical operators (− ≤ ≥ ×),
# enclosed numbers, shapes, CJK symbols and full-width forms: what requirement texts use.
RANGES = [
    (0x20, 0x7F),
    (0xA0, 0x180),
    (0x370, 0x400),
    (0x2000, 0x2070),
    (0x2070, 0x20A0),
    (0x2100, 0x2200),
    (0x2200, 0x2300),
    (0x2460, 0x2500),
    (0x25A0, 0x2600),
    (0x3000, 0x3040),
    (0xFF00, 0xFFF0),
]


def wanted() -> str:
    ranges = "".join(chr(c) for start, end in RANGES for c in range(start, end))
    return ranges + EXTRA + gb2312()


def pick_sc(path: str) -> TTFont:
    for font in TTCollection(path).fonts:
        if font["name"].getDebugName(1) == FAMILY:
            return font
    raise SystemExit(f"{FAMILY} not found in {path}")


def to_truetype(font: TTFont) -> None:
    """CFF outlines to quadratic TrueType (fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"


def main() -> None:
    source = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    font = pick_sc(source)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted())
    subsetter.subset(font)
    to_truetype(font)
    font.recalcTimestamp = False  # keep the source's dates: same bytes each build
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out), reorderTables=True)
    print(out, out.stat().st_size, "bytes,", len(font.getGlyphOrder()), "glyphs")


if __name__ == "__main__":
    main()

"""QR codes for pages: an inline SVG, so that a printed page needs no image request."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str) -> SafeString:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = str(image.to_string(encoding="unicode"))
    # The SVG is generated here from a URL (no user markup reaches it).
    return mark_safe(svg)  # noqa: S308

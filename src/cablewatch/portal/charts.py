"""Server-rendered SVG charts (no JavaScript, no CDN): horizontal bars and a line."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_H = 22
LABEL_W = 130
WIDTH = 420


def bar_chart(
    items: Sequence[tuple[str, float, str]], *, title: str, unit: str = "%"
) -> SafeString:
    """One bar per (label, value, note); values are scaled to the largest (100 for %)."""
    top = 100.0 if unit == "%" else max((v for _l, v, _n in items), default=1.0) or 1.0
    height = BAR_H * len(items) + 8
    span = WIDTH - LABEL_W - 60
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value, note) in enumerate(items):
        y = 4 + i * BAR_H
        w = max(1.0, span * value / top)
        shown = f"{value:.1f}{unit}" if unit == "%" else f"{value:g}"
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" class="lbl">'
            f"{escape(label if len(label) <= 14 else label[:13] + '…')}</text>"
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{BAR_H - 7}" class="bar">'
            f"<title>{escape(label)}: {escape(shown)} {escape(note)}</title></rect>"
            f'<text x="{LABEL_W + w + 4:.1f}" y="{y + 15}" class="val">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def line_chart(points: Sequence[tuple[str, float]], *, title: str) -> SafeString:
    """A 0-100 % line over labelled points (years)."""
    height, left, bottom = 160, 34, 24
    span_x = WIDTH - left - 16
    step = span_x / max(1, len(points) - 1)
    coords = [
        (left + i * step, 8 + (height - bottom - 8) * (1 - value / 100))
        for i, (_label, value) in enumerate(points)
    ]
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="8" x2="{left}" y2="{height - bottom}" class="axis"/>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - 8}" y2="{height - bottom}" '
        'class="axis"/>',
        f'<text x="{left - 4}" y="14" text-anchor="end" class="val">100%</text>',
        f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" class="val">0</text>',
    ]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" class="line"/>')
    for (x, y), (label, value) in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" class="dot">'
            f"<title>{escape(label)}: {value:.1f}%</title></circle>"
            f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" class="lbl">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)

"""The flow of a batch as a server-rendered SVG: parties in columns by hand count,
arrows as wide as the metres they carry."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from xml.sax.saxutils import escape

BOX_W, BOX_H, COL_GAP, ROW_GAP, PAD = 220, 40, 90, 24, 16
LABEL_UNITS = 32  # what fits in a box: a CJK character counts two units, others one


def _label(identifier: str, names: dict[str, str]) -> str:
    text = names.get(identifier) or identifier.rsplit(":", 1)[-1]
    units = 0
    for i, char in enumerate(text):
        units += 2 if ord(char) > 0x2E80 else 1
        if units > LABEL_UNITS:
            return text[: i - 1] + "…"
    return text


def _columns(maker: str, edges: list[tuple[str, str, Decimal]]) -> dict[str, int]:
    """Column of each node: its shortest hand count from the maker."""
    column = {maker: 0}
    frontier = [maker]
    out: dict[str, list[str]] = defaultdict(list)
    for src, dst, _m in edges:
        out[src].append(dst)
    while frontier:
        nxt = []
        for node in frontier:
            for dst in out[node]:
                if dst not in column:
                    column[dst] = column[node] + 1
                    nxt.append(dst)
        frontier = nxt
    for src, dst, _m in edges:
        column.setdefault(src, 0)
        column.setdefault(dst, column[src] + 1)
    return column


def render_flow(
    maker: str, edges: list[tuple[str, str, Decimal]], names: dict[str, str], places: set[str]
) -> str:
    column = _columns(maker, edges)
    rows: dict[int, list[str]] = defaultdict(list)
    for node in sorted(column, key=lambda n: (column[n], n)):
        rows[column[node]].append(node)
    pos = {
        node: (PAD + col * (BOX_W + COL_GAP), PAD + i * (BOX_H + ROW_GAP))
        for col, nodes in rows.items()
        for i, node in enumerate(nodes)
    }
    width = PAD * 2 + (max(rows) + 1) * (BOX_W + COL_GAP) - COL_GAP if rows else 200
    height = PAD * 2 + max((len(n) for n in rows.values()), default=1) * (BOX_H + ROW_GAP)
    top = max((m for _s, _d, m in edges), default=Decimal(1)) or Decimal(1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#64748b"/>'
        "</marker></defs>",
    ]
    for src, dst, metres in edges:
        x1, y1 = pos[src][0] + BOX_W, pos[src][1] + BOX_H / 2
        x2, y2 = pos[dst][0], pos[dst][1] + BOX_H / 2
        stroke = 1.5 + 8 * float(metres / top)
        parts.append(
            f'<path d="M{x1},{y1} C{x1 + 40},{y1} {x2 - 40},{y2} {x2},{y2}" fill="none" '
            f'stroke="#94a3b8" stroke-opacity="0.7" stroke-width="{stroke:.1f}" '
            f'marker-end="url(#arrow)"><title>{escape(src)} → {escape(dst)}: {metres} m'
            "</title></path>"
        )
        parts.append(
            f'<text x="{(x1 + x2) / 2:.0f}" y="{(y1 + y2) / 2 - 4:.0f}" font-size="11" '
            f'text-anchor="middle" fill="#334155">{_fmt(metres)} m</text>'
        )
    for node, (x, y) in pos.items():
        fill = "#fee2e2" if node in places else ("#dbeafe" if node == maker else "#f1f5f9")
        parts.append(
            f'<g><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{fill}" '
            f'stroke="#64748b"/><text x="{x + 8}" y="{y + 25}" font-size="12" fill="#0f172a">'
            f"{escape(_label(node, names))}</text><title>{escape(node)}</title></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")

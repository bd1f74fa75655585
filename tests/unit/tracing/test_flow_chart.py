from __future__ import annotations

from decimal import Decimal
from xml.etree import ElementTree

from cablewatch.tracing.svg import render_flow


def test_the_flow_chart_is_well_formed_svg_with_every_party_and_place() -> None:
    edges = [
        ("urn:m", "urn:d1", Decimal(600)),
        ("urn:m", "urn:d2", Decimal(300)),
        ("urn:d1", "urn:loc:<station>", Decimal(200)),
    ]
    svg = render_flow("urn:m", edges, {"urn:m": "秦川电缆"}, {"urn:loc:<station>"})
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own output)
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert {"urn:m", "urn:d1", "urn:d2", "urn:loc:<station>"} <= set(titles)
    assert "秦川电缆" in svg and "600 m" in svg


def test_an_empty_flow_still_draws_the_maker() -> None:
    root = ElementTree.fromstring(render_flow("urn:m", [], {}, set()))  # noqa: S314
    assert root.tag.endswith("svg")

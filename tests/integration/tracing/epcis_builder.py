"""Builds EPCIS 2.0 JSON-LD events for the tests."""

from __future__ import annotations

from typing import Any

MAKER = "urn:epc:id:pgln:6901234.00000"
DIST_A = "urn:epc:id:pgln:6901234.10001"
DIST_B = "urn:epc:id:pgln:6901234.10002"
INSTALLER = "urn:epc:id:pgln:6901234.20001"
BATCH = "urn:epc:class:lgtin:6901234.012345.B2017-03"


def qty(quantity: Any, epc_class: str = BATCH, uom: str = "MTR") -> list[dict[str, Any]]:
    return [{"epcClass": epc_class, "quantity": quantity, "uom": uom}]


def commissioning(
    length: Any = 1000, epc_class: str = BATCH, maker: str = MAKER, **extra: Any
) -> dict[str, Any]:
    return {
        "type": "ObjectEvent",
        "eventTime": "2017-03-01T08:00:00Z",
        "eventTimeZoneOffset": "+08:00",
        "action": "ADD",
        "bizStep": "urn:epcglobal:cbv:bizstep:commissioning",
        "quantityList": qty(length, epc_class),
        "destinationList": [{"type": "owning_party", "destination": maker}],
        "ilmd": {
            "cbvmda:lotNumber": "B2017-03",
            "cw:designation": "BV 450/750V 1×2.5",
            "cw:productionDate": "2017-03-01",
        },
        **extra,
    }


def shipping(
    src: str,
    dst: str,
    length: Any,
    *,
    epc_class: str = BATCH,
    step: str = "shipping",
    day: int = 5,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "type": "ObjectEvent",
        "eventTime": f"2017-03-{day:02d}T08:00:00Z",
        "eventTimeZoneOffset": "+08:00",
        "action": "OBSERVE",
        "bizStep": step,
        "quantityList": qty(length, epc_class),
        "sourceList": [{"type": "urn:epcglobal:cbv:sdt:owning_party", "source": src}],
        "destinationList": [{"type": "owning_party", "destination": dst}],
        **extra,
    }


def installing(
    src: str, location: str, length: Any, epc_class: str = BATCH, **extra: Any
) -> dict[str, Any]:
    return {
        "type": "ObjectEvent",
        "eventTime": "2017-04-01T08:00:00Z",
        "eventTimeZoneOffset": "+08:00",
        "action": "OBSERVE",
        "bizStep": "installing",
        "quantityList": qty(length, epc_class),
        "sourceList": [{"type": "owning_party", "source": src}],
        "bizLocation": {"id": location},
        **extra,
    }


def document(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2017-05-01T00:00:00Z",
        "epcisBody": {"eventList": events},
    }


def three_projects() -> list[dict[str, Any]]:
    """Maker -> two distributors -> an installer and a distributor -> three projects."""
    return [
        commissioning(1000),
        shipping(MAKER, DIST_A, 600, eventID="ship-1"),
        shipping(MAKER, DIST_B, 300, eventID="ship-2"),
        shipping(MAKER, DIST_A, 600, step="receiving", eventID="recv-1"),
        shipping(DIST_A, INSTALLER, 500, eventID="ship-3"),
        installing(INSTALLER, "urn:epc:id:sgln:line3.station01", 200),
        installing(INSTALLER, "urn:epc:id:sgln:hospital.b1", 250),
        installing(DIST_B, "urn:epc:id:sgln:school.c2", 120),
    ]

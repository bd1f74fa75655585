"""Demo history: a maker from the registry demo ships a bad batch through two
distributors into three projects of 长安城市轨道交通集团有限公司 (metro line 3
stations among them); a nonconforming result names it and a recall is open.
Idempotent: events carry eventIDs, projects and the recall are found by natural keys."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cablewatch.base.demo import DemoContext
from cablewatch.base.events import Event
from cablewatch.base.models import Division, User
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.models import Batch, Project, Recall, RecallSource
from cablewatch.tracing.services import epcis, flow, projects, recalls

OWNER = "长安城市轨道交通集团有限公司"
CLASS = "urn:epc:class:lgtin:6937001.000251.20170315A"
PROJECTS = [
    (
        "XA-M3",
        "西安地铁3号线一期工程",
        "metro",
        [("LINE3-S07", "3号线 小寨站 低压配电"), ("LINE3-S08", "3号线 大雁塔站 照明回路")],
    ),
    ("XA-M5", "西安地铁5号线二期工程", "metro", [("LINE5-S02", "5号线 车辆段 综合楼")]),
    ("XA-HUB", "西安北客站交通枢纽改造", "other", [("HUB-B1", "枢纽 B1 层 动力回路")]),
]


def _party(enterprise: Enterprise) -> str:
    identifier = f"urn:cablewatch:enterprise:{enterprise.credit_code}"
    flow.party_for(identifier, name=enterprise.name, enterprise=enterprise)
    return identifier


def _event(step: str, src: str, dst: str, *, metres: int, day: str, key: str) -> dict[str, Any]:
    event: dict[str, Any] = {
        "eventID": f"demo:{key}",
        "type": "ObjectEvent",
        "eventTime": f"{day}T09:00:00+08:00",
        "eventTimeZoneOffset": "+08:00",
        "action": "OBSERVE",
        "bizStep": step,
        "quantityList": [{"epcClass": CLASS, "quantity": metres, "uom": "MTR"}],
    }
    if step == "installing":
        event["sourceList"] = [{"type": "owning_party", "source": src}]
        event["bizLocation"] = {"id": f"urn:cablewatch:place:{dst}"}
    else:
        event["sourceList"] = [{"type": "owning_party", "source": src}]
        event["destinationList"] = [{"type": "owning_party", "destination": dst}]
    return event


def _events(maker: str, dist_a: str, dist_b: str) -> list[dict[str, Any]]:
    made = _event("commissioning", maker, maker, metres=6000, day="2017-03-15", key="made")
    del made["sourceList"]
    made["action"] = "ADD"
    made["ilmd"] = {
        "cbvmda:lotNumber": "20170315A",
        "cw:designation": "BV 450/750V 1×2.5",
        "cw:productionDate": "2017-03-15",
    }
    return [
        made,
        _event("shipping", maker, dist_a, metres=3500, day="2017-03-20", key="ship-a"),
        _event("shipping", maker, dist_b, metres=2000, day="2017-03-21", key="ship-b"),
        _event("installing", dist_a, "LINE3-S07", metres=1200, day="2017-04-10", key="i1"),
        _event("installing", dist_a, "LINE3-S08", metres=900, day="2017-04-12", key="i2"),
        _event("installing", dist_a, "LINE5-S02", metres=800, day="2017-05-02", key="i3"),
        _event("installing", dist_b, "HUB-B1", metres=1500, day="2017-05-20", key="i4"),
    ]


@transaction.atomic
def load(context: DemoContext) -> None:
    maker = User.objects.get(username="maker").enterprise
    owner = Enterprise.objects.get(name=OWNER)
    sellers = list(Enterprise.objects.filter(kind=Enterprise.Kind.DISTRIBUTOR).order_by("pk")[:2])
    if maker is None or len(sellers) < 2:
        return
    maker_id = _party(maker)
    if not Batch.objects.filter(class_id=CLASS).exists():
        epcis.import_events(
            _events(maker_id, _party(sellers[0]), _party(sellers[1])), document_name="demo"
        )
    _ensure_projects(owner)
    _ensure_recall(maker)


def _ensure_projects(owner: Enterprise) -> None:
    xian = Division.objects.get(code="610100")
    for code, name, kind, places in PROJECTS:
        project = Project.objects.filter(code=code).first() or projects.create_project(
            actor=None,
            data={
                "code": code,
                "name": name,
                "kind": kind,
                "owner": owner,
                "division": xian,
                "location": "西安市",
            },
        )
        for key, place in places:
            projects.place_in_project(
                actor=None, identifier=f"urn:cablewatch:place:{key}", project=project, place=place
            )


def _ensure_recall(maker: Enterprise) -> None:
    payload = {
        "report_number": "SX-2017-CC-0042",
        "verdict": "fail",
        "enterprise_id": maker.pk,
        "enterprise_name": maker.name,
        "credit_code": maker.credit_code,
        "designation": "BV 450/750V 1×2.5",
        "batch_number": "20170315A",
        "production_date": "2017-03-15",
        "enterprise_division": maker.division_id,
        "failed_items": ["conductor resistance"],
    }
    recalls.on_result_final(Event("spotcheck.result.final", payload))
    source = RecallSource.objects.get(report_number=payload["report_number"])
    if (
        Batch.objects.filter(class_id=CLASS).exists()
        and not Recall.objects.filter(source=source).exists()
    ):
        recalls.open_recall(actor=User.objects.get(username="officer"), source=source)

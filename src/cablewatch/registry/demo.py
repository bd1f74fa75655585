"""Fictional registry for the demo: about 50 makers and sellers in several provinces,
their licences and CCC certificates in various states, their products, and the
demo enterprise user and project owner. Names and codes are made up; the codes
carry valid GB 32100 check characters."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from cablewatch.base.demo import DemoContext
from cablewatch.base.models import Division, Role
from cablewatch.lib import creditcode
from cablewatch.registry import services
from cablewatch.registry.models import Certificate, Enterprise

PLACES = [
    ("610112", "西安"),
    ("610113", "长安"),
    ("610300", "宝鸡"),
    ("610400", "咸阳"),
    ("440606", "顺德"),
    ("440600", "佛山"),
    ("441900", "东莞"),
    ("440300", "深圳"),
    ("320582", "张家港"),
    ("320281", "江阴"),
    ("320500", "苏州"),
    ("130528", "宁晋"),
    ("130100", "石家庄"),
    ("420100", "武汉"),
    ("340100", "合肥"),
    ("510100", "成都"),
]
WORDS = [
    "华通",
    "金源",
    "秦川",
    "恒昌",
    "远东星",
    "宏达",
    "正泰安",
    "新光",
    "永固",
    "鑫盛",
    "瑞丰",
    "长城",
    "东方红",
    "九州",
    "天虹",
    "汇能",
    "明辉",
    "安达",
    "铜陵湾",
    "中缆",
]
MAKER_SUFFIX = ["电缆有限公司", "电线电缆有限公司", "线缆股份有限公司", "电工科技有限公司"]
SELLER_SUFFIX = ["电线电缆经营部", "电气材料有限公司", "五金机电商行"]
DESIGNATIONS = [
    "BV 450/750V 1×2.5",
    "BV 450/750V 1×4",
    "BVR 450/750V 1×6",
    "RVV 300/500V 3×1.5",
    "ZC-BV 450/750V 1×2.5",
    "YJV 0.6/1kV 3×95+1×50",
    "ZC-YJV22-0.6/1kV 4×95+1×50",
    "YJLV 0.6/1kV 3×185+1×95",
    "WDZN-YJY 0.6/1kV 5×16",
    "WDZB-BYJ 450/750V 1×4",
]
ALPHANUM = creditcode.ALPHABET


def _code(rng: random.Random, division: str) -> str:
    org = "".join(rng.choice(ALPHANUM) for _ in range(9))
    return creditcode.make("9", "1", division, org)


def _enterprise_specs() -> list[dict[str, Any]]:
    rng = random.Random(2017)
    specs = []
    for i in range(52):
        division, place = PLACES[i % len(PLACES)]
        maker = i % 4 != 3
        suffix = rng.choice(MAKER_SUFFIX if maker else SELLER_SUFFIX)
        name = f"{place}{WORDS[i % len(WORDS)]}{suffix}"
        specs.append(
            {
                "name": name,
                "credit_code": _code(rng, division),
                "division": division,
                "kind": Enterprise.Kind.MANUFACTURER if maker else Enterprise.Kind.DISTRIBUTOR,
                "address": f"{place}市工业园区{rng.randint(1, 99)}号",
                "legal_representative": rng.choice("王李张刘陈杨赵黄周吴")
                + rng.choice("伟芳娜敏静强磊军洋勇"),
                "products": rng.sample(DESIGNATIONS, k=rng.randint(2, 4)) if maker else [],
                "index": i,
            }
        )
    return specs


def _ensure_enterprise(spec: dict[str, Any]) -> Enterprise:
    found = Enterprise.objects.filter(credit_code=spec["credit_code"]).first()
    if found is not None:
        return found
    data = {k: spec[k] for k in ("name", "credit_code", "kind", "address", "legal_representative")}
    data["division"] = Division.objects.get(code=spec["division"])
    return services.create_enterprise(actor=None, data=data, reason="demo data")


def _ensure_certificates(enterprise: Enterprise, index: int) -> None:
    if enterprise.kind != Enterprise.Kind.MANUFACTURER or enterprise.certificates.exists():
        return
    issued = dt.date(2022, 1, 1) + dt.timedelta(days=37 * index)
    licence = services.add_certificate(
        actor=None,
        holder=enterprise,
        data={
            "kind": Certificate.Kind.PRODUCTION_LICENCE,
            "number": f"XK06-001-{10000 + index:05d}",
            "product_scope": "电线电缆",
            "issued_on": issued,
            "expires_on": issued + dt.timedelta(days=5 * 365),
            "issuer": "省级市场监督管理局",
        },
    )
    ccc = services.add_certificate(
        actor=None,
        holder=enterprise,
        data={
            "kind": Certificate.Kind.CCC,
            "number": f"2022010105{100000 + index:06d}",
            "product_scope": "聚氯乙烯绝缘电缆电线; 阻燃电线电缆",
            "issued_on": issued,
            "expires_on": issued + dt.timedelta(days=(5 if index % 9 else 1) * 365),
            "issuer": "中安产品认证中心",
        },
    )
    if index % 7 == 5:
        services.change_certificate_status(
            actor=None,
            certificate=ccc,
            to_status=Certificate.Status.SUSPENDED,
            changed_on=issued + dt.timedelta(days=400),
            reason="监督抽查不合格，暂停证书",
        )
    if index % 13 == 12:
        services.change_certificate_status(
            actor=None,
            certificate=licence,
            to_status=Certificate.Status.REVOKED,
            changed_on=issued + dt.timedelta(days=500),
            reason="不再具备生产许可条件",
        )


def _ensure_products(enterprise: Enterprise, designations: list[str]) -> None:
    for designation in designations:
        if not enterprise.products.filter(designation=designation).exists():
            services.add_product(actor=None, enterprise=enterprise, designation=designation)


def _ensure_renames(enterprises: list[Enterprise]) -> None:
    """Two makers changed their names, so searching the old name must still find them."""
    renames = {2: "秦川恒昌线缆集团有限公司", 9: "江阴鑫盛新材料股份有限公司"}
    for index, new_name in renames.items():
        enterprise = enterprises[index]
        if enterprise.name != new_name and not enterprise.former_names.exists():
            services.update_enterprise(
                actor=None,
                enterprise=enterprise,
                data={"name": new_name},
                reason="demo data: 工商变更",
                renamed_on=dt.date(2024, 6, 30),
            )


def load(context: DemoContext) -> None:
    enterprises = []
    for spec in _enterprise_specs():
        enterprise = _ensure_enterprise(spec)
        _ensure_certificates(enterprise, spec["index"])
        _ensure_products(enterprise, spec["products"])
        enterprises.append(enterprise)
    _ensure_renames(enterprises)
    owner = _ensure_enterprise(
        {
            "name": "长安城市轨道交通集团有限公司",
            "credit_code": creditcode.make("9", "1", "610100", "MA6W00001"),
            "division": "610100",
            "kind": Enterprise.Kind.PROJECT_OWNER,
            "address": "西安市未央区凤城路1号",
            "legal_representative": "冯建",
        }
    )
    context.user("maker", "企业质量负责人", Role.ENTERPRISE, enterprise=enterprises[0])
    context.user("metro", "轨道集团物资部", Role.PROJECT_OWNER, enterprise=owner)

"""Demo data: agencies and one user for each role, then each app's own demo data.

Idempotent: records are found by natural keys and created only when missing, so
running `cablewatch load-demo` twice changes nothing. Demo passwords are random,
made on first load and kept in var/demo_logins.json (they are not secrets of a
real installation, but they are not written into code either).
"""

from __future__ import annotations

import importlib
import json
import secrets
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from cablewatch.base.models import Agency, Division, Role, User

AGENCIES = [
    # code, name, English name, kind, division
    (
        "samr",
        "国家市场监督管理总局",
        "State Administration for Market Regulation",
        "regulator",
        "000000",
    ),
    (
        "sx-amr",
        "陕西省市场监督管理局",
        "Shaanxi Administration for Market Regulation",
        "regulator",
        "610000",
    ),
    (
        "xa-amr",
        "西安市市场监督管理局",
        "Xi'an Administration for Market Regulation",
        "regulator",
        "610100",
    ),
    (
        "gd-amr",
        "广东省市场监督管理局",
        "Guangdong Administration for Market Regulation",
        "regulator",
        "440000",
    ),
    (
        "fs-amr",
        "佛山市市场监督管理局",
        "Foshan Administration for Market Regulation",
        "regulator",
        "440600",
    ),
    (
        "js-amr",
        "江苏省市场监督管理局",
        "Jiangsu Administration for Market Regulation",
        "regulator",
        "320000",
    ),
    (
        "hb-amr",
        "河北省市场监督管理局",
        "Hebei Administration for Market Regulation",
        "regulator",
        "130000",
    ),
    ("lab-xb", "西部线缆质量检验研究院", "Western Cable Quality Test Institute", "lab", "610100"),
    ("lab-hz", "华中电线电缆检测中心", "Central China Wire and Cable Test Centre", "lab", "420100"),
    (
        "cert-za",
        "中安产品认证中心",
        "Zhong'an Product Certification Centre",
        "certification",
        "000000",
    ),
    (
        "xa-enf",
        "西安市市场监管综合行政执法支队",
        "Xi'an Market Regulation Enforcement Brigade",
        "enforcement",
        "610100",
    ),
    (
        "xa-police",
        "西安市公安局经济犯罪侦查支队",
        "Xi'an Public Security Economic Crime Unit",
        "police",
        "610100",
    ),
]

# Test labs print their address and accreditation (CMA and CNAS numbers) on reports.
LAB_DETAILS = {
    "lab-xb": ("西安市雁塔区科技路 48 号", "CMA 231600120456 · CNAS L10235"),
    "lab-hz": ("武汉市洪山区珞喻路 1037 号", "CMA 231700340217 · CNAS L08814"),
}

USERS = [
    # username, display name, role, agency code
    ("admin", "系统管理员", Role.ADMIN, "samr"),
    # Two supervision officers in every province (and nationally), so that every step that
    # needs a second officer (four eyes) has one of the same agency; one city-level officer.
    ("officer", "王监督", Role.SUPERVISION, "sx-amr"),
    ("officer2", "马监督", Role.SUPERVISION, "sx-amr"),
    ("xa-officer", "何监督", Role.SUPERVISION, "xa-amr"),
    ("gd-officer", "陈监督", Role.SUPERVISION, "gd-amr"),
    ("gd-officer2", "黄监督", Role.SUPERVISION, "gd-amr"),
    ("js-officer", "徐监督", Role.SUPERVISION, "js-amr"),
    ("js-officer2", "朱监督", Role.SUPERVISION, "js-amr"),
    ("hb-officer", "高监督", Role.SUPERVISION, "hb-amr"),
    ("hb-officer2", "林监督", Role.SUPERVISION, "hb-amr"),
    ("national", "赵总局", Role.SUPERVISION, "samr"),
    ("national2", "钱总局", Role.SUPERVISION, "samr"),
    ("inspector", "李抽样", Role.INSPECTOR, "xa-amr"),
    ("inspector2", "周抽样", Role.INSPECTOR, "xa-amr"),
    # Several analysts and reviewers in each lab: entry and approval by different people.
    ("analyst", "张检验", Role.LAB_ANALYST, "lab-xb"),
    ("analyst2", "许检验", Role.LAB_ANALYST, "lab-xb"),
    ("analyst3", "邓检验", Role.LAB_ANALYST, "lab-xb"),
    ("reviewer", "刘审核", Role.LAB_REVIEWER, "lab-xb"),
    ("reviewer2", "罗审核", Role.LAB_REVIEWER, "lab-xb"),
    ("enforcer", "孙执法", Role.ENFORCEMENT, "xa-enf"),
    ("certifier", "吴认证", Role.CERTIFICATION, "cert-za"),
]

LOGINS_FILE = "demo_logins.json"


def logins_path() -> Path:
    return Path(settings.VAR_DIR) / LOGINS_FILE


def read_demo_logins() -> list[dict[str, str]]:
    path = logins_path()
    if not path.exists():
        return []
    data: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _passwords() -> dict[str, str]:
    return {row["username"]: row["password"] for row in read_demo_logins()}


def ensure_groups() -> None:
    for role in Role.values:
        Group.objects.get_or_create(name=role)


def ensure_agencies() -> dict[str, Agency]:
    agencies = {}
    for code, name, name_en, kind, division in AGENCIES:
        agencies[code], _ = Agency.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": kind,
                "division": Division.objects.get(code=division),
            },
        )
    for code, (address, accreditation) in LAB_DETAILS.items():
        Agency.objects.filter(code=code, address="").update(
            address=address, accreditation=accreditation
        )
    return agencies


def ensure_user(
    username: str,
    display: str,
    role: str,
    *,
    agency: Agency | None = None,
    enterprise: Any = None,
    passwords: dict[str, str],
) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, display_name=display, agency=agency, enterprise=enterprise)
        user.is_superuser = user.is_staff = role == Role.ADMIN
    password = passwords.setdefault(username, secrets.token_urlsafe(9))
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


def save_logins(
    passwords: dict[str, str], roles: dict[str, str], who: dict[str, str] | None = None
) -> None:
    path = logins_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    who = who or {}
    rows = [
        {"role": roles[u], "username": u, "password": p, "who": who.get(u, "")}
        for u, p in passwords.items()
        if u in roles
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    path.chmod(0o600)


class DemoContext:
    """What app demo loaders share: agencies by code and a way to add demo users."""

    def __init__(self, agencies: dict[str, Agency], passwords: dict[str, str]) -> None:
        self.agencies = agencies
        self.passwords = passwords
        self.roles: dict[str, str] = {}
        self.who: dict[str, str] = {}

    def user(self, username: str, display: str, role: str, **links: Any) -> User:
        self.roles[username] = str(role)
        user = ensure_user(username, display, role, passwords=self.passwords, **links)
        place = user.agency or user.enterprise
        self.who[username] = f"{display} · {place.name}" if place is not None else display
        return user


def load_demo() -> DemoContext:
    """Load everything; each app with a `demo` module adds its part, in INSTALLED_APPS order."""
    with transaction.atomic():
        ensure_groups()
        context = DemoContext(ensure_agencies(), _passwords())
        for username, display, role, agency in USERS:
            context.user(username, display, role, agency=context.agencies[agency])
        for config in apps.get_app_configs():
            if config.name.startswith("cablewatch.") and config.name != "cablewatch.base":
                _load_app_demo(config.name, context)
    save_logins(context.passwords, context.roles, context.who)
    return context


def _load_app_demo(app: str, context: DemoContext) -> None:
    try:
        module = importlib.import_module(f"{app}.demo")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.demo":
            raise
        return
    module.load(context)

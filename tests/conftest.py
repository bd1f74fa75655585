"""Shared test data: named personas for every role and region, built by chained fixtures.

alice works in Shaanxi, bob in Guangdong (a sibling province), carol nationally;
each view test shows what the right persona sees and what an outsider does not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from cablewatch.base.models import Agency, Division, Role, User
from cablewatch.lib import creditcode
from cablewatch.registry import services
from cablewatch.registry.models import Certificate, Enterprise

# Hypothesis's timing checks (deadline, too_slow) measure the machine, not the code: on
# two shared cores they fail at random. Correctness checks stay as they are.
hypothesis_settings.register_profile(
    "cablewatch", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("cablewatch")

PASSWORD = "correct horse battery staple"
DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Divisions and role groups come from migrations, but a transactional test's
    flush removes them; put them back for every test that uses the database."""
    uses_db = DB_FIXTURES & set(request.fixturenames) or request.node.get_closest_marker(
        "django_db"
    )
    if uses_db:
        request.getfixturevalue(
            "transactional_db" if "live_server" in request.fixturenames else "db"
        )
        from cablewatch.base.reference import ensure_reference_data

        ensure_reference_data()


@pytest.fixture
def divisions(db: None) -> dict[str, Division]:
    return {d.code: d for d in Division.objects.all()}


def make_agency(code: str, kind: str, division: str, name: str = "") -> Agency:
    return Agency.objects.create(
        code=code,
        name=name or f"{code} agency",
        name_en=f"{code} agency",
        kind=kind,
        division_id=division,
    )


@pytest.fixture
def agencies(db: None) -> dict[str, Agency]:
    return {
        "national": make_agency("t-samr", "regulator", "000000"),
        "shaanxi": make_agency("t-sx", "regulator", "610000"),
        "xian": make_agency("t-xa", "regulator", "610100"),
        "guangdong": make_agency("t-gd", "regulator", "440000"),
        "lab": make_agency("t-lab", "lab", "610100"),
        "cert": make_agency("t-cert", "certification", "000000"),
        "enforcement": make_agency("t-enf", "enforcement", "610100"),
    }


def make_user(username: str, role: str, agency: Agency | None = None, **extra: Any) -> User:
    user = User.objects.create_user(username, password=PASSWORD, agency=agency, **extra)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def alice(agencies: dict[str, Agency]) -> User:
    """Supervision officer of Shaanxi province."""
    return make_user("alice", Role.SUPERVISION, agencies["shaanxi"])


@pytest.fixture
def bob(agencies: dict[str, Agency]) -> User:
    """Supervision officer of Guangdong province: alice's sibling."""
    return make_user("bob", Role.SUPERVISION, agencies["guangdong"])


@pytest.fixture
def carol(agencies: dict[str, Agency]) -> User:
    """National supervision officer: sees every region."""
    return make_user("carol", Role.SUPERVISION, agencies["national"])


@pytest.fixture
def xavier(agencies: dict[str, Agency]) -> User:
    """Supervision officer of Xi'an city, inside alice's province."""
    return make_user("xavier", Role.SUPERVISION, agencies["xian"])


@pytest.fixture
def certifier(agencies: dict[str, Agency]) -> User:
    return make_user("certifier", Role.CERTIFICATION, agencies["cert"])


@pytest.fixture
def admin_user(agencies: dict[str, Agency]) -> User:
    return make_user("root", Role.ADMIN, agencies["national"])


@pytest.fixture
def make_enterprise(db: None) -> Callable[..., Enterprise]:
    counter = iter(range(1, 10_000))

    def build(name: str = "", division: str = "610112", **extra: Any) -> Enterprise:
        n = next(counter)
        data = {
            "name": name or f"测试电缆有限公司{n}",
            "credit_code": creditcode.make("9", "1", division, f"TQT{n:06d}"),
            "kind": Enterprise.Kind.MANUFACTURER,
            "division": Division.objects.get(code=division),
            **extra,
        }
        return services.create_enterprise(actor=None, data=data)

    return build


@pytest.fixture
def shaanxi_maker(make_enterprise: Callable[..., Enterprise]) -> Enterprise:
    return make_enterprise("秦川电缆有限公司", "610112")


@pytest.fixture
def guangdong_maker(make_enterprise: Callable[..., Enterprise]) -> Enterprise:
    return make_enterprise("顺德电线有限公司", "440606")


@pytest.fixture
def maker_user(shaanxi_maker: Enterprise) -> User:
    return make_user("maker", Role.ENTERPRISE, enterprise=shaanxi_maker)


@pytest.fixture
def certificate(shaanxi_maker: Enterprise) -> Certificate:
    return services.add_certificate(
        actor=None,
        holder=shaanxi_maker,
        data={
            "kind": Certificate.Kind.CCC,
            "number": "2022010105000001",
            "product_scope": "电线电缆",
            "issued_on": dt.date(2022, 1, 1),
            "expires_on": dt.date(2032, 1, 1),
            "issuer": "认证中心",
        },
    )


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _own_checkpoint_log(tmp_path_factory: pytest.TempPathFactory, settings: Any) -> None:
    """Each test its own audit checkpoint log: a log left by another test's rolled-back
    database would name entries that this test's database never had."""
    settings.AUDIT_CHECKPOINT_DIR = tmp_path_factory.mktemp("checkpoints")

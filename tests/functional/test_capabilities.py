"""Roles give capabilities (one table); pages with enterprise data ask for them, and an
installation is as visible as its project."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.http import Http404
from django.test import Client

from cablewatch.base.access import get_for_user_or_404
from cablewatch.base.models import ROLE_CAPABILITIES, ApiToken, Capability, Role, User
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.models import Batch, Installation
from tests.conftest import login, make_user
from tests.integration.tracing import world

pytestmark = pytest.mark.django_db


def test_the_labs_hold_no_capability_that_shows_enterprises() -> None:
    assert ROLE_CAPABILITIES[Role.LAB_ANALYST] == {Capability.TEST, Capability.JUDGE}
    assert ROLE_CAPABILITIES[Role.LAB_REVIEWER] == {Capability.REVIEW, Capability.JUDGE}
    assert ROLE_CAPABILITIES[Role.SUPERVISION] == {
        Capability.SEE_ENTERPRISES,
        Capability.USE_REGISTRY,
        Capability.TRACE,
        Capability.JUDGE,
        Capability.EXCHANGE,
        Capability.PLAN,
    }
    assert ROLE_CAPABILITIES[Role.ENTERPRISE] == {Capability.OWN_ENTERPRISE}
    assert ROLE_CAPABILITIES[Role.ADMIN] == set(Capability.values)
    assert set(ROLE_CAPABILITIES) == set(Role.values)


@pytest.fixture
def owner(make_enterprise: Callable[..., Enterprise]) -> Enterprise:
    return make_enterprise("长安轨道", "610112", kind=Enterprise.Kind.PROJECT_OWNER)


@pytest.fixture
def batch(shaanxi_maker: Enterprise, owner: Enterprise) -> Batch:
    return world.build(shaanxi_maker, owner)


@pytest.fixture
def analyst(agencies) -> User:  # type: ignore[no-untyped-def]
    return make_user("analyst", Role.LAB_ANALYST, agencies["lab"])


def bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 't')[1]}"}


def test_a_lab_analyst_gets_404_on_every_tracing_page(analyst: User, batch: Batch) -> None:
    inst = Installation.objects.filter(batch=batch).first()
    assert inst is not None
    client = login(analyst)
    for url in (
        "/tracing/",
        "/tracing/?q=x",
        f"/tracing/batches/{batch.pk}/",
        f"/tracing/batches/{batch.pk}/?format=csv",
        f"/tracing/batches/{batch.pk}/flow.svg",
        f"/tracing/batches/{batch.pk}/epcis.json",
        f"/tracing/installations/{inst.pk}/",
        "/sharing/inbox/",
    ):
        assert client.get(url).status_code == 404, url


def test_a_lab_analyst_is_refused_by_the_tracing_api(analyst: User, batch: Batch) -> None:
    headers = bearer(analyst)
    assert Client().get("/api/v1/tracing/batches", **headers).status_code == 403
    assert Client().get(f"/api/v1/tracing/batches/{batch.pk}/epcis", **headers).status_code == 403
    inst = Installation.objects.filter(batch=batch).first()
    assert inst is not None
    path = f"/api/v1/tracing/installations/{inst.pk}/path"
    assert Client().get(path, **headers).status_code == 404
    assert Client().get("/api/v1/tracing/projects", **headers).json()["items"] == []


def test_a_lab_analysts_home_shows_no_registry_counts_or_changes(
    analyst: User, shaanxi_maker: Enterprise
) -> None:
    page = login(analyst).get("/staff/").content.decode()
    assert "/registry/" not in page
    assert shaanxi_maker.name not in page


def test_the_lab_keeps_the_judge_page(analyst: User) -> None:
    assert login(analyst).get("/standards/judge/").status_code == 200


def shaanxi_installation(batch: Batch) -> Installation:
    inst = Installation.objects.filter(batch=batch, location__project__division_id="610112").first()
    assert inst is not None
    return inst


def test_the_guangdong_officer_gets_404_for_a_shaanxi_installation(
    alice: User, bob: User, batch: Batch
) -> None:
    inst = shaanxi_installation(batch)
    assert login(alice).get(f"/tracing/installations/{inst.pk}/").status_code == 200
    assert login(bob).get(f"/tracing/installations/{inst.pk}/").status_code == 404
    assert login(bob).get(f"/tracing/projects/{inst.location.project_id}/").status_code == 404
    api = f"/api/v1/tracing/installations/{inst.pk}/path"
    assert Client().get(api, **bearer(alice)).status_code == 200
    assert Client().get(api, **bearer(bob)).status_code == 404


def test_the_fetch_helper_takes_the_user_and_scopes_itself(
    bob: User, alice: User, batch: Batch
) -> None:
    inst = shaanxi_installation(batch)
    assert get_for_user_or_404(alice, Installation, pk=inst.pk) == inst
    with pytest.raises(Http404):
        get_for_user_or_404(bob, Installation.objects.all(), pk=inst.pk)
    with pytest.raises(TypeError):
        get_for_user_or_404(Installation.objects.all(), pk=inst.pk)  # type: ignore[call-arg]

from __future__ import annotations

import pytest

from cablewatch.base.models import Agency, User
from cablewatch.registry.models import Certificate, Enterprise
from cablewatch.sharing.models import Notification
from tests.conftest import login
from tests.enforcement_support import publish_result

pytestmark = pytest.mark.django_db


def test_the_certifier_sees_what_to_do_and_records_it(
    shaanxi_maker: Enterprise, certificate: Certificate, certifier: User
) -> None:
    publish_result(shaanxi_maker)
    client = login(certifier)
    page = client.get("/sharing/inbox/").content.decode()
    assert "R-S-1" in page
    note = Notification.objects.get(agency=certifier.agency)
    response = client.post(f"/sharing/inbox/{note.pk}/respond/", {"response": "suspended"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.response == "suspended" and note.done_by == certifier


def test_another_agency_cannot_answer_an_item(
    shaanxi_maker: Enterprise, certificate: Certificate, alice: User, agencies: dict[str, Agency]
) -> None:
    publish_result(shaanxi_maker)
    note = Notification.objects.get(agency=agencies["cert"])
    response = login(alice).post(f"/sharing/inbox/{note.pk}/respond/", {"response": "x"})
    assert response.status_code == 404


def test_the_delivery_log_is_for_administrators_only(alice: User, admin_user: User) -> None:
    assert login(alice).get("/sharing/deliveries/").status_code == 404
    assert login(admin_user).get("/sharing/deliveries/").status_code == 200

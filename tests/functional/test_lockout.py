"""Failed sign-ins lock a user name from the guessing address only, and one address that
fails against many accounts is paused as a whole; the owner signs in from elsewhere."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from cablewatch.base.models import Agency, Role, User
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
URL = "/staff/login/"


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def sign_in(client: Client, username: str, password: str = PASSWORD) -> int:
    return client.post(URL, {"username": username, "password": password}).status_code


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_a_guessed_account_is_locked_from_the_guessing_address_only(alice: User) -> None:
    attacker = from_address("127.0.0.2")
    for _ in range(5):
        sign_in(attacker, "alice", "wrong")
    assert sign_in(attacker, "alice") in (403, 429) and not signed_in(attacker)
    owner = from_address("127.0.0.3")
    assert sign_in(owner, "alice") == 302 and signed_in(owner)


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=12)
def test_one_address_cannot_lock_every_account(agencies: dict[str, Agency]) -> None:
    users = [make_user(f"officer{i}", Role.SUPERVISION, agencies["shaanxi"]) for i in range(6)]
    attacker = from_address("127.0.0.2")
    for user in users:
        for _ in range(2):  # under the per-account limit of 5
            sign_in(attacker, user.username, "wrong")
    # 12 failures from one address: that address is paused for everyone...
    assert sign_in(attacker, "officer0") == 429
    assert sign_in(from_address("127.0.0.2"), "officer5") == 429
    # ...and every account still signs in from another address.
    for user in users:
        client = from_address("127.0.0.4")
        assert sign_in(client, user.username) == 302, user.username


def test_the_admin_site_signs_in_through_the_same_page(db: None) -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("base:login"))

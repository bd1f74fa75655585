from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from cablewatch.base.models import AuditEntry
from cablewatch.lib import creditcode
from cablewatch.registry.models import Certificate, Enterprise
from tests.conftest import PASSWORD, login

GOOD_CODE = creditcode.make("9", "1", "610112", "MA6TABCD1")
BAD_CODE = GOOD_CODE[:-1] + ("0" if GOOD_CODE[-1] != "0" else "1")


def form(code: str, name: str = "秦岭线缆有限公司") -> dict[str, str]:
    return {
        "name": name,
        "credit_code": code,
        "kind": "manufacturer",
        "address": "西安",
        "division": "610112",
        "status": "active",
        "legal_representative": "",
        "reason": "",
    }


def test_a_bad_credit_code_is_refused_with_the_reason(alice) -> None:  # type: ignore[no-untyped-def]
    response = login(alice).post(reverse("registry:enterprise-create"), form(BAD_CODE))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-field="credit_code"' in page
    assert "校验码" in page
    assert not Enterprise.objects.filter(name="秦岭线缆有限公司").exists()


def test_the_error_is_in_english_when_english_is_chosen(alice) -> None:  # type: ignore[no-untyped-def]
    client = login(alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.post(reverse("registry:enterprise-create"), form(BAD_CODE)).content.decode()
    assert "check character" in page


def test_a_good_credit_code_registers_the_enterprise_and_audits_it(alice) -> None:  # type: ignore[no-untyped-def]
    response = login(alice).post(reverse("registry:enterprise-create"), form(GOOD_CODE.lower()))
    enterprise = Enterprise.objects.get(credit_code=GOOD_CODE)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(
        action="registry.enterprise.created", target_id=str(enterprise.pk)
    )
    assert entry.actor == alice


def test_a_duplicate_credit_code_is_refused_on_the_field(alice, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    response = login(alice).post(
        reverse("registry:enterprise-create"), form(shaanxi_maker.credit_code, "另一家")
    )
    assert response.status_code == 200
    assert 'data-field="credit_code"' in response.content.decode()


def test_a_renamed_enterprise_is_found_by_its_old_name(alice, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    client = login(alice)
    data = form(shaanxi_maker.credit_code, "秦川新材料集团有限公司") | {"reason": "工商变更"}
    assert (
        client.post(
            reverse("registry:enterprise-update", args=[shaanxi_maker.pk]), data
        ).status_code
        == 302
    )
    page = client.get(reverse("registry:enterprise-list"), {"q": "秦川电缆"}).content.decode()
    assert "秦川新材料集团有限公司" in page


def test_search_accepts_traditional_characters(alice, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    page = login(alice).get(reverse("registry:enterprise-list"), {"q": "秦川電纜"}).content.decode()
    assert shaanxi_maker.name in page


def test_the_enterprise_page_shows_its_history(alice, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    client = login(alice)
    client.post(
        reverse("registry:enterprise-update", args=[shaanxi_maker.pk]),
        form(shaanxi_maker.credit_code, shaanxi_maker.name)
        | {"address": "新地址", "reason": "迁址"},
    )
    page = client.get(
        reverse("registry:enterprise-detail", args=[shaanxi_maker.pk])
    ).content.decode()
    # the action and the changed field in the user's words, not the audit keys
    assert "变更企业信息" in page and "registry.enterprise.changed" not in page
    assert "新地址" in page
    assert "迁址" in page


def test_a_certificate_status_change_needs_a_reason(certifier, certificate) -> None:  # type: ignore[no-untyped-def]
    url = reverse("registry:certificate-detail", args=[certificate.pk])
    client = login(certifier)
    response = client.post(
        url, {"to_status": "suspended", "changed_on": "2026-03-01", "reason": ""}
    )
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    client.post(url, {"to_status": "suspended", "changed_on": "2026-03-01", "reason": "抽查不合格"})
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.SUSPENDED
    assert certificate.status_changes.get().reason == "抽查不合格"


def test_a_certificate_expiring_before_issue_is_refused(alice, shaanxi_maker) -> None:  # type: ignore[no-untyped-def]
    url = reverse("registry:certificate-create", args=[shaanxi_maker.pk])
    response = login(alice).post(
        url,
        {
            "kind": "licence",
            "number": "XK06-1",
            "product_scope": "电缆",
            "issued_on": "2026-01-01",
            "expires_on": "2025-01-01",
            "issuer": "局",
        },
    )
    assert response.status_code == 200
    assert 'data-field="expires_on"' in response.content.decode()
    assert not Certificate.objects.filter(number="XK06-1").exists()


def test_repeated_failed_logins_lock_the_account(alice) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    url = reverse("base:login")
    for _ in range(5):
        client.post(url, {"username": "alice", "password": "wrong"})
    response = client.post(url, {"username": "alice", "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_the_right_password_signs_in(alice) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    response = client.post(reverse("base:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_pages_are_chinese_by_default_and_english_on_request(alice) -> None:  # type: ignore[no-untyped-def]
    client = login(alice)
    assert "企业" in client.get(reverse("registry:enterprise-list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Enterprises" in client.get(reverse("registry:enterprise-list")).content.decode()
    translation.activate("zh-hans")

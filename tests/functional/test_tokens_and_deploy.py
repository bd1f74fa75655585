"""API tokens end (by age, by revocation, by a password change), are made and revoked
through audited services; the deployment settings come from the environment and
`check --deploy` is clean with production settings."""

from __future__ import annotations

import datetime as dt
import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone

from cablewatch.base import services
from cablewatch.base.models import ApiToken, AuditEntry, Role, User
from tests.conftest import PASSWORD, login

pytestmark = pytest.mark.django_db


def me(raw: str) -> int:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


@override_settings(API_TOKEN_DAYS=30)
def test_a_token_ends_after_the_configured_days(alice: User) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token, raw = services.issue_token(actor=alice, user=alice, name="ci")
    assert token.expires == start + dt.timedelta(days=30)
    with time_machine.travel(start + dt.timedelta(days=29, hours=23), tick=False):
        assert me(raw) == 200
    with time_machine.travel(start + dt.timedelta(days=30, seconds=1), tick=False):
        assert me(raw) == 401


def test_a_password_change_on_the_page_revokes_every_token(alice: User) -> None:
    _token, raw = services.issue_token(actor=alice, user=alice, name="ci")
    assert me(raw) == 200
    new = "another correct horse 42"
    response = login(alice).post(
        "/staff/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert me(raw) == 401
    assert not ApiToken.objects.filter(user=alice, revoked=False).exists()
    assert AuditEntry.objects.filter(
        action="base.token.revoked", reason="password changed"
    ).exists()


def test_a_password_changed_anywhere_else_ends_the_tokens_too(alice: User) -> None:
    _token, raw = services.issue_token(actor=None, user=alice, name="ci")
    user = User.objects.get(pk=alice.pk)
    user.set_password("changed by an administrator 7")
    user.save()
    assert me(raw) == 401


def test_token_issue_prints_a_working_audited_token(alice: User) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", "issue", "alice", "--name", "nightly export", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("cw_") and len(raw.splitlines()) == 1
    assert me(raw) == 200
    token = ApiToken.objects.get(user=alice)
    assert token.name == "nightly export"
    entry = AuditEntry.objects.get(action="base.token.issued")
    assert entry.target_id == str(token.pk) and entry.after["user"] == "alice"
    with pytest.raises(CommandError):
        call_command("token", "issue", "nobody", stdout=io.StringIO())


def test_the_tokens_page_issues_and_revokes_through_the_audited_service(alice: User) -> None:
    client = login(alice)
    page = client.post("/staff/tokens/", {"name": "gateway"}).content.decode()
    token = ApiToken.objects.get(user=alice)
    assert f"cw_{token.hint}" in page
    client.post(f"/staff/tokens/{token.pk}/revoke/")
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["base.token.issued", "base.token.revoked"]


def test_createuser_audits_the_user_and_its_roles(agencies) -> None:  # type: ignore[no-untyped-def]
    call_command(
        "createuser",
        "newbie",
        "--role",
        Role.INSPECTOR,
        "--agency",
        "t-xa",
        "--password",
        PASSWORD,
        stdout=io.StringIO(),
    )
    user = User.objects.get(username="newbie")
    assert user.roles == {Role.INSPECTOR}
    entries = AuditEntry.objects.filter(target_id=str(user.pk), target_type="base.user")
    assert set(entries.values_list("action", flat=True)) == {
        "base.user.created",
        "base.user.role_granted",
    }


def test_pages_and_the_api_carry_a_content_security_policy(db: None) -> None:
    for url in ("/", "/staff/login/", "/api/v1/openapi.json"):
        policy = Client().get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy


PRODUCTION = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "cablewatch.example.org",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO=https",
}


def check_deploy(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "CABLEWATCH_VAR_DIR": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_SETTINGS_MODULE": "cablewatch.settings",
    }
    command = [
        sys.executable,
        "-m",
        "cablewatch.cli",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    ]
    return subprocess.run(
        command, env={**base, **env}, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    done = check_deploy(tmp_path, PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout
    without_hsts = check_deploy(tmp_path, {**PRODUCTION, "SECURE_HSTS_SECONDS": "0"})
    assert without_hsts.returncode != 0 and "security.W004" in without_hsts.stderr


def test_the_proxy_header_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from cablewatch import settings
    from cablewatch.lib.env import ConfigError

    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO=https")
    assert settings._proxy_ssl_header() == ("HTTP_X_FORWARDED_PROTO", "https")
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO")
    with pytest.raises(ConfigError):
        settings._proxy_ssl_header()
    monkeypatch.delenv("SECURE_PROXY_SSL_HEADER")
    assert settings._proxy_ssl_header() is None

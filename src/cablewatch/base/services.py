"""Audited writes of who may do what: API tokens, users and their roles."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from cablewatch.base.audit import record_change
from cablewatch.base.models import ApiToken, Role, User


def _division(user: User) -> str:
    return user.agency.division_id if user.agency_id else ""  # type: ignore[union-attr]


def issue_token(*, actor: User | None, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token for `user`; returns it with the raw key (shown once, never stored)."""
    with transaction.atomic():
        token, raw = ApiToken.issue(user, name)
        record_change(
            actor=actor,
            action="base.token.issued",
            target=token,
            after={"user": user.username, "name": name, "expires": token.expires},
            division_code=_division(user),
        )
    return token, raw


def revoke_token(*, actor: User | None, token: ApiToken, reason: str = "") -> None:
    with transaction.atomic():
        if ApiToken.objects.filter(pk=token.pk, revoked=False).update(revoked=True):
            record_change(
                actor=actor,
                action="base.token.revoked",
                target=token,
                before={"revoked": False},
                after={"revoked": True},
                reason=reason,
                division_code=_division(token.user),
            )


def revoke_all_tokens(*, actor: User | None, user: User, reason: str) -> int:
    """End every live token of `user` (after a password change, for example)."""
    live = list(ApiToken.objects.filter(user=user, revoked=False))
    for token in live:
        revoke_token(actor=actor, token=token, reason=reason)
    return len(live)


def create_user(
    *, actor: User | None, data: dict[str, Any], password: str, roles: list[str]
) -> User:
    """A user bound to an agency or an enterprise, with roles; the roles are audited."""
    with transaction.atomic():
        user = User.objects.create_user(password=password, **data)
        record_change(
            actor=actor,
            action="base.user.created",
            target=user,
            after={
                "username": user.username,
                "agency": user.agency_id,
                "enterprise": user.enterprise_id,
                "superuser": user.is_superuser,
            },
            division_code=_division(user),
        )
        for role in roles:
            grant_role(actor=actor, user=user, role=role)
    return user


def grant_role(*, actor: User | None, user: User, role: str) -> None:
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    with transaction.atomic():
        group = Group.objects.get_or_create(name=role)[0]
        if user.groups.filter(pk=group.pk).exists():
            return
        user.groups.add(group)
        user.__dict__.pop("roles", None)
        user.__dict__.pop("capabilities", None)
        record_change(
            actor=actor,
            action="base.user.role_granted",
            target=user,
            after={"role": role},
            division_code=_division(user),
        )

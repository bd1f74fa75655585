"""Failed sign-ins: django-axes locks a user name from one address (the combination), and
this module limits how many failures one address may make across all user names.

Locking by user name alone let one address lock every account, the administrator's
included; locking by address alone would lock a whole office behind one NAT address. So a
guessed account is locked only where the guessing comes from, and its owner still signs in
from elsewhere; an address that fails against many accounts is slowed down as a whole.
"""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def client_ip(request: HttpRequest) -> str:
    """The caller's address: REMOTE_ADDR, or the header a trusted proxy sets
    (CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP) when one is configured."""
    header = settings.CLIENT_IP_HEADER
    if header:
        forwarded = str(request.META.get(header, "")).split(",")[0].strip()
        if forwarded:
            return forwarded
    return str(request.META.get("REMOTE_ADDR", ""))


def failures_from(address: str) -> int:
    """Failed sign-ins from `address` within the cool-off time, over all user names."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return int(total or 0)


def address_throttled(request: HttpRequest) -> bool:
    return failures_from(client_ip(request)) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT

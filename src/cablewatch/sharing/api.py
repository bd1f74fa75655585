"""POST /api/v1/exchange/inbox: signed messages from other installations (EXCHANGE.md)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router

from cablewatch.api.problems import problem
from cablewatch.lib import jsonin
from cablewatch.sharing.exchange import ExchangeError
from cablewatch.sharing.receiving import receive

PREFIX = ""
router = Router(tags=["sharing"])


@router.post(
    "/exchange/inbox",
    auth=None,
    summary="Receive a signed exchange message from another installation",
    description=(
        "No token: the Ed25519 signature of a trusted peer key is required instead. "
        "201 when stored, 200 when the same message (sender + id) was already stored; "
        "400 malformed JSON, 422 schema, 403 untrusted key, 401 bad signature."
    ),
    openapi_extra={
        "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}
    },
)
def inbox(request: HttpRequest) -> HttpResponse:
    try:
        message = jsonin.loads(request.body)
    except jsonin.JsonInputError as exc:
        return problem(400, "Malformed message", f"body: {exc.reason}", kind="malformed")
    try:
        stored, new = receive(message)
    except ExchangeError as exc:
        errors = [{"field": exc.field, "reason": exc.message}] if exc.field else []
        detail = f"{exc.field}: {exc.message}" if exc.field else exc.message
        return problem(exc.status, "Message refused", detail, kind=exc.code, errors=errors)
    body = {"status": "stored" if new else "duplicate", "id": stored.message_id}
    return JsonResponse(body, status=201 if new else 200)

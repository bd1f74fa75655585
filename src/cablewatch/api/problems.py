"""RFC 9457 problem details for every error the API returns."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from cablewatch.base.errors import DomainError
from cablewatch.lib import jsonin

PROBLEM_TYPE = "https://cablewatch.example/problems/"


def problem(
    status: int, title: str, detail: str = "", *, kind: str = "error", **extra: Any
) -> HttpResponse:
    body: dict[str, Any] = {"type": PROBLEM_TYPE + kind, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


class InvalidInputError(DomainError):
    """Input the schema lets through but the API refuses (a null where a value is needed)."""

    status = 422

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field, code="validation-error")


class BoundedParser(Parser):
    """Request bodies through lib.jsonin: bounded nesting and integers, finite numbers."""

    def parse_body(self, request: HttpRequest) -> Any:
        return jsonin.loads(request.body)


def body_problem(error: jsonin.JsonInputError) -> HttpResponse:
    """The answer to a body that is not JSON within the bounds (views that parse it)."""
    return problem(
        400,
        "Body is not JSON",
        f"body: {error.reason}",
        kind="not-json",
        errors=[{"field": "body", "reason": error.reason}],
    )


def _field_name(loc: list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "body"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": _field_name(list(e.get("loc", []))), "reason": e.get("msg", "invalid")}
            for e in exc.errors
        ]
        first = errors[0] if errors else {"field": "body", "reason": "invalid"}
        return problem(
            422,
            "Invalid input",
            f"{first['field']}: {first['reason']}",
            kind="validation-error",
            errors=errors,
        )

    @api.exception_handler(DomainError)
    def on_domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        fields = [{"field": exc.field, "reason": exc.message}] if exc.field else []
        detail = f"{exc.field}: {exc.message}" if exc.field else exc.message
        return problem(exc.status, "Request refused", detail, kind=exc.code, errors=fields)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(404, "Not found", kind="not-found")

    @api.exception_handler(AuthenticationError)
    def on_auth(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(401, "Authentication required", kind="unauthenticated")
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(OverflowError)
    def on_overflow(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        return problem(422, "Invalid input", "a number is out of range", kind="validation-error")

    @api.exception_handler(HttpError)
    def on_http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(exc.status_code, str(exc.message), kind="http-error")

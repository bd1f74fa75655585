"""Every answer under /api/ is problem+json when it is an error, whoever made it.

The API's own handlers (problems.py) cover what its views raise; this covers the
rest: an unknown path (Django's 404 page), a wrong method (405), a body over
DATA_UPLOAD_MAX_MEMORY_SIZE (413), a URL over MAX_URL_LENGTH (414), and any
unexpected exception (500, logged, no detail leaked).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from cablewatch.api.problems import problem

log = logging.getLogger("cablewatch.api")

PREFIX = "/api/"
MAX_URL_LENGTH = 4096  # path and query; serve.py lets gunicorn pass up to 8190


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _kind(status: int) -> str:
    return _title(status).lower().replace(" ", "-").replace("'", "")


class ApiProblemMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        length = len(request.path) + len(request.META.get("QUERY_STRING", ""))
        if length > MAX_URL_LENGTH:
            return problem(
                414,
                _title(414),
                f"the URL is longer than {MAX_URL_LENGTH} characters",
                kind=_kind(414),
            )
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if limit is not None and declared > limit:
            return self._too_big(limit)
        response = self.get_response(request)
        if response.status_code >= 400 and not _is_json(response):
            return self._as_problem(response)
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not request.path.startswith(PREFIX):
            return None
        if isinstance(exc, RequestDataTooBig):
            return self._too_big(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)
        log.error("unexpected error answering %s %s", request.method, request.path, exc_info=exc)
        return problem(
            500, _title(500), "the server failed; the error is logged", kind="server-error"
        )

    @staticmethod
    def _too_big(limit: int) -> HttpResponse:
        return problem(413, _title(413), f"the body is larger than {limit} bytes", kind=_kind(413))

    @staticmethod
    def _as_problem(response: HttpResponseBase) -> HttpResponse:
        status = response.status_code
        detail = ""
        if status == 405 and response.has_header("Allow"):
            detail = f"allowed: {response['Allow']}"
        converted = problem(status, _title(status), detail, kind=_kind(status))
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if response.has_header(header):
                converted[header] = response[header]
        return converted


def _is_json(response: HttpResponseBase) -> bool:
    kind = response.get("Content-Type", "")
    return kind.startswith(("application/problem+json", "application/json"))

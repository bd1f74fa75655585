"""A bounded, deterministic schemathesis run over the whole API (/api/v1/openapi.json).

Every operation gets FUZZ_EXAMPLES generated requests (valid and invalid ones, from
the schema, with a fixed seed), as a national officer with a token, over a small
registry. Each response must be no 5xx, an error must be problem+json, and a
documented response must match its schema and content type. The number of requests
sent and of failures found is printed at the end (`-s` shows it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from cablewatch.base.models import ApiToken, User
from cablewatch.registry.models import Enterprise

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
SENT: list[tuple[str, int]] = []


def _schema() -> Any:
    """The document the API serves (made without the database), called through WSGI."""
    from cablewatch.api.urls import api
    from cablewatch.wsgi import application

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
    loaded.app = application
    return loaded


schema = _schema()


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Requests go through the WSGI handler, whose request signals would close the test's
    connection (in a transaction it counts as unusable); Django's test client detaches
    the same handler for the same reason."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(carol: User, make_enterprise: Callable[..., Enterprise]) -> dict[str, str]:
    make_enterprise("秦川电缆有限公司", "610112")
    make_enterprise("顺德电线有限公司", "440606")
    _t, raw = ApiToken.issue(carol, "fuzz")
    return {"Authorization": f"Bearer {raw}"}


def problem_json_errors(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code >= 400:
        kind = response.headers.get("content-type", [""])
        kind = kind[0] if isinstance(kind, list) else kind
        assert kind.startswith("application/problem+json"), (
            f"{response.status_code} answered {kind!r}, not problem+json"
        )
    return None


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)
def test_no_operation_answers_5xx_or_off_schema(case: Any, bearer: dict[str, str]) -> None:
    response = case.call(headers=bearer)
    SENT.append((case.operation.label, response.status_code))
    case.validate_response(
        response,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
        additional_checks=[problem_json_errors],
    )


@pytest.fixture(scope="module", autouse=True)
def report() -> Any:
    yield
    if SENT:
        errors = sum(1 for _label, status in SENT if status >= 500)
        operations = len({label for label, _status in SENT})
        print(
            f"\nschemathesis: {len(SENT)} requests over {operations} operations, "
            f"{errors} answered 5xx"
        )

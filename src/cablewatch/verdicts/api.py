"""POST /api/v1/judge: one sample in, one verdict out, exactly as `cablewatch judge`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router

from cablewatch.api.problems import body_problem, problem
from cablewatch.lib import jsonin
from cablewatch.standards import judge

PREFIX = ""
router = Router(tags=["standards"])

SAMPLE_SCHEMA = {
    "type": "object",
    "required": ["designation"],
    "properties": {
        "id": {"type": "string"},
        "designation": {"type": "string", "example": "BV 450/750V 1×2.5"},
        "measurements": {"type": "object"},
    },
}


@router.post(
    "/judge",
    auth=None,
    summary="Judge one sample against the standards",
    description=(
        "The body is one sample (the input of `cablewatch judge`); the answer is its verdict, "
        "also for bad measurements (`verdict: error` with field-named `errors`). A body that "
        "is not JSON is a problem+json 400. `?lang=en` for English texts. Judging reads no "
        "records, so it needs no token."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": SAMPLE_SCHEMA}},
        }
    },
)
def judge_sample(request: HttpRequest, lang: str = "zh") -> HttpResponse:
    if lang not in ("zh", "en"):
        return problem(
            400,
            "Invalid input",
            "lang: must be zh or en",
            kind="validation-error",
            errors=[{"field": "lang", "reason": "must be zh or en"}],
        )
    try:
        sample: Any = jsonin.loads(request.body)
    except jsonin.JsonInputError as exc:
        return body_problem(exc)
    return JsonResponse(judge(sample, lang=lang), json_dumps_params={"ensure_ascii": False})

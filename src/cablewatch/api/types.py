"""Types for the API's parameters and bodies that keep input within what the database
and the schema can hold: integers of 64 bits, finite bounded numbers, enums with a
name of their own in the OpenAPI document."""

from __future__ import annotations

import enum
import re
from typing import Annotated, Any, TypeVar

from django.db.models import QuerySet, TextChoices
from ninja import Field

from cablewatch.api.problems import InvalidInputError

Q = TypeVar("Q", bound=QuerySet[Any])

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

# Every integer a client sends (ids, filters, page marks): beyond 64 bits SQLite raises
# OverflowError and PostgreSQL "out of range"; refused here with the field named.
Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]


def api_enum(name: str, choices: type[TextChoices]) -> type[enum.StrEnum]:
    """The choices as an enum called `name` in the schema. Models name their choices
    Kind and Status, and the schema would merge every `Kind` into one component, so a
    generated client would send one model's values to another's field."""
    return enum.StrEnum(name, {member.name: member.value for member in choices})  # type: ignore[return-value]


class InvalidDivisionError(InvalidInputError):
    def __init__(self, message: str) -> None:
        super().__init__(message, field="division")


def division_filter(rows: Q, field: str, division: str) -> Q:
    """`?division=` of the API: records of `rows` whose `field` lies within the division.

    Takes a GB/T 2260 code or its first 2 or 4 digits (the province or city of that code);
    the containment itself is the one region rule, `in_region`."""
    from cablewatch.base.models import Division
    from cablewatch.base.models.regions import in_region, is_division_code

    code = division.ljust(6, "0") if re.fullmatch(r"\d{2}|\d{4}", division) else division
    if not is_division_code(code):
        raise InvalidDivisionError("a six-digit division code, or its first 2 or 4 digits")
    if not Division.objects.filter(code=code).exists():
        raise InvalidDivisionError("unknown division code")
    filtered: Q = rows.filter(in_region(field, code))
    return filtered

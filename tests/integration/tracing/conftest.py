from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation

from cablewatch.base.models import Division
from cablewatch.tracing.models import Project


@pytest.fixture
def make_project(db: None) -> Callable[..., Project]:
    def build(name: str, division: str = "610112", **extra: Any) -> Project:
        return Project.objects.create(
            name=name, code=name, division=Division.objects.get(code=division), **extra
        )

    return build


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Reasons are checked in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield

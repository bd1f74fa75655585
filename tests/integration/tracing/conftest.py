from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from cablewatch.base.models import Division
from cablewatch.tracing.models import Project


@pytest.fixture
def make_project(db: None) -> Callable[..., Project]:
    def build(name: str, division: str = "610112", **extra: Any) -> Project:
        return Project.objects.create(
            name=name, code=name, division=Division.objects.get(code=division), **extra
        )

    return build

"""Property: whatever valid sequence of movements, every metre is held or installed."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablewatch.base.errors import DomainError
from cablewatch.tracing.models import Holding, Installation
from cablewatch.tracing.services import flow

pytestmark = pytest.mark.django_db
RUNS = itertools.count()
WHEN = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)

step = st.tuples(
    st.sampled_from(["ship", "install"]),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(1, 400),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, max_size=12), length=st.integers(1, 1000))
def test_held_plus_installed_is_the_made_length(
    steps: list[tuple[str, int, int, int]], length: int
) -> None:
    run = next(RUNS)
    parties = [flow.party_for(f"urn:p:{run}:{i}") for i in range(4)]
    batch = flow.commission(
        class_id=f"urn:b:{run}", maker=parties[0], length_m=length, moved_at=WHEN
    )
    place = flow.location_for(f"urn:loc:{run}")
    for kind, src, dst, metres in steps:
        try:
            if kind == "ship":
                flow.ship(
                    batch=batch,
                    from_party=parties[src],
                    to_party=parties[dst],
                    length_m=metres,
                    moved_at=WHEN,
                )
            else:
                flow.install(
                    batch=batch,
                    from_party=parties[src],
                    location=place,
                    length_m=metres,
                    moved_at=WHEN,
                )
        except DomainError:
            pass
    held = Holding.objects.filter(batch=batch).aggregate(t=Sum("balance_m"))["t"] or 0
    installed = Installation.objects.filter(batch=batch).aggregate(t=Sum("length_m"))["t"] or 0
    assert Decimal(held) + Decimal(installed) == Decimal(length)
    assert not Holding.objects.filter(batch=batch, balance_m__lt=0).exists()

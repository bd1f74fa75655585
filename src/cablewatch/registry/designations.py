"""The one place where the registry asks the standards engine about a designation."""

from __future__ import annotations

from typing import Any


def parse_for_registry(designation: str) -> tuple[str, dict[str, Any] | None]:
    try:
        from cablewatch import standards
    except ImportError:  # the engine is optional for the registry to work
        return "", None
    try:
        parsed = standards.parse_designation(designation)
    except standards.StandardsError:
        return "", None
    data = parsed.to_dict()
    return str(data.get("family", "")), data

"""The one place where the registry asks the standards engine about a designation."""

from __future__ import annotations

from typing import Any

from cablewatch import standards


def parse_for_registry(designation: str) -> tuple[str, dict[str, Any] | None]:
    try:
        parsed = standards.parse_designation(designation)
    except standards.StandardsError:
        return "", None
    data = parsed.to_json()
    return str(data.get("family", "")), data

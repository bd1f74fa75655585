from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """`{{ values|get_item:name }}`: a value by a computed key (None when absent)."""
    if mapping is None or not hasattr(mapping, "get"):
        return ""
    return mapping.get(key, "")

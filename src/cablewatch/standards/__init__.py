"""CableWatch standards engine: designations, requirement tables and verdicts.

Pure Python (stdlib only, no Django). See README.md in this package for the data
sources and their confidence.
"""

from __future__ import annotations

from .designation import format_designation, parse_designation
from .errors import DesignationError, SchemeError, StandardsError
from .judge import judge
from .model import Armour, Compound, ConductorMaterial, CoreGroup, Designation, FlameClass
from .resistance import correct_resistance_to_20c
from .rules import ItemKind, ItemSpec, Limit
from .severity import Severity, SeverityScheme, default_scheme, load_severity_scheme
from .worklist import required_items

__all__ = [
    "Armour",
    "Compound",
    "ConductorMaterial",
    "CoreGroup",
    "Designation",
    "DesignationError",
    "FlameClass",
    "ItemKind",
    "ItemSpec",
    "Limit",
    "SchemeError",
    "Severity",
    "SeverityScheme",
    "StandardsError",
    "correct_resistance_to_20c",
    "default_scheme",
    "format_designation",
    "judge",
    "load_severity_scheme",
    "parse_designation",
    "required_items",
]

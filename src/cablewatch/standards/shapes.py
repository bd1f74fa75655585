"""Fast acceptance of well-formed measurements (the batch hot path).

``accept`` reads the common, fully valid shapes into plain dicts and raises ``Unusual`` at
the first thing it is not sure about; the caller then takes the full validation of
measurements.py, which words the precise field-named problems. So this module never has
to describe an error, only to accept exactly what the full validation accepts without a
problem, and to read it into the same numbers.
"""

from __future__ import annotations

from typing import cast

from .measurements import NUMBER_KEYS, OBJECT_KEYS, PASS_FAIL_KEYS, PASS_WORDS, UNITS
from .resistance import MAX_TEMPERATURE_C, MIN_TEMPERATURE_C

_INF = float("inf")

# One reading: its cross-section (None for the whole cable) and its named values.
Reading = tuple[float | None, dict[str, float]]


class Unusual(Exception):  # noqa: N818 (a signal to take the full path, not an error)
    """The input is not a plain well-formed shape: validate it the full way."""


class Accepted:
    """Measurements read by ``accept``: the content of measurements.Validated.

    ``readings`` maps a measurement to its values for the whole cable (a dict; a lone
    number such as the elongation is ``{"value": number}``, as judge.py reads it) or to
    its per-section list.
    """

    __slots__ = ("outcomes", "readings")

    def __init__(self) -> None:
        self.outcomes: dict[str, str] = {}
        self.readings: dict[str, dict[str, float] | list[Reading]] = {}


_EMPTY = Accepted()
# measurement -> (names of values >= 0, required names, unit spellings, may be a list,
# takes a temperature_c)
_OBJECTS = {
    key: (
        (required | optional) - {"temperature_c"},
        required,
        UNITS[unit],
        listable,
        "temperature_c" in optional,
    )
    for key, (required, optional, unit, listable) in OBJECT_KEYS.items()
}
_MEAN_OR_MIN = frozenset(("mean", "min"))
_PASS_FAIL, _OBJECT, _NUMBER = "pass_fail", "object", "number"
_KINDS = (
    dict.fromkeys(PASS_FAIL_KEYS, _PASS_FAIL)
    | dict.fromkeys(OBJECT_KEYS, _OBJECT)
    | dict.fromkeys(NUMBER_KEYS, _NUMBER)
)


def non_negative(value: object) -> float:
    """A finite JSON number ≥ 0 (not a bool) as float, as measurements.py reads it."""
    if type(value) is float:
        if 0.0 <= value < _INF:
            return value
    elif type(value) is int and value >= 0:
        return float(value)  # OverflowError for a huge int: the full path words it
    raise Unusual


def _temperature(value: object) -> float:
    if (type(value) is float or type(value) is int) and (
        MIN_TEMPERATURE_C <= value <= MAX_TEMPERATURE_C
    ):
        return float(value)
    raise Unusual


def _object(key: str, raw: dict[str, object], listed: bool) -> Reading:
    plain, required, units, _, takes_temperature = _OBJECTS[key]
    section: float | None = None
    floats = True  # every value is already a float: raw itself serves as the values
    for name, value in raw.items():
        if name in plain:
            if type(value) is not float or not 0.0 <= value < _INF:
                non_negative(value)
                floats = False
        elif name == "temperature_c" and takes_temperature:
            _temperature(value)
            floats = floats and type(value) is float
        elif name == "unit":
            if value not in units:
                raise Unusual
        elif name == "section_mm2" and listed:
            section = non_negative(value)
        else:
            raise Unusual
    names = raw.keys()
    if not required <= names or (not required and not _MEAN_OR_MIN & names):
        raise Unusual
    # checks read only the named values, so a unit or section_mm2 left in does no harm
    values = cast("dict[str, float]", raw) if floats else _as_floats(raw)
    if (listed and section is None) or values.get("min", 0.0) > values.get("mean", _INF):
        raise Unusual
    return section, values


def _as_floats(raw: dict[str, object]) -> dict[str, float]:
    return {
        name: float(value)  # type: ignore[arg-type]
        for name, value in raw.items()
        if name not in ("unit", "section_mm2")
    }


def _listed(key: str, raw: list[object], sections: tuple[float, ...]) -> list[Reading]:
    readings: list[Reading] = []
    seen: set[float | None] = set()
    for element in raw:
        if type(element) is not dict:
            raise Unusual
        reading = _object(key, element, listed=True)
        if reading[0] not in sections or reading[0] in seen:
            raise Unusual
        seen.add(reading[0])
        readings.append(reading)
    return readings


def _readings(
    key: str, raw: object, sections: tuple[float, ...]
) -> dict[str, float] | list[Reading]:
    listable = _OBJECTS[key][3]
    if type(raw) is dict and not (listable and len(sections) > 1):
        return _object(key, raw, listed=False)[1]
    if listable and type(raw) is list and raw:
        return _listed(key, raw, sections)
    raise Unusual


def accept(raw: object, sections: tuple[float, ...]) -> Accepted:
    """Read well-formed measurements of a cable with these cross-sections, or raise Unusual."""
    if raw is None:
        return _EMPTY
    if type(raw) is not dict:
        raise Unusual
    out = Accepted()
    for key, value in raw.items():
        kind = _KINDS.get(key)
        if value is None:
            continue  # an absent measurement, as measurements.py takes it
        if kind is _PASS_FAIL:
            outcome = PASS_WORDS.get(value) if type(value) is str else None
            if outcome is None:
                raise Unusual
            out.outcomes[key] = outcome
        elif kind is _OBJECT:
            out.readings[key] = _readings(key, value, sections)
        elif kind is _NUMBER:
            out.readings[key] = {"value": non_negative(value)}
        else:
            raise Unusual
    return out

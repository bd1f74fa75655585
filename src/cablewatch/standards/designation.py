"""Reading and writing model designations such as ``ZC-YJV22-0.6/1kV 3x95+1x50``.

The grammar (reference §4):
``[prefix-]family[armour digits] [-] [U0/U] coresxsection[+coresxsection] [mm²]``
or the GB/T 5023 form ``[prefix-]60227 IEC 01(BV) 450/750V 1x2.5``.
Text is normalised one character for one character (full-width forms, x, dashes,
case) so that error positions index the text exactly as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ._data import load_json
from .errors import DesignationError
from .families import FamilySpec, armour_digits, families, iec_types, outer_digits
from .model import (
    MAX_CORES,
    STANDARD_SECTIONS_MM2,
    TIMES,
    Armour,
    Compound,
    CoreGroup,
    Designation,
    FlameClass,
    format_number,
)


def _translation_table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0).upper() for code in range(0xFF01, 0xFF5F)}
    table.update({code: chr(code).upper() for code in range(ord("a"), ord("z") + 1)})
    for char in TIMES + "\u2715\u2716\u2573":
        table[ord(char)] = "X"
    for char in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d":
        table[ord(char)] = "-"
    table[0x33A1] = "2"  # ㎡ (as in "2.5m㎡"): read as the 2 of mm2
    table[0x3000] = " "
    table[ord("\t")] = " "
    return table


_NORMALISE = _translation_table()
_ARMOUR_DIGITS = 2
_MAX_VOLTS = 1_000_000
_VOLTS_PER_KV = 1000
# an unlabelled U below this is in kV (0.6/1, 8.7/15), at or above it in V (450/750)
_BARE_KV_BELOW = 100
_NUMBER = r"\d+(?:\.\d+)?"
_PREFIX = re.compile(r"(?P<wd>WD)?(?P<z>ZR[ABC]?|Z[ABCD]?)?(?P<n>NH|N)?")
_IEC = re.compile(r"(?:60227|227) *IEC *(?P<type>\d\d)(?: *\( *(?P<family>[A-Z]*) *\))?")
_LETTERS = re.compile(r"[A-Z]+")
# U0/U with an optional highest voltage Um in brackets: 0.6/1(1.2)kV
_VOLTAGE_PAIR = re.compile(
    rf"(?P<u0>{_NUMBER}) *(?P<u0unit>KV|V)? */ *(?P<u>{_NUMBER})"
    rf"(?: *\( *{_NUMBER} *\))? *(?P<unit>KV|V)?(?![A-Z])"
)
_VOLTAGE_SINGLE = re.compile(rf"(?P<u>{_NUMBER}) *(?P<unit>KV|V)(?![A-Z])")
# a bare rated voltage in kV before the size, as in "JKLYJ-10 1x240": only the ratings
# GB/T 12706 / 14049 / 12527 use, so that a bare size ("BV 2.5 450/750V") is not read as one
_BARE_KV = re.compile(r"(?P<u>1|3|6|10|15|20|35)(?= +\d)")
# G counts the cores including the green-yellow one: 3G1.5 = 3 cores of 1.5 mm²
_GROUP = re.compile(rf"(?P<count>\d+) *[X*G] *(?P<section>{_NUMBER})(?: *M?M[2²])?")
_SINGLE = re.compile(rf"(?P<section>{_NUMBER})(?: *M?M[2²])?(?![0-9.])")
_PLUS = re.compile(r" *\+ *")
_SEPARATORS = re.compile(r"[ \-]*")
_SPACES = re.compile(r" *")


@dataclass(frozen=True)
class _Head:
    family: FamilySpec
    armour_digits: str | None
    iec_type: str | None


@dataclass
class _Prefix:
    low_smoke_halogen_free: bool = False
    flame: FlameClass | None = None
    fire_resistant: bool = False


class _Reader:
    """A cursor over the normalised text that raises positioned errors."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original.translate(_NORMALISE)
        self.pos = 0

    def fail(self, expected_en: str, expected_zh: str, pos: int | None = None) -> DesignationError:
        where = self.pos if pos is None else pos
        return DesignationError(self.original, where, expected_en, expected_zh)

    def match(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        found = pattern.match(self.text, self.pos)
        if found:
            self.pos = found.end()
        return found

    def skip(self, pattern: re.Pattern[str] = _SEPARATORS) -> None:
        self.pos = pattern.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def at_end(self) -> bool:
        return self.text[self.pos :].strip() == ""


def _read_prefixes(reader: _Reader) -> _Prefix:
    prefix = _Prefix()
    while True:
        found = _PREFIX.match(reader.text, reader.pos)
        if found is None or found.end() == reader.pos:
            return prefix
        after = found.end()
        while after < len(reader.text) and reader.text[after] == " ":
            after += 1
        if after >= len(reader.text) or reader.text[after] != "-":
            return prefix
        _merge_prefix(reader, prefix, found)
        reader.pos = after + 1
        reader.skip(_SPACES)


def _merge_prefix(reader: _Reader, prefix: _Prefix, found: re.Match[str]) -> None:
    if found["z"]:
        if prefix.flame is not None:
            raise reader.fail(
                "at most one flame-retardant mark", "至多一个阻燃标记", found.start("z")
            )
        prefix.flame = FlameClass(found["z"])
    prefix.low_smoke_halogen_free |= bool(found["wd"])
    prefix.fire_resistant |= bool(found["n"])


def _read_family(reader: _Reader) -> _Head:
    """Returns the family, the armour digit and the outer-covering digit."""
    iec = reader.match(_IEC)
    if iec:
        return _Head(_iec_family(reader, iec), None, iec["type"])
    start = reader.pos
    letters = reader.match(_LETTERS)
    known = families()
    if letters is None or letters[0] not in known:
        raise reader.fail(
            "a known model family (" + ", ".join(known) + ")",
            "已知型号 (" + "、".join(known) + ")",
            start,
        )
    spec = known[letters[0]]
    digits = reader.text[reader.pos : reader.pos + 2]
    if reader.pos < len(reader.text) and reader.text[reader.pos].isdigit():
        _check_armour_digits(reader, spec, digits)
        reader.pos += 2
        return _Head(spec, digits, None)
    return _Head(spec, None, None)


def _check_armour_digits(reader: _Reader, spec: FamilySpec, digits: str) -> None:
    valid = (
        spec.armourable
        and len(digits) == _ARMOUR_DIGITS
        and digits[0] in armour_digits()
        and digits[1] in outer_digits()
        and not reader.text[reader.pos + 2 : reader.pos + 3].isdigit()
    )
    if not valid:
        raise reader.fail(
            "armour digits such as 22, 23, 32, 33 or a separator after the model",
            "铠装代号(如 22、23、32、33)或型号后的分隔符",
        )


def _iec_family(reader: _Reader, iec: re.Match[str]) -> FamilySpec:
    known_types = iec_types()
    if iec["type"] not in known_types:
        raise reader.fail(
            "a supported 60227 type (" + ", ".join(known_types) + ")",
            "支持的 60227 型号代码 (" + "、".join(known_types) + ")",
            iec.start("type"),
        )
    allowed = known_types[iec["type"]][0]
    family = iec["family"] or allowed[0]
    if family not in allowed:
        raise reader.fail(
            f"the model for 60227 IEC {iec['type']}: " + " or ".join(allowed),
            f"60227 IEC {iec['type']} 对应的型号: " + "或".join(allowed),
            iec.start("family"),
        )
    return families()[family]


def _to_volts(reader: _Reader, number: str, unit: str | None, pos: int) -> int:
    try:
        volts = Decimal(number) * (_VOLTS_PER_KV if unit == "KV" else 1)
    except InvalidOperation:  # pragma: no cover - the regex admits only plain numbers
        volts = Decimal(0)
    if volts <= 0 or volts != volts.to_integral_value() or volts > _MAX_VOLTS:
        raise reader.fail("a rated voltage in whole volts", "以伏为整数的额定电压", pos)
    return int(volts)


def _read_voltage(reader: _Reader) -> tuple[int | None, int] | None:
    pair = reader.match(_VOLTAGE_PAIR)
    if pair:
        unit = pair["unit"] or ("KV" if Decimal(pair["u"]) < _BARE_KV_BELOW else "V")
        u0 = _to_volts(reader, pair["u0"], pair["u0unit"] or unit, pair.start("u0"))
        u = _to_volts(reader, pair["u"], unit, pair.start("u"))
        if u0 > u:
            raise reader.fail("U0 not above U in U0/U", "U0/U 中 U0 不大于 U", pair.start("u0"))
        return u0, u
    single = reader.match(_VOLTAGE_SINGLE) or reader.match(_BARE_KV)
    if single:
        unit = single.groupdict().get("unit") or "KV"
        return None, _to_volts(reader, single["u"], unit, single.start("u"))
    return None


def _section(reader: _Reader, found: re.Match[str]) -> float:
    section = float(found["section"])
    if section not in STANDARD_SECTIONS_MM2:
        raise reader.fail(
            "a standard cross-section in mm² (GB/T 3956: 0.5, 0.75, 1, 1.5, 2.5, 4, 6, 10 ...)",
            "GB/T 3956 规定的标称截面 (0.5、0.75、1、1.5、2.5、4、6、10 …)",
            found.start("section"),
        )
    return section


def _read_cores(reader: _Reader) -> tuple[CoreGroup, ...]:
    groups: list[CoreGroup] = []
    while True:
        found = reader.match(_GROUP)
        if found is None:
            break
        count = int(found["count"])
        if not 1 <= count <= MAX_CORES:
            raise reader.fail(f"a core count 1..{MAX_CORES}", f"芯数 1..{MAX_CORES}", found.start())
        groups.append(CoreGroup(count, _section(reader, found)))
        if not reader.match(_PLUS):
            return tuple(groups)
    if groups:
        raise reader.fail("cores x section after '+'", "'+' 后的 芯数x截面")
    single = reader.match(_SINGLE)
    if single is None:
        raise reader.fail("cores x section such as 3x95+1x50", "芯数x截面, 如 3x95+1x50")
    return (CoreGroup(1, _section(reader, single)),)


def _resolve_voltage(
    reader: _Reader,
    head: _Head,
    stated: tuple[int | None, int] | None,
    pos: int,
) -> tuple[int | None, int]:
    spec, iec_type = head.family, head.iec_type
    implied = iec_types()[iec_type][1] if iec_type else spec.default_voltage
    if stated is None:
        if implied is None:
            raise reader.fail(
                f"a rated voltage U0/U (e.g. 0.6/1kV): {spec.code} implies none",
                f"额定电压 U0/U (如 0.6/1kV): {spec.code} 无默认电压",
                pos,
            )
        return implied
    if stated[0] is None:
        stated = (u0_when_only_u(spec, stated[1]), stated[1])
    if iec_type and implied is not None and stated != implied:
        raise reader.fail(
            f"{implied[0]}/{implied[1]}V for 60227 IEC {iec_type}",
            f"60227 IEC {iec_type} 的额定电压 {implied[0]}/{implied[1]}V",
        )
    return stated


def _build(
    head: _Head, prefix: _Prefix, voltage: tuple[int | None, int], cores: tuple[CoreGroup, ...]
) -> Designation:
    spec, digits = head.family, head.armour_digits
    armour: Armour | None = armour_digits()[digits[0]] if digits else None
    sheath: Compound | None = outer_digits()[digits[1]] if digits else spec.sheath
    return Designation(
        family=spec.code + (digits or ""),
        conductor_material=spec.material,
        conductor_class=spec.conductor_class(max(group.section_mm2 for group in cores)),
        insulation=spec.insulation,
        sheath=sheath,
        armour=armour,
        flame_retardant=prefix.flame,
        low_smoke_halogen_free=prefix.low_smoke_halogen_free,
        fire_resistant=prefix.fire_resistant,
        u0_v=voltage[0],
        u_v=voltage[1],
        cores=cores,
        iec_type=head.iec_type,
    )


def u0_when_only_u(spec: FamilySpec, u_v: int) -> int | None:
    """U0 for a power or overhead cable written with U alone: 1 kV is 0.6/1 kV, 3 kV 1.8/3 kV."""
    rule = load_json("families.json")["u0_when_only_u"]
    if spec.category not in rule["categories"]:
        return None
    found = rule["u0_by_u"].get(str(u_v))
    return int(found) if found is not None else None


def _size_and_voltage(
    reader: _Reader,
) -> tuple[tuple[int | None, int] | None, tuple[CoreGroup, ...], int]:
    """Voltage then size, or size then voltage ("BV 2.5mm² 450/750V"); the voltage's position."""
    voltage_pos = reader.pos
    stated = _read_voltage(reader)
    if stated is not None:
        reader.skip()
        return stated, _read_cores(reader), voltage_pos
    cores = _read_cores(reader)
    reader.skip()
    voltage_pos = reader.pos if reader.pos < len(reader.text.rstrip()) else voltage_pos
    return _read_voltage(reader), cores, voltage_pos


@lru_cache(maxsize=4096)
def parse_designation(text: str) -> Designation:
    """Parse a designation as written on products and in announcements.

    Raises DesignationError naming the 0-based position and what was expected there.
    """
    if not isinstance(text, str):
        raise DesignationError(repr(text), 0, "a designation string", "型号字符串")
    reader = _Reader(text)
    reader.skip(_SPACES)
    prefix = _read_prefixes(reader)
    if (
        reader.pos < len(reader.text)
        and reader.text[reader.pos].isdigit()
        and not _IEC.match(reader.text, reader.pos)
    ):
        # the family last: "300/500V 2x2.5 BVVB"
        stated, cores, voltage_pos = _size_and_voltage(reader)
        reader.skip()
        head = _read_family(reader)
    else:
        head = _read_family(reader)
        reader.skip()
        stated, cores, voltage_pos = _size_and_voltage(reader)
    voltage = _resolve_voltage(reader, head, stated, voltage_pos)
    reader.skip(_SPACES)
    if not reader.at_end():
        raise reader.fail("the end of the designation", "型号结束")
    return _build(head, prefix, voltage, cores)


def _format_voltage(u0_v: int | None, u_v: int) -> str:
    if u_v >= _VOLTS_PER_KV:
        u_text = format_number(u_v / _VOLTS_PER_KV)
        return f"{format_number(u0_v / _VOLTS_PER_KV)}/{u_text}kV" if u0_v else f"{u_text}kV"
    return f"{u0_v}/{u_v}V" if u0_v else f"{u_v}V"


def format_designation(designation: Designation) -> str:
    """The canonical spelling, e.g. ``ZC-YJV22 0.6/1kV 3x95+1x50``; it parses back equal."""
    prefix = (
        ("WD" if designation.low_smoke_halogen_free else "")
        + (designation.flame_retardant.value if designation.flame_retardant else "")
        + ("N" if designation.fire_resistant else "")
    )
    head = designation.family
    if designation.iec_type:
        head = f"60227 IEC {designation.iec_type}({designation.family})"
    if prefix:
        head = f"{prefix}-{head}"
    cores = "+".join(
        f"{group.count}{TIMES}{format_number(group.section_mm2)}" for group in designation.cores
    )
    return f"{head} {_format_voltage(designation.u0_v, designation.u_v)} {cores}"

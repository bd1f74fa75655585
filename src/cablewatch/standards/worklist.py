"""Builds each required item's requirement from the tables (the lab's work list)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .designation import parse_designation
from .model import EN_DASH, MINUS, TIMES, Designation, format_number
from .rules import (
    LABELS,
    Context,
    ItemKind,
    ItemSpec,
    Limit,
    context_for,
    described,
    not_encoded,
    required_item_names,
)
from .tables import (
    Gbt5023Row,
    MinimumRule,
    TableValue,
    compound,
    gbt5023_row,
    gbt12706_insulation,
    max_resistance,
    minimum_rule,
    requirements,
)

_ROUNDING_NOTE = ("(平均值修约到 0.1 mm)", "(mean rounded to 0.1 mm)")


def resistance_item(ctx: Context) -> ItemSpec:
    d = ctx.designation
    limits: list[Limit] = []
    sources: list[tuple[str, str]] = []
    for section in d.sections_mm2:
        found = max_resistance(d.conductor_class, d.conductor_material, section, ctx.coating)
        if found is None:
            return not_encoded(
                "conductor_resistance",
                f"GB/T 3956-2008 (class {d.conductor_class} {d.conductor_material.value} "
                f"{format_number(section)} mm²)",
            )
        limits.append(Limit(section, found.value))
        sources.append((found.clause, found.confidence))
    texts = [f"≤ {format_number(limit.value)} Ω/km" for limit in limits]
    return described("conductor_resistance", ItemKind.RESISTANCE, limits, texts, sources)


def gbt5023_source(ctx: Context) -> str:
    return f"{ctx.standard} (60227 IEC {ctx.iec_type})" if ctx.iec_type else ctx.standard


def _insulation_nominals(ctx: Context) -> tuple[list[TableValue], str, str | None]:
    """Nominal insulation thickness per section, the minimum rule's name, or what is missing."""
    d = ctx.designation
    if ctx.family.tables == "gbt5023" and ctx.iec_type:
        rows = [
            gbt5023_row(ctx.iec_type, d.total_cores, s, d.conductor_class) for s in d.sections_mm2
        ]
        if all(rows) and len(d.cores) == 1:
            values = [
                TableValue(r.insulation_tn, r.clause, r.thickness_confidence) for r in rows if r
            ]
            return values, "gbt5023_insulation", None
        return [], "", gbt5023_source(ctx)
    if ctx.family.tables == "gbt12706" and d.voltage_key == "600/1000":
        found = [gbt12706_insulation(d.insulation.value, s) for s in d.sections_mm2]
        if all(found):
            return [f for f in found if f], "gbt12706_insulation", None
    return [], "", ctx.standard


def insulation_mean_item(ctx: Context) -> ItemSpec:
    nominals, _, missing = _insulation_nominals(ctx)
    if missing is not None:
        return not_encoded("insulation_thickness_mean", missing)
    return _mean_item("insulation_thickness_mean", ctx, nominals)


def _mean_item(item: str, ctx: Context, nominals: list[TableValue]) -> ItemSpec:
    sections: list[float | None] = list(ctx.designation.sections_mm2)
    if item.startswith("sheath"):
        sections = [None]
    limits = [Limit(s, n.value) for s, n in zip(sections, nominals, strict=True)]
    texts = [f"≥ {format_number(n.value)} mm" for n in nominals]
    spec = described(item, ItemKind.MEAN_THICKNESS, limits, texts, _sources(nominals))
    return _with_suffix(spec, *_ROUNDING_NOTE)


def _with_suffix(spec: ItemSpec, zh: str, en: str) -> ItemSpec:
    return ItemSpec(
        item=spec.item,
        kind=spec.kind,
        requirement=f"{spec.requirement} {zh}",
        requirement_en=f"{spec.requirement_en} {en}",
        clause=spec.clause,
        confidence=spec.confidence,
        limits=spec.limits,
        missing_standard=spec.missing_standard,
        bound_only=spec.bound_only,
    )


def _sources(values: list[TableValue], rule: MinimumRule | None = None) -> list[tuple[str, str]]:
    sources = [(v.clause, v.confidence) for v in values]
    return sources + ([(rule.clause, rule.confidence)] if rule else [])


def _min_item(item: str, ctx: Context, nominals: list[TableValue], rule: MinimumRule) -> ItemSpec:
    sections: list[float | None] = list(ctx.designation.sections_mm2)
    if item.startswith("sheath"):
        sections = [None]
    limits = [Limit(s, rule.minimum_for(n.value)) for s, n in zip(sections, nominals, strict=True)]
    texts = [
        f"≥ {format_number(limit.value)} mm "
        f"({rule.factor} {TIMES} {format_number(n.value)} {MINUS} {rule.offset})"
        for limit, n in zip(limits, nominals, strict=True)
    ]
    return described(item, ItemKind.AT_LEAST, limits, texts, _sources(nominals, rule))


def insulation_min_item(ctx: Context) -> ItemSpec:
    nominals, rule_name, missing = _insulation_nominals(ctx)
    if missing is not None:
        return not_encoded("insulation_thickness_min", missing)
    return _min_item("insulation_thickness_min", ctx, nominals, minimum_rule(rule_name))


def _gbt5023_whole_cable_row(ctx: Context) -> Gbt5023Row | None:
    d = ctx.designation
    if ctx.family.tables != "gbt5023" or not ctx.iec_type or len(d.cores) != 1:
        return None
    return gbt5023_row(ctx.iec_type, d.total_cores, d.cores[0].section_mm2, d.conductor_class)


def _sheath_item(item: str, ctx: Context) -> ItemSpec:
    row = _gbt5023_whole_cable_row(ctx)
    if row is not None and row.sheath_tn is not None:
        nominal = [TableValue(row.sheath_tn, row.clause, row.thickness_confidence)]
        if item.endswith("mean"):
            return _mean_item(item, ctx, nominal)
        return _min_item(item, ctx, nominal, minimum_rule("gbt5023_sheath"))
    if ctx.family.tables == "gbt12706" and ctx.designation.voltage_key == "600/1000":
        return _sheath_floor_item(item, ctx)
    return not_encoded(
        item, gbt5023_source(ctx) if ctx.family.tables == "gbt5023" else ctx.standard
    )


def _sheath_floor_item(item: str, ctx: Context) -> ItemSpec:
    """GB/T 12706.1 sheath: only the floor of the nominal (1.4 / 1.8 mm) is encoded."""
    armoured = ctx.designation.armour is not None
    rule = minimum_rule("gbt12706_sheath_armoured" if armoured else "gbt12706_sheath_unarmoured")
    floor = TableValue(float(rule.floor_mm or 0), rule.clause, rule.confidence)
    if item.endswith("mean"):
        spec = _mean_item(item, ctx, [floor])
    else:
        spec = _min_item(item, ctx, [floor], rule)
    missing = f"{ctx.standard} 附录A (fictitious diameter)"
    return ItemSpec(
        item=spec.item,
        kind=spec.kind,
        requirement=f"{spec.requirement} (标称值的下限; 按附录A计算的标称值未编码)",
        requirement_en=f"{spec.requirement_en} (floor of the nominal; Annex A nominal not encoded)",
        clause=spec.clause,
        confidence=spec.confidence,
        limits=spec.limits,
        missing_standard=missing,
        bound_only=True,
    )


def sheath_mean_item(ctx: Context) -> ItemSpec:
    return _sheath_item("sheath_thickness_mean", ctx)


def sheath_min_item(ctx: Context) -> ItemSpec:
    return _sheath_item("sheath_thickness_min", ctx)


def diameter_item(ctx: Context) -> ItemSpec:
    row = _gbt5023_whole_cable_row(ctx)
    if row is None:
        source = gbt5023_source(ctx) if ctx.family.tables == "gbt5023" else ctx.standard
        return not_encoded("overall_diameter_mean", source)
    limit = Limit(None, row.od_lower, row.od_upper)
    text = f"{format_number(row.od_lower)} {EN_DASH} {format_number(row.od_upper)} mm"
    sources = [(row.clause, row.diameter_confidence)]
    return described("overall_diameter_mean", ItemKind.RANGE, [limit], [text], sources)


def _mechanical_item(item: str, key: str, unit: str, ctx: Context) -> ItemSpec:
    found = compound(ctx.family.insulation_compound or "")
    if found is None:
        return not_encoded(item, ctx.standard)
    limit = Limit(None, float(found[key]))
    text = f"≥ {format_number(limit.value)} {unit}"
    sources = [(found["clause"], found["confidence"])]
    return described(item, ItemKind.AT_LEAST, [limit], [text], sources)


def tensile_item(ctx: Context) -> ItemSpec:
    return _mechanical_item("insulation_tensile_strength", "tensile_strength_min", "N/mm²", ctx)


def elongation_item(ctx: Context) -> ItemSpec:
    return _mechanical_item("insulation_elongation", "elongation_min", "%", ctx)


def _pass_fail(item: str, zh: str, en: str, clause: str, confidence: str) -> ItemSpec:
    return ItemSpec(item, ItemKind.PASS_FAIL, zh, en, clause, confidence)


def voltage_item(ctx: Context) -> ItemSpec:
    data = requirements()
    u_v = ctx.designation.u_v
    for test in data["voltage_tests"]:
        voltage_fits = ctx.family.tables != "gbt12706" or ctx.designation.voltage_key == "600/1000"
        if test["tables"] == ctx.family.tables and u_v <= test["max_u_v"] and voltage_fits:
            return _pass_fail(
                "voltage_test", test["zh"], test["en"], test["clause"], test["confidence"]
            )
    generic = data["voltage_test_generic"]
    return _pass_fail(
        "voltage_test", generic["zh"], generic["en"], ctx.standard, generic["confidence"]
    )


def _fixed_text_item(item: str, ctx: Context) -> ItemSpec:
    raw = requirements()["pass_fail_items"][item]
    clause = raw["clause"]
    category = (
        ctx.designation.flame_retardant.bunched_category
        if ctx.designation.flame_retardant
        else None
    )
    if item == "bunched_flame_test" and category:
        clause = requirements()["bunched_clauses"][category]
    zh = raw["zh"].format(cls=category)
    en = raw["en"].format(cls=category)
    return _pass_fail(item, zh, en, clause, raw["confidence"])


_BUILDERS: dict[str, Callable[[Context], ItemSpec]] = {
    "conductor_resistance": resistance_item,
    "insulation_thickness_mean": insulation_mean_item,
    "insulation_thickness_min": insulation_min_item,
    "sheath_thickness_mean": sheath_mean_item,
    "sheath_thickness_min": sheath_min_item,
    "overall_diameter_mean": diameter_item,
    "insulation_tensile_strength": tensile_item,
    "insulation_elongation": elongation_item,
    "voltage_test": voltage_item,
}


@lru_cache(maxsize=4096)
def build_items(
    designation: Designation, rule: str | None = None, coating: str = "plain"
) -> tuple[ItemSpec, ...]:
    """Every required item of a designation by a rule edition (cached: plans reuse it)."""
    ctx = context_for(designation, coating)
    return tuple(
        _BUILDERS[name](ctx) if name in _BUILDERS else _fixed_text_item(name, ctx)
        for name in required_item_names(designation, rule)
    )


def required_items(
    designation: Designation | str, *, rule: str | None = None, coating: str = "plain"
) -> list[ItemSpec]:
    """The lab's work list by a rule edition: each required item with its requirement
    (zh, en) and limits.

    Raises DesignationError for a designation string it cannot read, StandardsError for
    an unknown rule edition.
    """
    if isinstance(designation, str):
        designation = parse_designation(designation)
    return list(build_items(designation, rule, coating))


__all__ = ["LABELS", "build_items", "required_items"]

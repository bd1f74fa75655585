"""Builds each required item's requirement from the tables (the lab's work list)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache, partial

from .coverings import (
    AnnexAGapError,
    CoreInput,
    Coverings,
    annex_a_data,
    coverings,
    sheath_clause,
)
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
    FamilyRow,
    Gbt5023Row,
    MinimumRule,
    TableValue,
    compound_item,
    compound_not_applicable,
    compound_standard,
    conductor_structure,
    family_resistance,
    family_row,
    gbt5023_row,
    gbt12706_insulation,
    max_resistance,
    minimum_rule,
    mv_insulation,
    requirements,
    sheath_compound,
)

_GBT12706_1_VOLTAGES = frozenset(("600/1000", "1800/3000"))
_ROUNDING_NOTE = ("(平均值修约到 0.1 mm)", "(mean rounded to 0.1 mm)")


def resistance_item(ctx: Context) -> ItemSpec:
    d = ctx.designation
    limits: list[Limit] = []
    sources: list[tuple[str, str]] = []
    for section in d.sections_mm2:
        found = max_resistance(
            d.conductor_class, d.conductor_material, section, ctx.coating
        ) or family_resistance(
            ctx.family.code, d.conductor_class, d.conductor_material, section, ctx.coating
        )
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


def _family_rows(ctx: Context) -> list[FamilyRow] | None:
    """The family's own table rows for every section (data/family_types.csv), or None."""
    d = ctx.designation
    rows = [family_row(ctx.family.code, d.voltage_key, d.total_cores, s) for s in d.sections_mm2]
    return [r for r in rows if r] if all(rows) else None


def _insulation_nominals(ctx: Context) -> tuple[list[TableValue], str, str | None]:
    """Nominal insulation thickness per section, the minimum rule's name, or what is missing."""
    d = ctx.designation
    own = _family_rows(ctx)
    if ctx.family.tables == "gbt5023" and ctx.iec_type:
        rows = [
            gbt5023_row(ctx.iec_type, d.total_cores, s, d.conductor_class) for s in d.sections_mm2
        ]
        if all(rows) and len(d.cores) == 1:
            values = [
                TableValue(r.insulation_tn, r.clause, r.thickness_confidence) for r in rows if r
            ]
            return values, "gbt5023_insulation", None
        if own is None:
            return [], "", gbt5023_source(ctx)
    if ctx.family.tables == "gbt12706" and d.voltage_key in _GBT12706_1_VOLTAGES:
        found = [gbt12706_insulation(d.insulation.value, s, d.voltage_key) for s in d.sections_mm2]
        if all(found):
            return [f for f in found if f], "gbt12706_insulation", None
    if ctx.family.tables == "gbt12706":
        medium = [mv_insulation(d.insulation.value, d.voltage_key, s) for s in d.sections_mm2]
        if all(medium):
            return [f for f in medium if f], "gbt12706_insulation", None
    if own is not None:
        values = [TableValue(r.insulation_tn, r.clause, r.thickness_confidence) for r in own]
        return values, own[0].insulation_min_rule, None
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


def _whole_cable_family_row(ctx: Context) -> FamilyRow | None:
    d = ctx.designation
    if len(d.cores) != 1:
        return None
    return family_row(ctx.family.code, d.voltage_key, d.total_cores, d.cores[0].section_mm2)


def _table_sheath(ctx: Context) -> TableValue | None:
    """The sheath nominal of a GB/T 5023 type table or of the family's own table, or None."""
    row = _gbt5023_whole_cable_row(ctx)
    if row is not None and row.sheath_tn is not None:
        return TableValue(row.sheath_tn, row.clause, row.thickness_confidence)
    own = _whole_cable_family_row(ctx)
    if own is not None and own.sheath_tn is not None:
        return TableValue(own.sheath_tn, own.clause, own.thickness_confidence)
    return None


def _sheath_item(item: str, ctx: Context) -> ItemSpec:
    nominal = _table_sheath(ctx)
    if nominal is not None:
        if item.endswith("mean"):
            return _mean_item(item, ctx, [nominal])
        return _min_item(item, ctx, [nominal], minimum_rule("gbt5023_sheath"))
    if ctx.family.tables == "gbt12706" and ctx.designation.voltage_key == "600/1000":
        found = annex_a(ctx)
        if isinstance(found, Coverings):
            return _annex_a_sheath_item(item, found)
        return _sheath_floor_item(item, ctx, found)
    return not_encoded(
        item, gbt5023_source(ctx) if ctx.family.tables == "gbt5023" else ctx.standard
    )


def annex_a(ctx: Context) -> Coverings | str:
    """The Annex A coverings of an unscreened 0.6/1 kV power cable, or what is missing."""
    d = ctx.designation
    groups: list[CoreInput] = []
    for group in d.cores:
        nominal = gbt12706_insulation(d.insulation.value, group.section_mm2, d.voltage_key)
        if nominal is None:
            return (
                f"{ctx.standard} ({d.insulation.value} {format_number(group.section_mm2)} mm² "
                "insulation)"
            )
        groups.append(CoreInput(group.count, group.section_mm2, Decimal(repr(nominal.value))))
    try:
        return coverings(groups, armour=d.armour)
    except AnnexAGapError as gap:
        return f"{ctx.standard} 附录A: {gap}"


_ARMOUR_ITEMS = {"armour_tape_thickness": "tape", "armour_wire_diameter": "wire"}


def armour_item(item: str, ctx: Context) -> ItemSpec | None:
    """Smallest armour tape thickness or wire diameter against the Annex A nominal.

    None (off the work list) for an unarmoured cable or the other armour kind.
    """
    d = ctx.designation
    if d.armour is None:
        return None
    found = (
        annex_a(ctx) if ctx.family.tables == "gbt12706" and d.voltage_key == "600/1000" else None
    )
    if not isinstance(found, Coverings) or found.armour is None:
        return not_encoded(item, f"{ctx.standard} (armour)")
    if found.armour.kind != _ARMOUR_ITEMS[item]:
        return None
    rule = annex_a_data()["armour"]["measured_minimum"][found.armour.kind]
    factor = Decimal(rule["factor"])
    minimum = float(factor * found.armour.nominal)
    nominal = format_number(float(found.armour.nominal))
    under = format_number(float(found.armour.under))
    text = f"≥ {format_number(minimum)} mm ({factor} {TIMES} {nominal})"
    spec = described(
        item,
        ItemKind.AT_LEAST,
        [Limit(None, minimum)],
        [text],
        [(rule["clause"], rule["confidence"])],
    )
    return _with_suffix(
        spec,
        f"(附录A: D_A = {under} mm, 标称 {nominal} mm)",
        f"(Annex A: D_A = {under} mm, nominal {nominal} mm)",
    )


def inner_covering_item(ctx: Context) -> ItemSpec | None:
    """Inner covering: the approximate thickness is computed; no minimum rule is sourced."""
    d = ctx.designation
    if d.total_cores <= 1 and d.armour is None:
        return None
    found = (
        annex_a(ctx) if ctx.family.tables == "gbt12706" and d.voltage_key == "600/1000" else None
    )
    if isinstance(found, Coverings) and found.inner_covering_nominal is not None:
        approx = format_number(float(found.inner_covering_nominal))
        return not_encoded(
            "inner_covering_thickness_min",
            f"{ctx.standard} 内衬层 (approximate {approx} mm; minimum rule not sourced)",
        )
    return not_encoded("inner_covering_thickness_min", f"{ctx.standard} 内衬层")


def _annex_a_text(found: Coverings) -> tuple[str, str]:
    """How the nominal was reached, in both languages."""
    d = format_number(float(found.under_sheath))
    formula = format_number(float(found.sheath_formula))
    floor = format_number(float(found.sheath_floor))
    if found.sheath_formula >= found.sheath_floor:
        return (
            f"附录A: D = {d} mm, 0.035{TIMES}D + 1.0 = {formula} mm",
            f"Annex A: D = {d} mm, 0.035{TIMES}D + 1.0 = {formula} mm",
        )
    return (
        f"附录A: D = {d} mm, 0.035{TIMES}D + 1.0 = {formula} mm, 不小于 {floor} mm",
        f"Annex A: D = {d} mm, 0.035{TIMES}D + 1.0 = {formula} mm, at least {floor} mm",
    )


def _annex_a_sheath_item(item: str, found: Coverings) -> ItemSpec:
    nominal = float(found.sheath_nominal)
    zh_how, en_how = _annex_a_text(found)
    source = [(sheath_clause(), found.confidence)]
    if item.endswith("mean"):
        limit = Limit(None, nominal)
        spec = described(
            item, ItemKind.MEAN_THICKNESS, [limit], [f"≥ {format_number(nominal)} mm"], source
        )
        return _with_suffix(
            spec, f"({zh_how}; 平均值修约到 0.1 mm)", f"({en_how}; mean rounded to 0.1 mm)"
        )
    minimum = float(found.sheath_minimum)
    text = (
        f"≥ {format_number(minimum)} mm "
        f"({found.minimum_factor} {TIMES} {format_number(nominal)} {MINUS} {found.minimum_offset})"
    )
    spec = described(item, ItemKind.AT_LEAST, [Limit(None, minimum)], [text], source)
    return _with_suffix(spec, f"({zh_how})", f"({en_how})")


def _sheath_floor_item(item: str, ctx: Context, missing: str) -> ItemSpec:
    """GB/T 12706.1 sheath when Annex A cannot run: only the floor of the nominal (1.4 / 1.8 mm)."""
    armoured = ctx.designation.armour is not None
    rule = minimum_rule("gbt12706_sheath_armoured" if armoured else "gbt12706_sheath_unarmoured")
    floor = TableValue(float(rule.floor_mm or 0), rule.clause, rule.confidence)
    if item.endswith("mean"):
        spec = _mean_item(item, ctx, [floor])
    else:
        spec = _min_item(item, ctx, [floor], rule)
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
    own = _whole_cable_family_row(ctx)
    if row is None and own is not None and own.od_lower is not None and own.od_upper is not None:
        limit = Limit(None, own.od_lower, own.od_upper)
        text = f"{format_number(own.od_lower)} {EN_DASH} {format_number(own.od_upper)} mm"
        sources = [(own.clause, own.diameter_confidence)]
        return described("overall_diameter_mean", ItemKind.RANGE, [limit], [text], sources)
    if row is None:
        source = gbt5023_source(ctx) if ctx.family.tables == "gbt5023" else ctx.standard
        return not_encoded("overall_diameter_mean", source)
    limit = Limit(None, row.od_lower, row.od_upper)
    text = f"{format_number(row.od_lower)} {EN_DASH} {format_number(row.od_upper)} mm"
    sources = [(row.clause, row.diameter_confidence)]
    spec = described("overall_diameter_mean", ItemKind.RANGE, [limit], [text], sources)
    if row.minor_lower is None or row.minor_upper is None:
        return spec
    # flat cord (RVB): the table gives both dimensions; the item is the major one
    flat = (
        f"{format_number(row.minor_lower)}{TIMES}{format_number(row.od_lower)} {EN_DASH} "
        f"{format_number(row.minor_upper)}{TIMES}{format_number(row.od_upper)} mm"
    )
    return _with_suffix(
        spec,
        f"(扁形: 外形尺寸 {flat}; 此项为长边)",
        f"(flat: {flat}; this item is the major dimension)",
    )


# item -> the compound role it tests, for the requirements of data/compounds.json
COMPOUND_ITEMS: dict[str, str] = {
    "insulation_tensile_strength": "insulation",
    "insulation_elongation": "insulation",
    "insulation_tensile_strength_aged": "insulation",
    "insulation_elongation_aged": "insulation",
    "insulation_tensile_variation": "insulation",
    "insulation_elongation_variation": "insulation",
    "hot_set_elongation_under_load": "insulation",
    "hot_set_permanent_elongation": "insulation",
    "insulation_shrinkage": "insulation",
    "insulation_loss_of_mass": "insulation",
    "insulation_resistance_constant": "insulation",
    "sheath_tensile_strength": "sheath",
    "sheath_elongation": "sheath",
    "sheath_tensile_strength_aged": "sheath",
    "sheath_elongation_aged": "sheath",
    "sheath_tensile_variation": "sheath",
    "sheath_elongation_variation": "sheath",
    "sheath_loss_of_mass": "sheath",
}
_SIGN = {"at_least": "≥", "at_most": "≤", "within": "±"}


def compound_of(ctx: Context, role: str) -> str | None:
    """The insulation compound of the family, or the compound its sheath is held to."""
    if role == "insulation":
        return ctx.family.insulation_compound
    sheath = ctx.designation.sheath
    return sheath_compound(ctx.family.code, ctx.family.category, sheath.value if sheath else None)


def compound_requirement(item: str, ctx: Context) -> ItemSpec | None:
    """A mechanical, ageing, hot-set, shrinkage, loss-of-mass or IR-constant item.

    None (off the work list) when it does not apply: a sheath item of an unsheathed cable,
    or an item the compound's standard does not have (hot set of PVC, loss of mass of XLPE).
    """
    role = COMPOUND_ITEMS[item]
    if role == "sheath" and ctx.designation.sheath is None:
        return None
    name = compound_of(ctx, role)
    found = compound_item(name, item) if name else None
    if found is None and name is not None and compound_not_applicable(name, item):
        return None
    if found is None:
        standard = (compound_standard(name) if name else None) or ctx.standard
        return not_encoded(item, f"{standard} ({name or ctx.family.code})")
    sign = _SIGN[found.kind]
    separator = "" if sign == "±" else " "
    text = f"{sign}{separator}{format_number(found.value)} {found.unit}"
    spec = described(
        item,
        ItemKind(found.kind),
        [Limit(None, found.value)],
        [text],
        [(f"{found.clause} ({name})", found.confidence)],
    )
    if found.conditions and found.conditions_en:
        return _with_suffix(spec, f"({found.conditions})", f"({found.conditions_en})")
    return spec


_STRUCTURE = {"conductor_wire_count": (2,), "conductor_wire_diameter": (5, 6)}


def structure_item(item: str, ctx: Context) -> ItemSpec | None:
    """Conductor structure (GB/T 3956): least wire count (class 2), largest wire (class 5/6).

    None when the item does not apply to the conductor class (a solid class-1 conductor).
    """
    d = ctx.designation
    if d.conductor_class not in _STRUCTURE[item]:
        return None
    limits: list[Limit] = []
    texts: list[str] = []
    sources: list[tuple[str, str]] = []
    for section in d.sections_mm2:
        found = conductor_structure(d.conductor_class, d.conductor_material, section)
        value = (
            None if found is None else (found[0] if item == "conductor_wire_count" else found[1])
        )
        if found is None or value is None:
            return not_encoded(
                item,
                f"GB/T 3956-2008 (class {d.conductor_class} {d.conductor_material.value} "
                f"{format_number(section)} mm²)",
            )
        limits.append(Limit(section, float(value)))
        texts.append(
            f"≥ {int(value)}" if item == "conductor_wire_count" else f"≤ {format_number(value)} mm"
        )
        sources.append((found[2], found[3]))
    kind = ItemKind.AT_LEAST if item == "conductor_wire_count" else ItemKind.AT_MOST
    return described(item, kind, limits, texts, sources)


def core_identification_item(ctx: Context) -> ItemSpec | None:
    """Core identification: a multicore cable's; None for a single core."""
    if ctx.designation.total_cores <= 1:
        return None
    return _fixed_text_item("core_identification", ctx)


def insulation_resistance_item(ctx: Context) -> ItemSpec | None:
    """Insulation resistance at 70 °C of a GB/T 5023 type (MΩ·km, the type table's minimum)."""
    if ctx.family.tables == "gbt12706":
        return None  # power cables: the insulation resistance constant Ki instead
    row = _gbt5023_whole_cable_row(ctx)
    if row is None or row.insulation_resistance is None:
        source = gbt5023_source(ctx) if ctx.family.tables == "gbt5023" else ctx.standard
        return not_encoded("insulation_resistance", source)
    limit = Limit(None, row.insulation_resistance)
    text = f"≥ {format_number(row.insulation_resistance)} MΩ·km (70 °C)"
    return described(
        "insulation_resistance",
        ItemKind.AT_LEAST,
        [limit],
        [text],
        [(row.clause, row.ir_confidence)],
    )


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


_BUILDERS: dict[str, Callable[[Context], ItemSpec | None]] = {
    "conductor_wire_count": partial(structure_item, "conductor_wire_count"),
    "conductor_wire_diameter": partial(structure_item, "conductor_wire_diameter"),
    "core_identification": core_identification_item,
    "armour_tape_thickness": partial(armour_item, "armour_tape_thickness"),
    "armour_wire_diameter": partial(armour_item, "armour_wire_diameter"),
    "inner_covering_thickness_min": inner_covering_item,
    "conductor_resistance": resistance_item,
    "insulation_thickness_mean": insulation_mean_item,
    "insulation_thickness_min": insulation_min_item,
    "sheath_thickness_mean": sheath_mean_item,
    "sheath_thickness_min": sheath_min_item,
    "overall_diameter_mean": diameter_item,
    "insulation_resistance": insulation_resistance_item,
    **{name: partial(compound_requirement, name) for name in COMPOUND_ITEMS},
    "voltage_test": voltage_item,
}


@lru_cache(maxsize=4096)
def build_items(
    designation: Designation, rule: str | None = None, coating: str = "plain"
) -> tuple[ItemSpec, ...]:
    """Every required item of a designation by a rule edition (cached: plans reuse it)."""
    ctx = context_for(designation, coating)
    return _build(ctx, required_item_names(designation, rule))


def _build(ctx: Context, names: tuple[str, ...]) -> tuple[ItemSpec, ...]:
    built = (
        _BUILDERS[name](ctx) if name in _BUILDERS else _fixed_text_item(name, ctx) for name in names
    )
    return tuple(spec for spec in built if spec is not None)


@lru_cache(maxsize=1024)
def catalogue_items(designation: Designation | str) -> tuple[ItemSpec, ...]:
    """Every item the engine can state for a designation: the default work list plus the
    additions of data/requirements.json (ageing, hot set, structure, armour ...), each with
    its requirement or marked not encoded, without those that do not apply.
    """
    if isinstance(designation, str):
        designation = parse_designation(designation)
    names = required_item_names(designation) + tuple(
        requirements()["required_items"]["additions"]["items"]
    )
    return _build(context_for(designation), tuple(dict.fromkeys(names)))


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


__all__ = ["LABELS", "build_items", "catalogue_items", "required_items"]

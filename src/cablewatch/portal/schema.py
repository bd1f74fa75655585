"""The open-data schema: one definition for the exports, the API and the schema page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from cablewatch.base.vocabulary import labels
from cablewatch.portal.models import PublishedResult


def item_names(text: str) -> str:
    """Failed items in the official (Chinese) names, as announcements write them."""
    return labels("item", text, lang="zh-hans") if text else ""


SCHEMA_VERSION = "1.1"  # 1.1: failed_item_keys
LICENCE = "CC BY 4.0"

# (field, announcement column heading, description) in the standard announcement order,
# then the open-data extras.
ANNOUNCEMENT_COLUMNS: list[tuple[str, str]] = [
    ("seq", "序号"),
    ("product_name", "产品名称"),
    ("enterprise_name", "标称生产企业名称"),
    ("enterprise_address", "标称生产企业地址"),
    ("sampled_unit_name", "被抽样单位名称"),
    ("sampled_unit_location", "被抽样单位所在地"),
    ("designation", "规格型号"),
    ("brand", "商标"),
    ("batch", "生产日期/批号"),
    ("result", "抽查结果"),
    ("failed_items", "不合格项目"),
    ("lab_name", "承检机构"),
]
FIELDS: list[tuple[str, Any]] = [
    ("id", _("Stable identifier of the row; also the changes-since cursor order")),
    ("seq", _("Row number in its announcement")),
    ("product_name", _("Product name as published")),
    ("enterprise_name", _("Nominal manufacturer, as published (normalised text)")),
    ("enterprise_address", _("Address of the nominal manufacturer")),
    ("sampled_unit_name", _("Where the sample was taken")),
    ("sampled_unit_location", _("Location of the sampled unit")),
    ("designation", _("Model designation as written")),
    ("designation_unparsed", _("true when the designation was not understood")),
    ("product_family", _("Product family from the designation (e.g. BV, YJV)")),
    ("brand", _("Brand")),
    ("batch", _("Production date or batch")),
    ("result", _("pass or fail")),
    ("failed_items", _("Nonconforming items, separated by 、")),
    (
        "failed_item_keys",
        _("The same items as the standards engine's item keys (one vocabulary for every source)"),
    ),
    ("lab_name", _("Testing body")),
    ("credit_code", _("Unified social credit code when known")),
    ("enterprise_id", _("Registry enterprise the row was matched to")),
    ("region", _("GB/T 2260 code of the region")),
    ("year", _("Year of the result")),
    ("published_on", _("Date of publication (ISO 8601)")),
    ("source", _("platform (announced here) or imported (another region's announcement)")),
    ("source_label", _("Who published it")),
    ("announcement_id", _("Announcement on this platform, if any")),
    ("superseded", _("true when a correction replaced this row")),
]


def row_values(r: PublishedResult) -> dict[str, Any]:
    return {
        "id": r.pk,
        "seq": r.seq,
        "product_name": r.product_name,
        "enterprise_name": r.enterprise_name,
        "enterprise_address": r.enterprise_address,
        "sampled_unit_name": r.sampled_unit_name,
        "sampled_unit_location": r.sampled_unit_location,
        "designation": r.designation,
        "designation_unparsed": r.designation_unparsed,
        "product_family": r.product_family,
        "brand": r.brand,
        "batch": r.batch,
        "result": r.verdict,
        "failed_items": item_names(r.failed_items),
        "failed_item_keys": r.failed_items,
        "lab_name": r.lab_name,
        "credit_code": r.credit_code,
        "enterprise_id": r.enterprise_id,
        "region": r.division_code,
        "year": r.year,
        "published_on": r.published_on.isoformat() if r.published_on else None,
        "source": r.source,
        "source_label": r.source_label,
        "announcement_id": r.announcement_id,
        "superseded": r.superseded,
    }


def field_names() -> list[str]:
    return [name for name, _d in FIELDS]

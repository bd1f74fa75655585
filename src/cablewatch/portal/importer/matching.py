"""Match announcement makers to registry enterprises, creating those not yet known.

Credit code first; then the normalised current or former name, exactly and then
by similarity (rapidfuzz). Everything is loaded once, so a 100,000-row file costs
one lookup per distinct maker, not one query per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from cablewatch.base.errors import DomainError
from cablewatch.base.models import Division, User
from cablewatch.lib import creditcode
from cablewatch.lib.textnorm import normalise_name
from cablewatch.registry.models import Enterprise, EnterpriseName
from cablewatch.registry.services import create_enterprise

# Names one character apart are often different makers (远东 / 远方), so similarity only
# catches typos in long names; the legal-form words are compared apart from the name core.
FUZZY_CUTOFF = 95.0
_FORMS = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团|总公司|公司|总厂|厂)")


def name_core(key: str) -> str:
    return _FORMS.sub("", key)


@dataclass
class EnterpriseMatcher:
    actor: User | None
    region: str = ""
    source: str = ""
    by_code: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    by_core: dict[str, int] = field(default_factory=dict)
    divisions: dict[int, str] = field(default_factory=dict)
    created: list[tuple[int, str]] = field(default_factory=list)
    matched: set[int] = field(default_factory=set)
    _cache: dict[tuple[str, str], int] = field(default_factory=dict)
    _places: list[tuple[str, str]] = field(default_factory=list)

    def load(self) -> EnterpriseMatcher:
        for pk, key, code, division in Enterprise.objects.values_list(
            "pk", "name_key", "credit_code", "division_id"
        ):
            self._remember(key, pk)
            self.divisions[pk] = division
            if code:
                self.by_code[code] = pk
        for pk, key in EnterpriseName.objects.values_list("enterprise_id", "name_key"):
            self._remember(key, pk)
        self._places = _place_names()
        return self

    def _remember(self, key: str, pk: int) -> None:
        self.by_key.setdefault(key, pk)
        core = name_core(key)
        if len(core) >= 2:
            self.by_core.setdefault(core, pk)

    def match(self, name: str, code: str, address: str) -> int:
        """The id of the enterprise for this announcement row (created if needed)."""
        code = "".join(code.split()).upper()
        cache_key = (normalise_name(name), code)
        if cache_key in self._cache:
            return self._cache[cache_key]
        pk = self._find(cache_key[0], code)
        if pk is None:
            pk = self._create(name, code, address)
        else:
            self.matched.add(pk)
        self._cache[cache_key] = pk
        return pk

    def _find(self, key: str, code: str) -> int | None:
        if code and code in self.by_code:
            return self.by_code[code]
        if key in self.by_key:
            return self.by_key[key]
        core = name_core(key)
        if len(core) >= 2 and core in self.by_core:
            return self.by_core[core]
        if not self.by_key or len(key) < 4:
            return None
        best = process.extractOne(
            key, self.by_key.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return self.by_key[best[0]] if best else None

    def _create(self, name: str, code: str, address: str) -> int:
        valid_code = code if code and creditcode.is_valid(code) else None
        data = {
            "name": name,
            "credit_code": valid_code,
            "kind": Enterprise.Kind.MANUFACTURER,
            "address": address[:255],
            "division": Division.objects.get(code=self._division_for(address)),
        }
        reason = _("Created by the import of a published announcement (%(source)s).") % {
            "source": self.source or "-"
        }
        try:
            enterprise = create_enterprise(actor=self.actor, data=data, reason=reason)
        except DomainError:
            data["credit_code"] = None
            enterprise = create_enterprise(actor=self.actor, data=data, reason=reason)
        self._remember(enterprise.name_key, enterprise.pk)
        if enterprise.credit_code:
            self.by_code[enterprise.credit_code] = enterprise.pk
        self.divisions[enterprise.pk] = enterprise.division_id
        self.created.append((enterprise.pk, enterprise.name))
        return enterprise.pk

    def _division_for(self, address: str) -> str:
        for short, code in self._places:
            if short in address:
                return code
        return self.region or "000000"


def _place_names() -> list[tuple[str, str]]:
    """(short name, code) of cities then provinces, longest first, for finding a place."""
    suffixes = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "地区")
    places = []
    for code, name, level in Division.objects.exclude(level="national").values_list(
        "code", "name", "level"
    ):
        short = name
        for suffix in suffixes:
            if short.endswith(suffix) and len(short) > len(suffix) + 1:
                short = short[: -len(suffix)]
                break
        places.append((0 if level == "city" else 1, -len(short), short, code))
    places.sort()
    return [(short, code) for _l, _n, short, code in places]

"""Demo cases for the Xi'an enforcement brigade: one open, one flagged for transfer.
Found again by their origin reference, so loading twice adds nothing."""

from __future__ import annotations

from decimal import Decimal

from cablewatch.base.demo import DemoContext
from cablewatch.base.models import User
from cablewatch.enforcement import services
from cablewatch.enforcement.models import Case
from cablewatch.registry.models import Enterprise


def load(context: DemoContext) -> None:
    officer = User.objects.filter(username="enforcer").first()
    makers = list(
        Enterprise.objects.filter(division__code__startswith="6101", kind="manufacturer").order_by(
            "pk"
        )[:2]
    )
    if officer is None or len(makers) < 2:
        return
    if not Case.objects.filter(origin_ref="demo-open").exists():
        services.open_case(
            actor=officer,
            enterprise=makers[0],
            origin=Case.Origin.COMPLAINT,
            violation=Case.Violation.ADULTERATION,
            summary="举报：BV 1×2.5 导体截面不足，以不合格产品冒充合格产品",
            origin_ref="demo-open",
        )
    if not Case.objects.filter(origin_ref="demo-transfer").exists():
        case = services.open_case(
            actor=officer,
            enterprise=makers[1],
            origin=Case.Origin.INSPECTION,
            violation=Case.Violation.UNSAFE,
            summary="检查发现 YJV 电力电缆导体电阻不合格，销售金额较大",
            origin_ref="demo-transfer",
        )
        case = services.file_case(actor=officer, case=case)
        services.update_figures(
            actor=officer,
            case=case,
            sold_value=Decimal("86000"),
            unsold_value=Decimal("42000"),
            illegal_income=Decimal("15000"),
        )

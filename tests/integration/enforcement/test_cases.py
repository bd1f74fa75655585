"""Cases from failed results, the procedure, the decision range check and transfers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cablewatch.base.errors import ConflictError, DomainError
from cablewatch.base.models import Agency, AuditEntry, User
from cablewatch.enforcement import services
from cablewatch.enforcement.models import Case, FailedSample
from cablewatch.registry.models import Enterprise
from tests.enforcement_support import publish_result

pytestmark = pytest.mark.django_db


def test_a_failed_result_opens_a_case_for_the_nearest_enforcement_department(
    shaanxi_maker: Enterprise, agencies: dict[str, Agency]
) -> None:
    publish_result(shaanxi_maker)
    case = Case.objects.get()
    assert case.agency == agencies["enforcement"]
    assert case.origin == "spotcheck" and case.origin_ref == "S-1"
    assert case.stage == "filing" and case.stage_due is not None
    assert FailedSample.objects.get().failed_items == ["导体电阻"]
    assert AuditEntry.objects.filter(action="enforcement.case.opened").count() == 1


def test_the_same_result_twice_opens_one_case(shaanxi_maker: Enterprise, agencies: object) -> None:
    publish_result(shaanxi_maker)
    publish_result(shaanxi_maker)
    assert Case.objects.count() == 1


def test_a_passing_result_opens_nothing(shaanxi_maker: Enterprise, agencies: object) -> None:
    publish_result(shaanxi_maker, verdict="pass")
    assert not Case.objects.exists() and not FailedSample.objects.exists()


def test_a_second_failure_marks_a_repeat_offender(
    shaanxi_maker: Enterprise, agencies: object
) -> None:
    publish_result(shaanxi_maker, "S-1")
    assert not services.history(shaanxi_maker.pk)["repeat"]
    publish_result(shaanxi_maker, "S-2")
    assert services.history(shaanxi_maker.pk)["repeat"]


def _to_notice(case: Case, enforcer: User, sold: str = "1000", unsold: str = "0") -> Case:
    case = services.file_case(actor=enforcer, case=case)
    case = services.update_figures(
        actor=enforcer,
        case=case,
        sold_value=Decimal(sold),
        unsold_value=Decimal(unsold),
        illegal_income=Decimal(100),
    )
    return services.serve_notice(actor=enforcer, case=case)


def test_a_fine_outside_the_range_needs_a_reason(shaanxi_maker: Enterprise, enforcer: User) -> None:
    publish_result(shaanxi_maker)
    case = _to_notice(Case.objects.get(), enforcer)  # range 1,000 to 3,000
    with pytest.raises(DomainError) as caught:
        services.decide_penalty(actor=enforcer, case=case, fine=Decimal(500), decision="fine")
    assert caught.value.field == "reason"
    case = services.decide_penalty(
        actor=enforcer, case=case, fine=Decimal(500), decision="fine", reason="first offence"
    )
    assert case.stage == "execution" and case.fine_reason == "first offence"


def test_a_fine_inside_the_range_needs_no_reason(shaanxi_maker: Enterprise, enforcer: User) -> None:
    publish_result(shaanxi_maker)
    case = _to_notice(Case.objects.get(), enforcer)
    case = services.decide_penalty(actor=enforcer, case=case, fine=Decimal(3000), decision="fine")
    assert case.fine == Decimal(3000)


def test_steps_out_of_order_are_refused(shaanxi_maker: Enterprise, enforcer: User) -> None:
    publish_result(shaanxi_maker)
    with pytest.raises(ConflictError):
        services.serve_notice(actor=enforcer, case=Case.objects.get())


def test_figures_at_the_threshold_flag_the_case_and_block_closing(
    shaanxi_maker: Enterprise, enforcer: User, police: Agency
) -> None:
    publish_result(shaanxi_maker)
    case = _to_notice(Case.objects.get(), enforcer, sold="50000")
    assert case.transfer == "flagged" and "第十六条" in case.transfer_basis
    with pytest.raises(ConflictError):
        services.close_case(actor=enforcer, case=case, outcome="done")
    case = services.record_transfer(actor=enforcer, case=case, police=police, documents="letter")
    with pytest.raises(ConflictError):
        services.close_case(actor=enforcer, case=case, outcome="done")
    case = services.record_police_response(actor=enforcer, case=case, response="accepted")
    case = services.close_case(actor=enforcer, case=case, outcome="transferred")
    assert case.stage == "closed"


def test_figures_below_the_threshold_do_not_flag(shaanxi_maker: Enterprise, enforcer: User) -> None:
    publish_result(shaanxi_maker)
    case = _to_notice(Case.objects.get(), enforcer, sold="40000", unsold="29999.99")
    assert case.transfer == "none"


def test_a_refusal_needs_the_police_reasons(
    shaanxi_maker: Enterprise, enforcer: User, police: Agency
) -> None:
    publish_result(shaanxi_maker)
    case = _to_notice(Case.objects.get(), enforcer, sold="0", unsold="150000")
    case = services.record_transfer(actor=enforcer, case=case, police=police, documents="letter")
    with pytest.raises(DomainError):
        services.record_police_response(actor=enforcer, case=case, response="refused")
    case = services.record_police_response(
        actor=enforcer, case=case, response="refused", note="no crime"
    )
    assert case.transfer == "refused" and not case.transfer_unresolved


def test_a_transfer_goes_only_to_the_police(
    shaanxi_maker: Enterprise, enforcer: User, agencies: dict[str, Agency]
) -> None:
    publish_result(shaanxi_maker)
    case = services.flag_transfer(actor=enforcer, case=Case.objects.get(), basis="刑法146")
    with pytest.raises(DomainError):
        services.record_transfer(actor=enforcer, case=case, police=agencies["lab"], documents="x")

from __future__ import annotations

from django.utils.translation import gettext as _

from cablewatch.base.errors import DomainError
from cablewatch.lib import creditcode


def credit_code_message(error: creditcode.CreditCodeError) -> str:
    """The translated reason for a refused unified social credit code."""
    messages = {
        "length": _("The credit code must be 18 characters long."),
        "character": _(
            "The credit code may use only digits and capital letters other than I, O, S, V, Z."
        ),
        "division": _("Characters 3 to 8 of the credit code must be a six-digit division code."),
        "check_digit": _(
            "The check character of the credit code is wrong (GB 32100-2015): "
            "the first 17 characters give %(expected)s."
        ),
    }
    text = messages[error.code]
    if error.code == "check_digit":
        text = text % {"expected": error.message.rsplit(" ", 1)[-1]}
    return text


def clean_credit_code(raw: str) -> str:
    try:
        return creditcode.validate(raw)
    except creditcode.CreditCodeError as exc:
        raise DomainError(credit_code_message(exc), field="credit_code") from None

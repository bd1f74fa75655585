"""Exceptions that services raise and views or the API turn into messages."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the operation. `field` names the input at fault, if any."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class PermissionDeniedError(DomainError):
    status = 403


class ConflictError(DomainError):
    status = 409


class FieldsError(DomainError):
    """Several rules refused the input at once: field name -> messages, so that a form
    can show every problem beside its field in one round ("" for the whole record)."""

    def __init__(self, errors: dict[str, list[str]], *, code: str = "invalid") -> None:
        first_field, messages = next(iter(errors.items()))
        super().__init__(messages[0], field=first_field or None, code=code)
        self.errors = errors

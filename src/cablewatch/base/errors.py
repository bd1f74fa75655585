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

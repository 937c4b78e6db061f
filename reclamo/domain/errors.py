"""Errors raised by the domain core. Services and views turn them into form errors or 4xx."""


class DomainError(Exception):
    """A rule of a complaint procedure was broken, or input cannot be interpreted."""

    code: str = "domain_error"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code


class OutOfRange(DomainError):
    """A date or instant, or a deadline computed from it, is outside what Reclamo can compute."""

    code = "out_of_range"

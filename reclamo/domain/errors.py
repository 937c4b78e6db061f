"""Errors raised by the domain core. Services and views turn them into form errors or 4xx."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


class DomainError(Exception):
    """A rule of a complaint procedure was broken, or input cannot be interpreted.

    ``message`` is English, for logs and tests; ``code`` (with ``field`` and ``params``, the values
    the message names) lets the Django side word it in the reader's language.
    """

    code: str = "domain_error"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.params: Mapping[str, object] = MappingProxyType(dict(params or {}))
        if code is not None:
            self.code = code


class OutOfRange(DomainError):
    """A date or instant, or a deadline computed from it, is outside what Reclamo can compute."""

    code = "out_of_range"

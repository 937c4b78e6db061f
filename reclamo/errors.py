"""Errors raised by services (the write path) and by start-up configuration.

The domain core raises `DomainError` (reclamo.domain.errors); a service raises `ApplicationError`
when a request cannot be carried out as asked (a conflict with stored state, a missing
precondition). Views and forms turn it into a form error on `field`, the API into
`{"error": {"code", "message", "field"}}` with `status` (409 unless the service says otherwise).
"""

from __future__ import annotations

from collections.abc import Mapping


class ApplicationError(Exception):
    """A service refused a request; `code` is stable, `message` is for the person asking."""

    status: int = 409

    def __init__(
        self,
        code: str,
        message: str,
        field: str | None = None,
        *,
        status: int | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        # Values for the translated message of `code` (reclamo/error_messages.py).
        self.params = params
        if status is not None:
            self.status = status


class ConfigurationError(Exception):
    """The environment does not describe a runnable installation.

    Defined here, not in `config.env`, so that `reclamo` (the console script) can catch it
    without importing `config`: the project package never depends on the deployment package.
    """

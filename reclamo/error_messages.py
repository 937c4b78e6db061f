"""Error messages in the reader's language, chosen by the error's code, in one table.

The domain core (pure Python) words its errors in English for logs and tests; what a person reads
— an API answer or a form error on a page — is looked up here by ``code`` and formatted with the
error's ``field`` and ``params`` (``%(name)s`` placeholders, as translators know them from
Django). A code that has no entry, or whose entry needs a parameter the error did not carry, falls
back to the error's own English message, so a new error is never lost, only untranslated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _


class CodedError(Protocol):
    """What DomainError and ApplicationError have in common."""

    code: str
    message: str
    field: str | None


# Message ids, marked for extraction; translated when an error is answered.
MESSAGES: Mapping[str, str] = {
    # Input the API or a form cannot read (T-6: instants carry their offset).
    "instant_without_offset": _(
        "%(field)s: %(value)s has no UTC offset; send the instant with its offset, "
        "e.g. 2026-11-20T14:30:00+01:00."
    ),
    "invalid_instant": _(
        "%(field)s: %(value)s is not an instant; send an ISO 8601 date and time with its "
        "offset, e.g. 2026-11-20T14:30:00+01:00."
    ),
    "invalid_date": _(
        "%(field)s: %(value)s is not a date; send it as YYYY-MM-DD, e.g. 2026-11-20."
    ),
    "invalid_phone": _(
        "%(field)s: %(value)s is not a phone number; give it with its country prefix, "
        "e.g. +421 948 031 942."
    ),
    "out_of_range": _(
        "%(field)s: this date is outside the range the product can count deadlines in."
    ),
    "no_policy_in_force": _(
        "No complaint procedure of this provider was in force at that time; "
        "send a later date of receipt."
    ),
    # Quality reports (reclamo.reporting): the period asked for.
    "period_reversed": _("to: the period ends before it starts; send a date on or after from."),
    "period_too_long": _("to: a report covers at most %(days)s days; ask for a shorter period."),
    "missing_field": _("%(field)s: this field is required."),
    "required": _("%(field)s: this field is required."),
    "unknown_value": _("%(field)s: %(value)s is not a known value; use one of %(expected)s."),
    "unknown_department": _(
        "%(value)s is not a department of this provider; use one of %(expected)s."
    ),
    "after_received": _(
        "%(field)s is after the case was received; a case cannot be received before it happened."
    ),
    "before_received": _(
        "%(field)s is before the case was received; a case is registered after it arrives."
    ),
    "naive_datetime": _(
        "%(field)s has no UTC offset; send the time with its offset, "
        "e.g. 2026-11-20T14:30:00+01:00."
    ),
    # Remedies (UN-13 … UN-16, PC-6, PC-7, PC-16).
    "invalid_amount": _(
        "%(field)s: %(value)s is not an amount; send it as a string with a dot and at most two "
        'decimals, e.g. "20.00".'
    ),
    "invalid_period": _("%(field)s: %(value)s is not a billing month; send it as YYYY-MM."),
    "remedy_not_offered": _("The complaint procedure of this provider does not set this remedy."),
    "currency_mismatch": _(
        "%(field)s: amounts are in %(expected)s, the currency of this provider, not %(value)s."
    ),
    "negative_amount": _("%(field)s: an amount cannot be negative."),
    "end_not_after_start": _("%(field)s: the outage must end after it started."),
    "history_too_short": _(
        "The service was used for %(value)s complete billing month(s); the procedure sets an "
        "average only for more than %(expected)s."
    ),
    "history_incomplete": _(
        "history: the average needs the amounts of these billing months: %(value)s."
    ),
    "period_before_first": _(
        "history: %(value)s is before the first billing month of the service, %(expected)s."
    ),
    "first_period_not_before_disputed": _(
        "%(field)s: the first billing month must come before the disputed one."
    ),
    "duplicate_period": _("%(field)s: the billing month %(value)s is listed twice."),
    # The API's own answers.
    "invalid_json": _("The request body is not valid JSON."),
    "unsupported_media_type": _(
        "This endpoint reads JSON: send the body with Content-Type: application/json."
    ),
    "bad_request": _("The request cannot be read."),
    "forbidden": _("This token may not do that."),
    "too_many_requests": _("Too many requests; please wait a moment and try again."),
    "request_too_large": _("The request is too large."),
    "not_found": _("There is nothing at this address."),
    "method_not_allowed": _("This address does not answer %(method)s; it answers %(allowed)s."),
    "unknown_provider": _("No provider %(value)s is set up."),
    "unauthorized": _(
        "Send a valid integration token: Authorization: Bearer TOKEN "
        "(issued with `reclamo issue_api_token SLUG`)."
    ),
    "server_error": _(
        "Something went wrong on our side; the error has been logged. Please try again later."
    ),
    # Letters that could not be delivered (console, undelivered letters).
    "no_contact": _(
        "The customer has neither an email address nor a phone number: print the letter and "
        "send it by post."
    ),
    "delivery_not_failed": _("This letter has not failed: it is sent, or still being sent."),
    "letter_not_failed": _("This letter has not failed: it is sent, or still being sent."),
}


def error_text(
    code: str,
    *,
    default: str,
    field: str | None = None,
    params: Mapping[str, object] | None = None,
) -> str:
    """The message for ``code`` in the active language, else ``default`` (the English original)."""
    template = MESSAGES.get(code)
    if template is None:
        return default
    values: dict[str, object] = dict(params or {})
    if field:
        values["field"] = field
    try:
        return gettext(template) % values
    except (KeyError, TypeError, ValueError):
        return default


def error_message(error: CodedError) -> str:
    """The message a person reads for a DomainError or an ApplicationError."""
    return error_text(
        error.code,
        default=error.message,
        field=error.field,
        params=getattr(error, "params", None),
    )

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
    # Case handling (console and API): what a service refuses, and what to do instead.
    "case_settled": _("This case is already settled; it can no longer be changed."),
    "already_decided": _("This case is already decided."),
    "case_closed": _("This case is already decided."),
    "reasons_required": _(
        "A rejection or a partial outcome needs the reasons the customer is told."
    ),
    "out_of_order_reason_required": _(
        "Case %(number)s of the same queue is older and still open; say why this one is "
        "decided first (%(rule)s)."
    ),
    "outcome_required": _("A settled case needs its outcome."),
    "note_empty": _("Write the note first."),
    "reply_empty": _("Write the reply first."),
    "no_customer_email": _("The customer gave no email address; write to them by post."),
    # Remedies.
    "adjustment_reason_required": _(
        "An amount other than the computed one needs the reason for the adjustment."
    ),
    "remedy_already_applied": _("A remedy is already applied in this case."),
    "remedy_not_computed": _("No remedy of this kind can be computed for this case."),
    "credited_automatically": _(
        "The customer was already credited for outage %(outage)s without a claim."
    ),
    "no_customer": _("The case is matched to no customer record."),
    "no_service": _("The customer had no service in use during the fault."),
    # Lists, the portal and the letters (console).
    "invalid_cursor": _("cursor is not one this list gave; start again without it."),
    "invalid_limit": _("limit must be 1 to %(max)s, not %(value)s."),
    "unknown_status": _("%(field)s: %(value)s is not a status of a case."),
    "unknown_outcome": _("%(field)s: %(value)s is not an outcome of a case."),
    "account_exists": _("This address already has an account."),
    "unknown_delivery": _("No such letter in this register."),
    "unknown_letter": _("No such letter in this register."),
    "idempotency_key_reused": _(
        "This Idempotency-Key was already used for a different request; send a new key for a "
        "new request."
    ),
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

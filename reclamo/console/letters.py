"""Letters the gateways could not deliver: the list staff work through, and what they do.

A case letter (acknowledgement, extension notice, written statement …) fails after its last
retry or at once when the case has no address; an automatic outage credit's letter fails when the
customer's gateway refuses it. Staff send it again once the contact is right, or print it and
record that it went by post. Everyone in the console sees the list; acting on a case letter takes
the right to work the case, on a credit letter that of a complaint handler or administrator.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_POST

from reclamo.billing.notices import outage_credit_letter_send_again
from reclamo.billing.selectors import outage_credit_letters_failed
from reclamo.casework.permissions import user_may_handle_provider_letters, user_may_work
from reclamo.complaints.events import Actor
from reclamo.console.access import Console, console_view, forbidden
from reclamo.console.register import format_moment
from reclamo.console.views import console_context
from reclamo.error_messages import error_message
from reclamo.errors import ApplicationError
from reclamo.letters.selectors import deliveries_failed, delivery_get
from reclamo.letters.services import NO_CONTACT, contact_channel
from reclamo.letters.undelivered import delivery_record_posted, delivery_send_again

# More failed letters than this is an outage of the gateway, not a list to work by hand.
SHOWN = 200


@dataclass(frozen=True, slots=True)
class CaseLetter:
    id: int
    number: str
    case_url: str
    subject: str
    kind: str
    channel: str
    to: str
    attempts: int
    reason: tuple[str, bool]  # (text, a gateway's own words)
    failed_text: str
    statement_url: str  # the PDF to print, for a written statement
    has_contact: bool  # the case now holds an email address or a phone number
    may_act: bool


@dataclass(frozen=True, slots=True)
class CreditLetter:
    id: int
    customer: str
    contact: str
    outage: str
    amount: str
    reason: tuple[str, bool]


def _reason(error: str) -> tuple[str, bool]:
    """Why a letter failed, and whether that is a gateway's own text (shown as it came, for
    staff to pass on to IT) or, for no address at all, words in the reader's language."""
    if NO_CONTACT in error:
        return gettext("No email address or phone number."), False
    return error, True


@require_GET
@console_view
def undelivered_letters(request: HttpRequest, console: Console) -> HttpResponse:
    language = get_language()
    slug = console.provider.slug
    failed = list(deliveries_failed(provider=console.provider)[: SHOWN + 1])
    case_letters = [
        CaseLetter(
            id=delivery.pk,
            number=delivery.complaint.number,
            case_url=reverse("console:case", args=[slug, delivery.complaint.number]),
            subject=delivery.complaint.subject,
            kind=delivery.get_kind_display(),
            channel=delivery.get_channel_display(),
            to=delivery.to,
            attempts=delivery.attempts,
            reason=_reason(delivery.last_error),
            failed_text=format_moment(delivery.updated_at, console.zone, language),
            statement_url=reverse("console:statement", args=[slug, delivery.complaint.number])
            if delivery.kind == "statement"
            else "",
            has_contact=bool(contact_channel(delivery.complaint)[0]),
            may_act=user_may_work(request.user, delivery.complaint),
        )
        for delivery in failed[:SHOWN]
    ]
    credits = list(outage_credit_letters_failed(provider=console.provider)[: SHOWN + 1])
    credit_letters = [
        CreditLetter(
            id=remedy.pk,
            customer=remedy.customer.reference if remedy.customer else "",
            contact=(remedy.customer.email or remedy.customer.phone) if remedy.customer else "",
            outage=remedy.outage.reference if remedy.outage else "",
            amount=f"{remedy.amount} {remedy.currency}",
            reason=_reason(remedy.letter_error),
        )
        for remedy in credits[:SHOWN]
    ]
    context = {
        **console_context(console, "letters"),
        "case_letters": case_letters,
        "case_letters_more": len(failed) > SHOWN,
        "credit_letters": credit_letters,
        "credit_letters_more": len(credits) > SHOWN,
        "may_credits": user_may_handle_provider_letters(request.user, console.provider.pk),
        "shown": SHOWN,
    }
    return render(request, "console/undelivered.html", context)


@require_POST
@console_view
def case_letter_act(
    request: HttpRequest, console: Console, delivery_id: int, action: str
) -> HttpResponse:
    """``again``: back in the queue; ``posted``: staff posted a printed copy."""
    services = {"again": delivery_send_again, "posted": delivery_record_posted}
    delivery = delivery_get(provider=console.provider, delivery_id=delivery_id)
    if delivery is None or action not in services:
        raise Http404("No such letter in this register.")
    if not user_may_work(request.user, delivery.complaint):
        return forbidden(request)
    try:
        services[action](
            provider=console.provider,
            delivery_id=delivery_id,
            actor=Actor.staff(request.user),  # type: ignore[arg-type]
        )
    except ApplicationError as error:
        messages.error(request, error_message(error))
    else:
        number = delivery.complaint.number
        messages.success(
            request,
            gettext("Case %(number)s: the letter will be sent again within a few minutes.")
            % {"number": number}
            if action == "again"
            else gettext("Case %(number)s: the letter is recorded as sent by post.")
            % {"number": number},
        )
    return redirect("console:undelivered", slug=console.provider.slug)


@require_POST
@console_view
def credit_letter_again(request: HttpRequest, console: Console, remedy_id: int) -> HttpResponse:
    if not user_may_handle_provider_letters(request.user, console.provider.pk):
        return forbidden(request)
    try:
        remedy = outage_credit_letter_send_again(
            provider=console.provider, remedy_id=remedy_id, actor=request.user.get_username()
        )
    except ApplicationError as error:
        if error.status == 404:
            raise Http404(error.message) from None
        messages.error(request, error_message(error))
    else:
        customer = remedy.customer.reference if remedy.customer else ""
        messages.success(
            request,
            gettext("Customer %(customer)s: the credit letter will be sent again within minutes.")
            % {"customer": customer},
        )
    return redirect("console:undelivered", slug=console.provider.slug)
